package plan_test

// Imported for its -update flag: `go test ./generators/... -update` passes the flag to
// every test binary below generators/, and each must accept it.
import _ "github.com/kilnhq/kiln/generators/goldentest"
