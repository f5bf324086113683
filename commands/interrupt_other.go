//go:build !unix

package commands

// canIgnoreInterrupts: on Windows, os/signal's Ignore does not stop a
// console's Ctrl-C or close event from ending the process, so writePlan
// installs the handler instead.
const canIgnoreInterrupts = false
