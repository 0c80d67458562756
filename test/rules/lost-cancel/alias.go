package orders

import (
	stdctx "context"
	"time"
)

func Aliased(parent stdctx.Context, ok bool) {
	ctx, cancel := stdctx.WithTimeout(parent, time.Second) // want `the cancel function from context.WithTimeout is not called on every path`
	if ok {
		cancel()
	}
	_ = ctx
}

func AliasedDiscard(parent stdctx.Context) stdctx.Context {
	ctx, _ := stdctx.WithCancel(parent) // want `returned by context.WithCancel is discarded`
	return ctx
}

func AliasedFine(parent stdctx.Context) {
	_, cancel := stdctx.WithCancel(parent)
	defer cancel()
}
