package newapp

//go:generate go run ./gendeps

// requirement is one module requirement written into an app's go.mod.
type requirement struct{ Path, Version string }
