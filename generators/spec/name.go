package spec

import "strings"

// Name is a validated model name with every spelling generators need.
// It is stored once in canonical snake_case and every other form is
// derived by a method, so templates never inflect or case-convert names
// themselves. Names are comparable: ParseName("k", "BlogPost") ==
// ParseName("k", "blog_post").
//
// The zero Name is invalid; its methods return "".
type Name struct {
	snake  string // blog_post
	plural string // blog_posts, computed once because pluralizing is slow
}

// newName builds a Name from canonical snake_case without validating it.
func newName(snake string) Name {
	return Name{snake: snake, plural: Plural(snake)}
}

func (n Name) words() []string       { return splitSnake(n.snake) }
func (n Name) pluralWords() []string { return splitSnake(n.plural) }

func splitSnake(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "_")
}

// IsZero reports whether n is the zero Name (no name parsed).
func (n Name) IsZero() bool { return n.snake == "" }

// String returns the Go type name, so a Name prints well in messages.
func (n Name) String() string { return n.Go() }

// Go is the exported Go type name, with Go initialisms: BlogPost, APIKey.
func (n Name) Go() string { return goCamel(n.words()) }

// GoPlural is the plural Go name: BlogPosts, People.
func (n Name) GoPlural() string { return goCamel(n.pluralWords()) }

// Var is the lower-camel variable name: blogPost, url, apiKey.
func (n Name) Var() string { return lowerCamel(n.words()) }

// VarPlural is the plural variable name: blogPosts. For uncountable words
// (news, series) it equals Var; generators must not declare both in one
// scope.
func (n Name) VarPlural() string { return lowerCamel(n.pluralWords()) }

// Receiver is the short method receiver name: p for Post.
func (n Name) Receiver() string {
	if n.snake == "" {
		return ""
	}
	return n.snake[:1]
}

// Snake is the snake_case name: blog_post.
func (n Name) Snake() string { return n.snake }

// SnakePlural is the plural snake_case name: blog_posts.
func (n Name) SnakePlural() string { return n.plural }

// Table is the conventional table name, the plural snake name:
// blog_posts. A resource may override it (see Resource.Table).
func (n Name) Table() string { return n.plural }

// Kebab is the kebab-case name: blog-post.
func (n Name) Kebab() string { return strings.ReplaceAll(n.snake, "_", "-") }

// KebabPlural is the plural kebab-case name used in URLs: blog-posts.
func (n Name) KebabPlural() string { return strings.ReplaceAll(n.plural, "_", "-") }

// File is the Go file name for the model: blog_post.go.
func (n Name) File() string {
	if n.snake == "" {
		return ""
	}
	return n.snake + ".go"
}

// RoutePath is the REST collection path: /api/blog-posts.
func (n Name) RoutePath() string {
	if n.snake == "" {
		return ""
	}
	return "/api/" + n.KebabPlural()
}

// Human is the name for people to read: "blog post", "API key".
func (n Name) Human() string { return humanWords(n.words()) }

// HumanPlural is the plural human name: "blog posts".
func (n Name) HumanPlural() string { return humanWords(n.pluralWords()) }

// ParseName validates a model or resource name given in any casing
// (Post, BlogPost, blog_post, blogPost, APIKey) and normalises it. kind
// names what is parsed in error messages ("model name", "resource name").
//
// Names are rejected up front when they could not become a Go identifier,
// a file name, a table name and a URL segment all at once, or when they
// would collide with Go or with kiln's own generated identifiers; each
// reason has its own message.
func ParseName(kind, s string) (Name, error) {
	if msg := nameSyntaxProblem(s); msg != "" {
		return Name{}, errorf(kind, s, "%s", msg)
	}
	n := newName(strings.Join(splitWords(s), "_"))
	if msg := n.problem(s); msg != "" {
		return Name{}, errorf(kind, s, "%s", msg)
	}
	return n, nil
}

// SingularFromTable derives the model name from a table name:
// users → User, blog_posts → BlogPost. It is how belongs_to=users finds
// its target model.
func SingularFromTable(table string) (Name, error) {
	if _, err := ParseTable(table); err != nil {
		return Name{}, err
	}
	singular := Singular(table)
	n, err := ParseName("model name", singular)
	if err != nil {
		var msg string
		if e, ok := err.(*Error); ok {
			msg = e.Msg
		}
		return Name{}, errorf("table name", table, "its model name %q is not usable: %s", singular, msg)
	}
	return n, nil
}
