package orders

import (
	"context"
	"net/http"
)

func withDefault(ctx context.Context) {
	if ctx == nil {
		ctx = context.Background()
	}
	_ = ctx
}

func audit(r *http.Request, write func(context.Context)) {
	// A goroutine meant to outlive the request: deliberate.
	go func() {
		write(context.Background())
	}()
}

func noContext() context.Context {
	return context.Background()
}

func unnamed(_ context.Context, _ *http.Request) {
	_ = context.Background()
}

func requestValue(r http.Request) {
	_ = context.Background()
}

var global = context.Background()

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_ = ctx
}

func suppressed(ctx context.Context) {
	_ = context.Background() //nolint:context-propagation // shutdown must finish after ctx is done
}

func compares(ctx context.Context) bool {
	return ctx != context.Background()
}
