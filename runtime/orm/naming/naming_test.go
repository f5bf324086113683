package naming

import "testing"

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"Post": "post", "BlogPost": "blog_post", "APIKey": "api_key", "AuthorID": "author_id",
		"ID": "id", "HTTPServer2": "http_server2", "OAuth2Token": "o_auth2_token", "createdAt": "created_at",
	} {
		if got := Snake(in); got != want {
			t.Errorf("Snake(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTable(t *testing.T) {
	for in, want := range map[string]string{
		"Post": "posts", "Category": "categories", "Day": "days", "Box": "boxes",
		"Status": "statuses", "Church": "churches", "Wish": "wishes", "BlogPost": "blog_posts",
		"APIKey": "api_keys",
	} {
		if got := Table(in); got != want {
			t.Errorf("Table(%q) = %q, want %q", in, got, want)
		}
	}
}
