// Hover positions for every card. A line's trailing hover comment, written
// `hover: needle => card-id`, says which card a hover in the middle of `needle` (its
// first occurrence in the code before the comment; `needle@2` for the second) must
// show, or `none`.
// Words in comments never get a card: defer go select chan make close errors.Is.
package shop // hover: package => packages; shop => packages

import ( // hover: import => packages
	stdctx "context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // hover: _ => blank-import
	orderpb "example.com/shop/gen/order"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

var ErrOutOfStock = errors.New("out of stock: defer go select chan") // hover: ErrOutOfStock => sentinel-errors; New => sentinel-errors; stock: => none

var banner = `raw string with go func() and make(map[string]int)` // hover: raw => none; var => short-var-decl; banner => exported-names

type Status int // hover: Status => exported-names

const (
	Pending Status = iota // hover: iota => iota
	Paid
)

type Timestamps struct { // hover: struct => structs
	CreatedAt time.Time // hover: CreatedAt => exported-names; Time => none
}

type Invoice struct {
	Timestamps // hover: Timestamps => embedding
	Number     string `json:"number"` // hover: Number => struct-tags
	mu         sync.Mutex
	lines      map[string]int
}

func (inv *Invoice) Add(sku string, n int) { // hover: inv => receivers; Add => exported-names
	inv.mu.Lock() // hover: Lock => sync-mutex; inv => none
	defer inv.mu.Unlock() // hover: defer => defer; Unlock => sync-mutex
	if inv.lines == nil { // hover: nil => nil
		inv.lines = make(map[string]int) // hover: make => maps-make; map => maps-make
	}
	inv.lines[sku] += n
}

type QuotaError struct{ Limit int }

func (e *QuotaError) Error() string { return fmt.Sprintf("quota %d", e.Limit) } // hover: Error() => custom-error-type; QuotaError => receivers; Sprintf => fmt-printf

type Store interface { // hover: interface => interfaces
	Get(ctx stdctx.Context, id string) (string, error) // hover: Context => context; stdctx => context
}

type pgStore struct{ db *sql.DB }

var _ Store = (*pgStore)(nil) // hover: _ => implements-assertion

type Queries struct{ db DBTX } // hover: Queries => sqlc

type DBTX interface {
	ExecContext(ctx stdctx.Context, query string, args ...any) (sql.Result, error) // hover: ... => variadic; any => any; Result => sql-exec
}

type fakeMailer struct{ sent []string } // hover: fakeMailer => interface-mocks; []string => slices

type settings struct {
	mu     sync.RWMutex
	values sync.Map // hover: Map => sync-map
	once   sync.Once
}

func (s *settings) Get(key string) any {
	s.mu.RLock() // hover: RLock => sync-rwmutex
	defer s.mu.RUnlock()
	s.once.Do(func() {}) // hover: Do => sync-once; func => closures
	v, _ := s.values.Load(key) // hover: Load => sync-map
	return v
}

func init() { // hover: init => init-func
	log.SetFlags(0)
}

func (s *pgStore) Get(ctx stdctx.Context, id string) (string, error) {
	var email string // hover: var => zero-values; email => zero-values
	err := s.db.QueryRowContext(ctx, "SELECT email FROM users WHERE id = $1", id).Scan(&email) // hover: QueryRowContext => sql-query-row; Scan => sql-query-row; SELECT => none
	if errors.Is(err, sql.ErrNoRows) { // hover: Is => errors-is; ErrNoRows => sql-query-row
		return "", ErrOutOfStock
	}
	if err != nil { // hover: if => err-check; err => err-check; nil => err-check; != => err-check
		return "", fmt.Errorf("get %s: %w", id, err) // hover: Errorf => errorf-wrap; %w => none
	}
	return email, nil // hover: nil => nil
}

func openDB(ctx stdctx.Context, dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn) // hover: Open => sql-open-pool; := => short-var-decl
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(10) // hover: SetMaxOpenConns => sql-open-pool
	return db, db.PingContext(ctx)
}

func lowStock(ctx stdctx.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT sku FROM stock") // hover: QueryContext => sql-query-rows
	if err != nil {
		return nil, err
	}
	defer rows.Close() // hover: Close => sql-query-rows
	var skus []string
	for rows.Next() { // hover: Next => sql-query-rows; for => for-range
		var sku string
		if err := rows.Scan(&sku); err != nil { // hover: Scan => sql-query-rows
			return nil, err
		}
		skus = append(skus, sku) // hover: append => slices
	}
	return skus, rows.Err() // hover: Err => sql-query-rows
}

func reserve(ctx stdctx.Context, db *sql.DB, q *Queries) error {
	tx, err := db.BeginTx(ctx, nil) // hover: BeginTx => sql-tx
	if err != nil {
		return err
	}
	defer tx.Rollback() // hover: Rollback => sql-tx
	res, err := tx.ExecContext(ctx, "UPDATE stock SET qty = qty - 1") // hover: ExecContext => sql-exec
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 { // hover: RowsAffected => sql-exec
		return ErrOutOfStock
	}
	_ = q.WithTx(tx) // hover: WithTx => sqlc
	return tx.Commit() // hover: Commit => sql-tx
}

func concurrency(parent stdctx.Context, jobs []string) error {
	ctx, cancel := stdctx.WithTimeout(parent, 2*time.Second) // hover: WithTimeout => context-with-timeout; Second => time-duration
	defer cancel()
	cctx, stop := stdctx.WithCancel(ctx) // hover: WithCancel => context-with-cancel
	defer stop()
	dctx, done := stdctx.WithDeadline(cctx, time.Now().Add(time.Minute)) // hover: WithDeadline => context-with-deadline
	defer done()
	vctx := stdctx.WithValue(dctx, requestKey{}, "req-1") // hover: WithValue => context-with-value

	results := make(chan string, len(jobs)) // hover: make => channels; chan => channels
	go func() { // hover: go => goroutine
		results <- "warm" // hover: <- => channel-send-receive
	}()
	for i := 0; i < 3; i++ {
		go work(vctx, i) // hover: go => worker-pool
	}
	for _, job := range jobs {
		go func() { // hover: go => fan-out-fan-in
			results <- job
		}()
	}
	close(results) // hover: close => channel-close
	for r := range results { // hover: range => range-over-channel; for => range-over-channel
		fmt.Println(r) // hover: Println => fmt-printf
	}
	select { // hover: select => select
	case <-vctx.Done(): // hover: Done => context-done
		return vctx.Err() // hover: Err => context-done
	case <-time.After(time.Second): // hover: After => time-after
	}
	for _, j := range jobs { // hover: range => for-range
		_ = j
	}
	return nil
}

type requestKey struct{}

func work(ctx stdctx.Context, n int) {}

func fetchAll(ctx stdctx.Context, ids []string) error {
	g, ctx := errgroup.WithContext(ctx) // hover: WithContext => errgroup; errgroup => errgroup
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1) // hover: Add => sync-waitgroup
		g.Go(func() error { // hover: Go => errgroup
			defer wg.Done() // hover: Done => sync-waitgroup
			return load(ctx, id)
		})
	}
	wg.Wait() // hover: Wait => sync-waitgroup
	return errors.Join(g.Wait(), ctx.Err()) // hover: Join => errors-join
}

func load(ctx stdctx.Context, id string) error { return nil }

func inspect(err error, v any) int {
	var qe *QuotaError
	if errors.As(err, &qe) { // hover: As => errors-as
		return qe.Limit
	}
	if s, ok := v.(fmt.Stringer); ok { // hover: Stringer => small-interfaces; v.( => type-assertion
		return len(s.String())
	}
	switch x := v.(type) { // hover: switch => type-switch; type => type-switch
	case int:
		return x
	}
	switch n := qe.Limit; n { // hover: switch => switch
	case 0:
		return 0
	}
	defer func() {
		if r := recover(); r != nil { // hover: recover => panic-recover
			log.Println(r)
		}
	}()
	return 0
}

func CountLines(r io.Reader) int { return 0 } // hover: Reader => small-interfaces

func Map[T, U any](xs []T, f func(T) U) []U { // hover: T => generics; U => generics
	return nil
}

func encode(v any) ([]byte, error) { return json.Marshal(v) } // hover: Marshal => encoding-json; json => encoding-json

func getOrder(w http.ResponseWriter, r *http.Request) { // hover: ResponseWriter => http-handler; Request => http-handler
	id := r.PathValue("id") // hover: PathValue => http-servemux
	http.Error(w, id, http.StatusNotFound) // hover: StatusNotFound => http-handler
}

func withTiming(next http.Handler) http.Handler { // hover: withTiming => http-middleware
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r) // hover: ServeHTTP => http-middleware
	})
}

func serve(ctx stdctx.Context) error {
	mux := http.NewServeMux() // hover: NewServeMux => http-servemux
	mux.HandleFunc("GET /orders/{id}", getOrder) // hover: HandleFunc => http-servemux; orders => none
	srv := &http.Server{ // hover: Server => http-server
		Handler:     withTiming(mux),
		ReadTimeout: 5 * time.Second, // hover: ReadTimeout => http-server
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://x", nil) // hover: NewRequestWithContext => http-client
	_, _ = req, err
	return srv.ListenAndServe() // hover: ListenAndServe => http-server
}

type orderServer struct {
	orderpb.UnimplementedOrderServiceServer // hover: UnimplementedOrderServiceServer => grpc-service
}

func (s *orderServer) GetOrder(ctx stdctx.Context, req *orderpb.GetOrderRequest) (*orderpb.Order, error) {
	return nil, status.Error(codes.NotFound, "no order") // hover: status => grpc-status; NotFound => grpc-status
}

func timing(ctx stdctx.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) { // hover: UnaryServerInfo => grpc-interceptor
	return handler(ctx, req)
}

func register(gs *grpc.Server) {
	orderpb.RegisterOrderServiceServer(gs, &orderServer{}) // hover: RegisterOrderServiceServer => grpc-service
}

func limited(ctx stdctx.Context, jobs []string) {
	tick := time.NewTicker(100 * time.Millisecond) // hover: NewTicker => ticker-rate-limit
	defer tick.Stop()
	for range jobs {
		<-tick.C // hover: C => ticker-rate-limit
	}
}

func TestDiscount(t *testing.T) { // hover: TestDiscount => table-driven-tests
	tests := []struct{ name string }{{"zero"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {}) // hover: Run => table-driven-tests
	}
}
