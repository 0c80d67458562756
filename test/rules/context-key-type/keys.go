package session

import (
	"context"
	"net/http"
)

const userKey = "user"

const (
	traceKey = iota
	spanKey
)

const tenantKey string = "tenant"

var requestIDKey = "request-id"

type ctxKey struct{}

type keyName string

const localeKey keyName = "locale"

type ordinal int

const (
	firstKey ordinal = iota
	secondKey
)

func attach(ctx context.Context, r *http.Request, id string) context.Context {
	ctx = context.WithValue(ctx, "user", id)        // want `context.WithValue key "user" is a plain string`
	ctx = context.WithValue(ctx, 42, id)            // want `key 42 is a plain int`
	ctx = context.WithValue(ctx, true, id)          // want `is a plain bool`
	ctx = context.WithValue(ctx, 1.5, id)           // want `is a plain float64`
	ctx = context.WithValue(ctx, 'k', id)           // want `is a plain rune`
	ctx = context.WithValue(ctx, `raw`, id)         // want `is a plain string`
	ctx = context.WithValue(ctx, int8(1), id)       // want `key int8\(1\) is a plain int8`
	ctx = context.WithValue(ctx, uintptr(3), id)    // want `is a plain uintptr`
	ctx = context.WithValue(ctx, userKey, id)       // want `key userKey is a plain string`
	ctx = context.WithValue(ctx, spanKey, id)       // want `key spanKey is a plain int`
	ctx = context.WithValue(ctx, tenantKey, id)     // want `key tenantKey is a plain string`
	ctx = context.WithValue(ctx, requestIDKey, id)  // want `key requestIDKey is a plain string`
	ctx = context.WithValue(ctx, "app."+"user", id) // want `is a plain string`
	local := "local"
	ctx = context.WithValue(ctx, local, id) // want `key local is a plain string`
	ctx = context.WithValue(r.Context(), ("paren"), id) // want `is a plain string`

	// Keys of declared types cannot collide across packages.
	ctx = context.WithValue(ctx, ctxKey{}, id)
	ctx = context.WithValue(ctx, &ctxKey{}, id)
	ctx = context.WithValue(ctx, localeKey, id)
	ctx = context.WithValue(ctx, secondKey, id)
	ctx = context.WithValue(ctx, keyName("x"), id)
	return ctx
}

func fromParameter(ctx context.Context, key string, v any) context.Context {
	return context.WithValue(ctx, key, v) // want `key key is a plain string`
}

func suppressed(ctx context.Context) context.Context {
	return context.WithValue(ctx, "legacy", 1) //nolint:context-key-type // shared with an old service
}
