package session

import (
	"context"

	"example.com/shop/keys"
)

type store struct{}

// Only the context package's WithValue is meant.
func (store) WithValue(ctx context.Context, key string, v any) {}

func unknownKeys(ctx context.Context, s store, k any) context.Context {
	s.WithValue(ctx, "user", 1)
	ctx = context.WithValue(ctx, keys.User, 1) // declared elsewhere: can't tell
	ctx = context.WithValue(ctx, k, 1)         // any: can't tell
	ctx = context.WithValue(ctx, remoteKey, 1) // declared in another file
	return ctx
}
