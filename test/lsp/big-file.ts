// A large, realistic Go file: handlers that query a database under a timeout, with a
// context-first finding each, for timing the server on files people really edit.
export function bigGoFile(functions: number): string {
  const parts = ['package server\n\nimport (\n\t"context"\n\t"database/sql"\n\t"fmt"\n\t"sync"\n\t"time"\n)\n'];
  for (let i = 0; i < functions; i++) {
    parts.push(`
// handler${i} loads rows and reports them.
func handler${i}(db *sql.DB, id string, ctx context.Context) (map[string]int, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var mu sync.Mutex
	counts := map[string]int{}
	rows, err := db.QueryContext(ctx, "select name from t where id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		mu.Lock()
		counts[name]++
		mu.Unlock()
	}
	return counts, rows.Err()
}
`);
  }
  return parts.join('');
}
