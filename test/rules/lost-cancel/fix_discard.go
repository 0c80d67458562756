package orders

import (
	"context"
	"time"
)

func Declared(parent context.Context) context.Context {
	ctx, _ := context.WithTimeout(parent, time.Second) // want `discarded: assign it to cancel and add defer cancel\(\)`
	return work(ctx)
}

func work(ctx context.Context) context.Context { return ctx }

func VarSpec(parent context.Context) {
	var ctx, _ = context.WithDeadline(parent, time.Now()) // want `discarded: assign it to cancel`
	work(ctx)
}

func Cause(parent context.Context) {
	ctx, _ := context.WithCancelCause(parent) // want `discarded: assign it to cancel and add defer cancel\(nil\)`
	work(ctx)
}

// The name cancel is taken: cancel2 it is.
func NameTaken(parent context.Context, cancel context.CancelFunc) {
	defer cancel()
	ctx, _ := context.WithCancel(parent) // want `discarded: assign it to cancel2 and add defer cancel2\(\)`
	work(ctx)
}

// Reassigning a parameter at the top of the body: := reuses it.
func ReassignParameter(ctx context.Context) {
	ctx, _ = context.WithTimeout(ctx, time.Minute) // want `discarded: assign it to cancel`
	work(ctx)
}

// Reassigning a variable of the same block: := reuses it too.
func ReassignLocal(parent context.Context) {
	ctx := parent
	ctx, _ = context.WithCancel(ctx) // want `discarded: assign it to cancel`
	work(ctx)
}

// No fix: ctx belongs to an outer block, and := would shadow it.
func ReassignOuter(parent context.Context, ok bool) context.Context {
	ctx := parent
	if ok {
		ctx, _ = context.WithCancel(ctx) // want `discarded: assign it to cancel`
	}
	return ctx
}

// No fix: a struct field cannot be declared with :=.
type holder struct{ ctx context.Context }

func (h *holder) Reset(parent context.Context) {
	h.ctx, _ = context.WithCancel(parent) // want `discarded: assign it to cancel`
}

// No fix: a defer cannot follow an if initializer.
func InInitializer(parent context.Context) {
	if ctx, _ := context.WithCancel(parent); ctx.Err() == nil { // want `discarded`
		work(ctx)
	}
}

// No fix: more code follows on the same line.
func SameLine(parent context.Context) {
	ctx, _ := context.WithCancel(parent); work(ctx) // want `discarded`
}

// No fix inside a loop: the defers would pile up until the function returns.
func InLoop(parent context.Context, items []string) {
	for range items {
		ctx, _ := context.WithCancel(parent) // want `discarded`
		work(ctx)
	}
}
