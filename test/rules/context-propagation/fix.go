package orders

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

type Service struct{ db *sql.DB }

func (s *Service) Load(ctx context.Context, id string) error {
	_, err := s.db.QueryContext(context.Background(), "SELECT 1", id) // want `context.Background\(\) in Load drops the caller's cancellation and deadline: use ctx instead`
	return err
}

func (s *Service) Later(parent context.Context) {
	c, cancel := context.WithTimeout(context.TODO(), time.Second) // want `context.TODO\(\) in Later .* use parent instead`
	defer cancel()
	_ = c
}

func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_ = s.Load(context.Background(), r.URL.Path) // want `in ServeHTTP .* use r.Context\(\) instead`
}

func handle(w http.ResponseWriter, req *http.Request) {
	run := func() {
		_, _ = http.NewRequestWithContext(context.Background(), "GET", "/", nil) // want `in handle .* use req.Context\(\) instead`
	}
	run()
}

func both(r *http.Request, ctx context.Context) {
	_ = context.Background() // want `use ctx instead`
}

func literalParameter() {
	_ = func(ctx context.Context) {
		_ = context.TODO() // want `in this func literal .* use ctx instead`
	}
}

func multiLine(ctx context.Context) {
	_, _ = context.WithCancel(
		context.Background(), // want `use ctx instead`
	)
}
