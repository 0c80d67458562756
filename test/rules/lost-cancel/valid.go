package orders

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Everyday code that handles its cancel functions correctly: no findings.

func FetchPage(ctx context.Context, client *http.Client, url string) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

func WithCause(ctx context.Context) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(errors.New("done"))
	<-ctx.Done()
	return context.Cause(ctx)
}

func CancelOnEveryBranch(ctx context.Context, n int) int {
	ctx, cancel := context.WithDeadline(ctx, time.Now().Add(time.Minute))
	switch {
	case n < 0:
		cancel()
		return -1
	case n == 0:
		cancel()
		return 0
	default:
		cancel()
	}
	_ = ctx
	return n
}

func Poll(ctx context.Context, tick <-chan time.Time) error {
	for {
		attempt, cancel := context.WithTimeout(ctx, time.Second)
		select {
		case <-attempt.Done():
			cancel()
			return attempt.Err()
		case <-tick:
			cancel()
		}
	}
}

type Server struct {
	stop context.CancelFunc
}

func (s *Server) Start(ctx context.Context) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	s.stop = cancel
	return ctx
}

func Detached(ctx context.Context, done <-chan struct{}) {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		defer cancel()
		select {
		case <-done:
		case <-ctx.Done():
		}
	}()
}

func NestedLiteralsEachFine(ctx context.Context) func() error {
	return func() error {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		return ctx.Err()
	}
}

func CancelAsValue(ctx context.Context) []context.CancelFunc {
	var cancels []context.CancelFunc
	for i := 0; i < 3; i++ {
		_, cancel := context.WithCancel(ctx)
		cancels = append(cancels, cancel)
	}
	return cancels
}

func Unrelated(ctx context.Context) context.Context {
	return context.WithValue(ctx, struct{}{}, 1)
}
