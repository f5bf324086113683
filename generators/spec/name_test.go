package spec

import (
	"errors"
	"go/types"
	"strconv"
	"strings"
	"testing"
)

func TestPluralSingular(t *testing.T) {
	tests := []struct{ singular, plural string }{
		{"post", "posts"},
		{"blog_post", "blog_posts"},
		{"person", "people"},
		{"child", "children"},
		{"category", "categories"},
		{"status", "statuses"},
		{"address", "addresses"},
		{"datum", "data"},
		{"mouse", "mice"},
		{"series", "series"},
		{"equipment", "equipment"},
		{"news", "news"},
		{"virus", "viruses"},
		{"schema", "schemas"},
		{"lens", "lenses"},
		{"bus", "buses"},
		{"quiz", "quizzes"},
		{"company", "companies"},
		{"box", "boxes"},
		{"leaf", "leaves"},
		{"order_item", "order_items"},
		{"sales_person", "sales_people"},
		{"user_status", "user_statuses"},
		{"api_key", "api_keys"},
		{"item2", "item2s"},
	}
	for _, tt := range tests {
		if got := Plural(tt.singular); got != tt.plural {
			t.Errorf("Plural(%q) = %q, want %q", tt.singular, got, tt.plural)
		}
		if got := Singular(tt.plural); got != tt.singular {
			t.Errorf("Singular(%q) = %q, want %q", tt.plural, got, tt.singular)
		}
	}
	if Plural("") != "" || Singular("") != "" {
		t.Error("empty input must stay empty")
	}
}

func mustName(t *testing.T, s string) Name {
	t.Helper()
	n, err := ParseName("model name", s)
	if err != nil {
		t.Fatalf("ParseName(%q): %v", s, err)
	}
	return n
}

func TestNameForms(t *testing.T) {
	tests := []struct {
		in                                 string
		goName, goPlural, v, vPlural, recv string
		snake, table, kebab, kebabPlural   string
		file, route, human, humanPlural    string
	}{
		{"Post", "Post", "Posts", "post", "posts", "p", "post", "posts", "post", "posts", "post.go", "/api/posts", "post", "posts"},
		{"BlogPost", "BlogPost", "BlogPosts", "blogPost", "blogPosts", "b", "blog_post", "blog_posts", "blog-post", "blog-posts", "blog_post.go", "/api/blog-posts", "blog post", "blog posts"},
		{"blog_post", "BlogPost", "BlogPosts", "blogPost", "blogPosts", "b", "blog_post", "blog_posts", "blog-post", "blog-posts", "blog_post.go", "/api/blog-posts", "blog post", "blog posts"},
		{"blogPost", "BlogPost", "BlogPosts", "blogPost", "blogPosts", "b", "blog_post", "blog_posts", "blog-post", "blog-posts", "blog_post.go", "/api/blog-posts", "blog post", "blog posts"},
		{"Person", "Person", "People", "person", "people", "p", "person", "people", "person", "people", "person.go", "/api/people", "person", "people"},
		{"Category", "Category", "Categories", "category", "categories", "c", "category", "categories", "category", "categories", "category.go", "/api/categories", "category", "categories"},
		{"APIKey", "APIKey", "APIKeys", "apiKey", "apiKeys", "a", "api_key", "api_keys", "api-key", "api-keys", "api_key.go", "/api/api-keys", "API key", "API keys"},
		{"api_key", "APIKey", "APIKeys", "apiKey", "apiKeys", "a", "api_key", "api_keys", "api-key", "api-keys", "api_key.go", "/api/api-keys", "API key", "API keys"},
		{"url", "URL", "URLs", "url", "urls", "u", "url", "urls", "url", "urls", "url.go", "/api/urls", "URL", "URLs"},
		{"OrderItem2", "OrderItem2", "OrderItem2s", "orderItem2", "orderItem2s", "o", "order_item2", "order_item2s", "order-item2", "order-item2s", "order_item2.go", "/api/order-item2s", "order item2", "order item2s"},
		{"News", "News", "News", "news", "news", "n", "news", "news", "news", "news", "news.go", "/api/news", "news", "news"},
		{"SalesPerson", "SalesPerson", "SalesPeople", "salesPerson", "salesPeople", "s", "sales_person", "sales_people", "sales-person", "sales-people", "sales_person.go", "/api/sales-people", "sales person", "sales people"},
	}
	for _, tt := range tests {
		n := mustName(t, tt.in)
		got := []string{n.Go(), n.GoPlural(), n.Var(), n.VarPlural(), n.Receiver(),
			n.Snake(), n.Table(), n.Kebab(), n.KebabPlural(), n.File(), n.RoutePath(), n.Human(), n.HumanPlural()}
		want := []string{tt.goName, tt.goPlural, tt.v, tt.vPlural, tt.recv,
			tt.snake, tt.table, tt.kebab, tt.kebabPlural, tt.file, tt.route, tt.human, tt.humanPlural}
		labels := []string{"Go", "GoPlural", "Var", "VarPlural", "Receiver", "Snake", "Table", "Kebab", "KebabPlural", "File", "RoutePath", "Human", "HumanPlural"}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("ParseName(%q).%s() = %q, want %q", tt.in, labels[i], got[i], want[i])
			}
		}
		if n.SnakePlural() != n.Table() {
			t.Errorf("%q: SnakePlural %q != Table %q", tt.in, n.SnakePlural(), n.Table())
		}
	}
}

func TestNameNormalisation(t *testing.T) {
	tests := []struct{ in, snake, goName, v string }{
		{"HTTPServer", "http_server", "HTTPServer", "httpServer"},
		{"UserID", "user_id", "UserID", "userID"},
		{"user_id", "user_id", "UserID", "userID"},
		{"UserIDs", "user_ids", "UserIDs", "userIDs"},
		{"URLID", "url_id", "URLID", "urlID"},
		{"JSONAPIToken", "json_api_token", "JSONAPIToken", "jsonAPIToken"},
		{"HTMLParser", "html_parser", "HTMLParser", "htmlParser"},
		{"UTF8Text", "utf8_text", "UTF8Text", "utf8Text"},
		{"SSHKey", "ssh_key", "SSHKey", "sshKey"},
		{"XMLFeed", "xml_feed", "XMLFeed", "xmlFeed"},
		{"UUIDMap", "uuid_map", "UUIDMap", "uuidMap"},
		{"BLOG_POST", "blog_post", "BlogPost", "blogPost"},
		{"Blog_Post", "blog_post", "BlogPost", "blogPost"},
		{"iPhone", "i_phone", "IPhone", "iPhone"},
		{"Ids", "ids", "IDs", "ids"},
		{"P", "p", "P", "p"},
		{"Base64Image", "base64_image", "Base64Image", "base64Image"},
	}
	for _, tt := range tests {
		n := mustName(t, tt.in)
		if n.Snake() != tt.snake || n.Go() != tt.goName || n.Var() != tt.v {
			t.Errorf("ParseName(%q) = snake %q Go %q Var %q, want %q %q %q",
				tt.in, n.Snake(), n.Go(), n.Var(), tt.snake, tt.goName, tt.v)
		}
		// Every spelling of an accepted name parses back to the same Name.
		for _, form := range []string{n.Go(), n.Snake(), n.Var()} {
			if m := mustName(t, form); m != n {
				t.Errorf("ParseName(%q) = %v, want %v (from %q)", form, m.Snake(), n.Snake(), tt.in)
			}
		}
	}
}

func TestSingularFromTable(t *testing.T) {
	tests := []struct{ table, goName string }{
		{"users", "User"},
		{"blog_posts", "BlogPost"},
		{"people", "Person"},
		{"categories", "Category"},
		{"statuses", "Status"},
		{"news", "News"},
		{"api_keys", "APIKey"},
	}
	for _, tt := range tests {
		n, err := SingularFromTable(tt.table)
		if err != nil || n.Go() != tt.goName {
			t.Errorf("SingularFromTable(%q) = %q, %v; want %q", tt.table, n.Go(), err, tt.goName)
		}
	}
	for _, bad := range []string{"Users", "", "tests", "user", "a-b"} {
		if _, err := SingularFromTable(bad); err == nil {
			t.Errorf("SingularFromTable(%q) succeeded, want error", bad)
		}
	}
}

func TestParseTable(t *testing.T) {
	for _, ok := range []string{"users", "blog_posts", "a", "t2", strings.Repeat("a", 63)} {
		if got, err := ParseTable(ok); err != nil || got != ok {
			t.Errorf("ParseTable(%q) = %q, %v", ok, got, err)
		}
	}
	bad := map[string]string{
		"":                      "empty",
		"Users":                 "lower case",
		"blog-posts":            `contains "-"`,
		"2posts":                "starts with a digit",
		"_posts":                `starts with "_"`,
		"posts_":                `ends with "_"`,
		"blog__posts":           `contains "__"`,
		"order":                 "SQL reserved word",
		"user":                  "SQL reserved word",
		"sqlite_master":         "SQLite reserves",
		"pg_stats":              "PostgreSQL reserves",
		"goose_db_version":      "migration history",
		strings.Repeat("a", 64): "PostgreSQL allows 63",
		"posts\n":               "control character",
		"blog posts":            "whitespace",
		"pöst":                  "ASCII letters only",
	}
	for in, phrase := range bad {
		_, err := ParseTable(in)
		assertError(t, err, "table name", in, phrase)
	}
}

// assertError checks err is a *Error of the given kind, that its message
// quotes the input and contains phrase.
func assertError(t *testing.T, err error, kind, input, phrase string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("input %q: got %v, want *spec.Error", input, err)
		return
	}
	msg := e.Error()
	if e.Kind != kind || e.Input != input {
		t.Errorf("input %q: Kind %q Input %q, want %q %q", input, e.Kind, e.Input, kind, input)
	}
	if !strings.HasPrefix(msg, "invalid "+kind+" "+quote(input)+": ") {
		t.Errorf("input %q: message %q does not name the quoted input", input, msg)
	}
	if !strings.Contains(e.Msg, phrase) {
		t.Errorf("input %q: message %q does not contain %q", input, msg, phrase)
	}
	if strings.ContainsAny(msg, "\n\r\x00\x1b") {
		t.Errorf("input %q: message %q contains raw control characters", input, msg)
	}
}

func quote(s string) string { return strconv.Quote(s) }

func TestHostileModelNames(t *testing.T) {
	long := strings.Repeat("a", 300)
	tests := []struct{ in, phrase string }{
		{"", "is empty"},
		{long, "300 characters long"},
		{strings.Repeat("Ab", 32), "PostgreSQL allows 63"},
		{"../x", `contains ".."`},
		{"..", `contains ".."`},
		{"/etc/passwd", "absolute path"},
		{`C:\x`, "absolute path"},
		{`\x`, "absolute path"},
		{"a/b", "path separator"},
		{`a\b`, "path separator"},
		{"type", "Go keyword"},
		{"func", "Go keyword"},
		{"Func", "Go keyword"},
		{"select", "Go keyword"},
		{"map", "Go keyword"},
		{"chan", "Go keyword"},
		{"interface", "Go keyword"},
		{"string", "predeclared Go identifier"},
		{"String", "predeclared Go identifier"},
		{"error", "predeclared Go identifier"},
		{"len", "predeclared Go identifier"},
		{"nil", "predeclared Go identifier"},
		{"true", "predeclared Go identifier"},
		{"any", "predeclared Go identifier"},
		{"int64", "predeclared Go identifier"},
		{"Int64", "predeclared Go identifier"},
		{"append", "predeclared Go identifier"},
		{"123abc", "starts with a digit"},
		{"a b", "whitespace"},
		{"x;rm -rf /", "whitespace"},
		{"Post-Comment", "(e.g. PostComment)"},
		{"Ünïcode", "ASCII letters only"},
		{"日本", "ASCII letters only"},
		{"émile", "ASCII letters only"},
		{"Post\n", "control character"},
		{"Post\t", "control character"},
		{"\x00", "control character"},
		{"\x1b[31mPost", "control character"},
		{"Post\u202e", "invisible character"},
		{"Post\u00a0", "whitespace"},
		{"\xff", "not valid UTF-8"},
		{"$(id)", `contains "$"`},
		{"`id`", "contains \"`\""},
		{"%s", `contains "%"`},
		{"Post!", `contains "!"`},
		{"a.b", `contains "."`},
		{"post.go", "file name"},
		{"-x", "command-line flag"},
		{"--force", "command-line flag"},
		{"Model", "used by kiln"},
		{"models", "used by kiln"},
		{"DB", "used by kiln"},
		{"Router", "used by kiln"},
		{"Test", "used by kiln"},
		{"Http", "shadow the http package"},
		{"Route", "shadow the routes package"},
		{"Err", "local variable of generated handlers"},
		{"W", "local variable of generated handlers"},
		{"_", "has no letters"},
		{"__", "has no letters"},
		{"_post", `starts with "_"`},
		{"post_", `ends with "_"`},
		{"post__comment", `contains "__"`},
		{"PostTest", "only compile in tests"},
		{"PostLinux", "only compile on linux"},
		{"post_amd64", "only compile on amd64"},
		{"item_2", "reads back as item2"},
		{"a_b", "reads back as ab"},
		{"id_s", "reads back as ids"},
	}
	if len(tests) < 40 {
		t.Fatalf("only %d hostile names", len(tests))
	}
	for _, tt := range tests {
		n, err := ParseName("model name", tt.in)
		if err == nil {
			t.Errorf("ParseName(%q) = %v, want error", tt.in, n.Snake())
			continue
		}
		assertError(t, err, "model name", tt.in, tt.phrase)
	}
}

func TestAcceptedNames(t *testing.T) {
	for _, s := range []string{"Post", "BlogPost", "blog_post", "blogPost", "OrderItem2", "APIKey",
		"User", "Order", "Group", "Comment", "Tag", "Status", "Address", "Person", "Linux", "Url", "Log",
		"Category", "Invoice", "LineItem", "Types", "Funcs"} {
		if _, err := ParseName("model name", s); err != nil {
			t.Errorf("ParseName(%q): %v", s, err)
		}
	}
}

// TestPredeclaredComplete keeps the hand-written list in step with Go.
func TestPredeclaredComplete(t *testing.T) {
	for _, name := range types.Universe.Names() {
		if !predeclared[name] && name != "unsafe" {
			t.Errorf("predeclared is missing %q", name)
		}
	}
}
