package orders

import (
	"context"
	"time"
)

// A cancel declared in an inner block and never called leaks, even though a later
// variable of the same name is called: that one is another variable.
func SiblingScopes(parent context.Context, ok, verbose bool) {
	if ok {
		_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
		if verbose {
			cancel()
		}
	}
	_, cancel := context.WithCancel(parent)
	defer cancel()
}

// An inner shadow's call does not count for the outer one.
func InnerShadow(parent context.Context, ok bool) {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not called on every path`
	{
		cancel := func() {}
		cancel()
	}
	if ok {
		cancel()
	}
}

// Redeclaring with := in the same block reuses the variable: the second call's
// statement mentions it, which counts as a use of the first, as in vet.
func Redeclared(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	ctx, cancel = context.WithTimeout(ctx, time.Second)
	defer cancel()
	_ = ctx
}

// An if initializer: the variable lives in the if, and the path without the else leaks.
func InitializerScope(parent context.Context) {
	if _, cancel := context.WithCancel(parent); parent != nil { // want `the cancel function from context.WithCancel is not used on every path: call cancel\(\) or hand it off before each return`
		cancel()
	}
}

func InitializerScopeFine(parent context.Context) {
	if _, cancel := context.WithCancel(parent); parent != nil {
		cancel()
	} else {
		cancel()
	}
}

// A struct literal key named cancel is a field name, not the variable.
type stopper struct{ cancel func() }

func FieldKey(parent context.Context) stopper {
	_, cancel := context.WithCancel(parent) // want `the cancel function from context.WithCancel is not used on every path`
	s := stopper{cancel: nil}
	if parent == nil {
		return s
	}
	s.cancel = cancel
	return s
}
