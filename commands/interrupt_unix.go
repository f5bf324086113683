//go:build unix

package commands

// canIgnoreInterrupts: on Unix, an ignored SIGINT or SIGTERM is discarded by
// the kernel, so writePlan can hold them without a handler.
const canIgnoreInterrupts = true
