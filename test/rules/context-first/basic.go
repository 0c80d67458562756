package orders

import (
	"context"
	"testing"
)

type Store struct{}

func Good(ctx context.Context, id string) error { return nil }

func GoodOnly(ctx context.Context) {}

func NoContext(id string, n int) {}

func Late(id string, ctx context.Context) error { // want `context.Context should be the first parameter of Late: move ctx to the front`
	return nil
}

func (s *Store) Load(id string, ctx context.Context) {} // want `first parameter of Load`

func Several(ctx1 context.Context, ctx2 context.Context, n int) {}

func SeveralThenLate(ctx1, ctx2 context.Context, n int, ctx3 context.Context) {} // want `move ctx3 to the front`

func Unnamed(string, context.Context) {} // want `move the context to the front`

func Blank(_ int, _ context.Context) {} // want `move the context to the front`

func Multi(a, b int, // want `first parameter of Multi`
	ctx context.Context) {
}

func TestHelper(t *testing.T, ctx context.Context) {}

func BenchHelper(b *testing.B, ctx context.Context) {}

func TBHelper(tb testing.TB, ctx context.Context) {}

func Variadic(ctx context.Context, names ...string) {}

// Function types, literals and interface methods are shapes chosen elsewhere.
type Handler func(id string, ctx context.Context)

type Loader interface {
	Load(id string, ctx context.Context)
}

var literal = func(id string, ctx context.Context) {}

func ContextPointer(id string, ctx *context.Context) {}

func suppressed(id string, ctx context.Context) {} //nolint:context-first

//nolint:context-first // the wire format fixes this order
func suppressedAbove(id string, ctx context.Context) {}

//lint:ignore context-first generated signature
func staticcheckStyle(id string, ctx context.Context) {}

func otherRuleSuppressed(id string, ctx context.Context) {} //nolint:lost-cancel // want `first parameter of otherRuleSuppressed`
