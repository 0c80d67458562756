package orders

import (
	"context"
	"time"
)

// This file has Windows line endings; the inserted lines must keep them.
func Leaky(parent context.Context, ok bool) {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want `add defer cancel\(\) after this line`
	if ok {
		cancel()
	}
	_ = ctx
}

func Discarded(parent context.Context) context.Context {
	ctx, _ := context.WithCancel(parent) // want `discarded: assign it to cancel`
	return ctx
}
