// Package devserver will hold `kiln serve --watch`: the file watcher, builder,
// runner, zero-downtime proxy and request log. It is empty until that work lands;
// the package exists so the layout every later change builds on is in place.
package devserver
