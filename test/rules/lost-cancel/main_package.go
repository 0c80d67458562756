// Returning from main.main ends the process, so its contexts need no cancel; other
// functions of package main are checked as usual, and discards are always reported.
package main

import (
	"context"
	"flag"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	if flag.NArg() > 0 {
		cancel()
	}
	child, _ := context.WithCancel(ctx) // want `returned by context.WithCancel is discarded`
	_ = child
	// A literal inside main is a function of its own, and it is checked.
	go func() {
		_, stop := context.WithCancel(ctx) // want `the stop function from context.WithCancel is not called on every path`
		if flag.NArg() > 2 {
			return
		}
		stop()
	}()
	run(ctx)
}

func run(parent context.Context) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	if flag.NArg() > 1 {
		cancel()
	}
}
