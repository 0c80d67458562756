package orders

import "context"

// While a function does not parse, its paths are not checked (the tree around the
// error is a guess), but a discarded cancel is still plain to see.
func HalfTyped(parent context.Context, ok bool) {
	ctx, cancel := context.WithCancel(parent)
	if ok {
		cancel()
	}
	_, _ = context.WithCancel(ctx) // want `discarded`
	x := := 1
}

// Other functions of the file are checked as usual.
func Complete(parent context.Context, ok bool) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	if ok {
		cancel()
	}
}
