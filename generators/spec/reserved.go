package spec

import "strings"

// reservedModelNames are model names that collide with identifiers of
// kiln's runtime or of the code kiln generates (a model named Router would
// clash with the router in routes/api.go, one named DB with the db package
// name, and so on). They are compared case-insensitively with the model's
// Go name, so db, Db and DB are all rejected. The list is read-only.
var reservedModelNames = []string{
	"Model", "Models", "DB", "Tx", "Query", "Router", "App", "Config",
	"Request", "Response", "Resource", "Factory", "Seeder", "Migration",
	"Error", "Context", "Handler", "Time", "Main", "Routes", "Web", "Orm",
	"Migrate", "Validate", "Seed", "Test",
}

// reservedFieldNames are field names that would collide with methods kiln
// generates on every model. They are compared by Go name, so tableName and
// table_name are both rejected.
var reservedFieldNames = []string{
	"table_name", "columns", "primary_key", "validate", "scan", "values", "relations",
}

// reservedPackageNames are package names that generated controllers,
// factories and seeders import. A model whose variable name (Var or
// VarPlural) equals one of them would shadow the package inside the
// generated function and break compilation, so such models are rejected.
var reservedPackageNames = []string{
	"context", "errors", "fmt", "http", "json", "sql", "strconv", "strings",
	"time", "slog", "uuid", "faker",
	// kiln runtime packages
	"app", "db", "orm", "migrate", "web", "validate", "resource", "factory",
	"seed",
	// packages of the generated app
	"models", "controllers", "requests", "resources", "factories",
	"seeders", "routes", "migrations",
}

// reservedVarNames are local variable names of generated handlers,
// factories and seeders (err, the http.ResponseWriter w, the request r …).
// A model whose Var or VarPlural equals one would be redeclared with the
// wrong type (`r, err := models.FindR(…)` inside a handler), so such
// models are rejected.
var reservedVarNames = []string{
	"err", "ctx", "w", "r", "req", "res", "resp", "id", "ok", "tx", "q",
}

// autoColumns are columns the runtime adds to every table; the value says
// how the user controls them instead.
var autoColumns = map[string]string{
	"id":         "is added automatically; use --uuid for UUID primary keys",
	"created_at": "is added automatically; use --no-timestamps to leave it out",
	"updated_at": "is added automatically; use --no-timestamps to leave it out",
	"deleted_at": "is added automatically; use --soft-deletes to add it",
}

// systemColumns are names the databases reserve for hidden columns:
// PostgreSQL refuses them in CREATE TABLE and in SQLite they would hide the
// implicit rowid.
var systemColumns = map[string]bool{
	"oid": true, "tableoid": true, "xmin": true, "xmax": true,
	"cmin": true, "cmax": true, "ctid": true, "rowid": true,
	"_rowid_": true,
}

// predeclared are Go's predeclared identifiers (go/types Universe). A
// model named after one would shadow it in generated code (a variable
// called len or a type called String). Kept as a literal rather than read
// from go/types so that importing spec stays cheap.
var predeclared = map[string]bool{
	"any": true, "bool": true, "byte": true, "comparable": true,
	"complex64": true, "complex128": true, "error": true, "float32": true,
	"float64": true, "int": true, "int8": true, "int16": true, "int32": true,
	"int64": true, "rune": true, "string": true, "uint": true, "uint8": true,
	"uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"true": true, "false": true, "iota": true, "nil": true,
	"append": true, "cap": true, "clear": true, "close": true,
	"complex": true, "copy": true, "delete": true, "imag": true, "len": true,
	"make": true, "max": true, "min": true, "new": true, "panic": true,
	"print": true, "println": true, "real": true, "recover": true,
}

// buildSuffixes are file-name suffixes the go command treats as build
// constraints: a model named PostTest would live in post_test.go and only
// compile in tests; PostLinux in post_linux.go only on Linux.
var buildSuffixes = map[string]bool{
	"test": true,
	// GOOS values
	"aix": true, "android": true, "darwin": true, "dragonfly": true,
	"freebsd": true, "hurd": true, "illumos": true, "ios": true, "js": true,
	"linux": true, "nacl": true, "netbsd": true, "openbsd": true,
	"plan9": true, "solaris": true, "wasip1": true, "windows": true,
	"zos": true,
	// GOARCH values
	"386": true, "amd64": true, "amd64p32": true, "arm": true, "armbe": true,
	"arm64": true, "arm64be": true, "loong64": true, "mips": true,
	"mipsle": true, "mips64": true, "mips64le": true, "mips64p32": true,
	"mips64p32le": true, "ppc": true, "ppc64": true, "ppc64le": true,
	"riscv": true, "riscv64": true, "s390": true, "s390x": true,
	"sparc": true, "sparc64": true, "wasm": true,
}

// sQLReserved holds words that cannot be used unquoted as table or column
// names in SQLite or PostgreSQL (PostgreSQL's reserved keywords, including
// those that may only name functions or types, and SQLite's keywords that
// have no identifier fallback). Generated SQL does not quote identifiers,
// so such names are rejected up front instead of failing in a migration.
var sQLReserved = map[string]bool{
	"add": true, "all": true, "alter": true, "analyse": true,
	"analyze": true, "and": true, "any": true, "array": true, "as": true,
	"asc": true, "asymmetric": true, "authorization": true,
	"autoincrement": true, "between": true, "binary": true, "both": true,
	"by": true, "case": true, "cast": true, "check": true, "collate": true,
	"collation": true, "column": true, "commit": true,
	"concurrently": true, "constraint": true, "create": true, "cross": true,
	"current_catalog": true, "current_date": true, "current_role": true,
	"current_schema": true, "current_time": true,
	"current_timestamp": true, "current_user": true, "default": true,
	"deferrable": true, "delete": true, "desc": true, "distinct": true,
	"do": true, "drop": true, "else": true, "end": true, "escape": true,
	"except": true, "exists": true, "false": true, "fetch": true,
	"for": true, "foreign": true, "freeze": true, "from": true,
	"full": true, "grant": true, "group": true, "having": true,
	"ilike": true, "in": true, "index": true, "initially": true,
	"inner": true, "insert": true, "intersect": true, "into": true,
	"is": true, "isnull": true, "join": true, "key": true, "lateral": true,
	"leading": true, "left": true, "like": true, "limit": true,
	"localtime": true, "localtimestamp": true, "natural": true,
	"not": true, "nothing": true, "notnull": true, "null": true,
	"offset": true, "on": true, "only": true, "or": true, "order": true,
	"outer": true, "overlaps": true, "placing": true, "primary": true,
	"references": true, "returning": true, "right": true, "select": true,
	"session_user": true, "set": true, "similar": true, "some": true,
	"symmetric": true, "system_user": true, "table": true,
	"tablesample": true, "then": true, "to": true, "trailing": true,
	"transaction": true, "true": true, "union": true, "unique": true,
	"update": true, "user": true, "using": true, "values": true,
	"variadic": true, "verbose": true, "when": true, "where": true,
	"window": true, "with": true,
}

// sqlRenames suggests replacements for reserved words people often reach
// for as column names.
var sqlRenames = map[string]string{
	"order": "sort_order", "group": "group_name", "user": "username",
	"key": "key_name", "index": "position", "limit": "max_count",
	"offset": "start_offset", "default": "is_default", "check": "check_value",
	"column": "column_name", "table": "table_label", "from": "from_date",
	"to": "to_date", "end": "ends_at", "desc": "description",
	"values": "value_list", "window": "time_window",
}

// reservedName returns the entry of list that equals name ignoring case,
// or "".
func reservedName(list []string, name string) string {
	for _, r := range list {
		if strings.EqualFold(r, name) {
			return r
		}
	}
	return ""
}
