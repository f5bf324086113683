// Package devserver is `kiln serve --watch`: a development server that rebuilds the
// app on every change and never drops a request.
//
// The parts, each in its own file:
//
//   - watcher: fsnotify on every directory of the app that matters (new directories
//     are picked up, removed ones dropped, editors' atomic saves seen as the rename
//     they are), with a polling fallback where the kernel's inotify limits run out;
//   - hashes: content hashes, so a save that changed nothing builds nothing;
//   - scheduler: a trailing debounce on a resettable timer and at most one build at
//     a time, a newer change cancelling the running build;
//   - builder: `go build` (or --build) into its own file under .kiln/serve, killed
//     with its whole process group when cancelled;
//   - app: the child process, in its own process group with a parent-death signal,
//     told where to listen through PORT (and ADDR for kiln apps);
//   - proxy: kiln's own listener in front of the child; it switches to a new child
//     only once that child is ready, lets the old one finish its requests, and holds
//     requests while no child is ready instead of refusing them;
//   - reqlog, console, overlay: what the developer sees in the terminal and, after a
//     failed build, in the browser.
//
// All decisions are taken in one event loop (loop.go): file events, the debounce
// timer, finished builds and child processes that became ready or exited all arrive
// there, so no state is shared between goroutines except through the proxy's lock.
package devserver
