// Package spec is the one input model for kiln's code generators.
//
// Everything a generator needs — the model's names in every spelling, its
// fields, its relations and its table — is parsed and validated here, once,
// before any generator runs (DESIGN.md, convention 1). Derived names are
// methods on [Name] and [Field] so templates never compute names themselves,
// and every rejection is a *[Error] whose message names the offending input,
// so the CLI can print it as is and exit with status 2.
//
// The package is pure: no file or network I/O, and nothing expensive at
// package initialisation (inflection rules are compiled on first use), so commands
// that never touch a model — such as kiln --version — pay nothing for it.
package spec
