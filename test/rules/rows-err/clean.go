package store

import (
	"database/sql"
	"fmt"
)

type Repo struct {
	db      *sql.DB
	current *sql.Rows
	pending []*sql.Rows
	byName  map[string]*sql.Rows
}

func CheckedInDefer(db *sql.DB) {
	rows, _ := db.Query("SELECT 1")
	defer func() {
		if err := rows.Err(); err != nil {
			fmt.Println(err)
		}
		rows.Close()
	}()
	for rows.Next() {
	}
}

func CheckedInClosure(db *sql.DB) error {
	rows, _ := db.Query("SELECT 1")
	finish := func() error {
		defer rows.Close()
		return rows.Err()
	}
	for rows.Next() {
	}
	return finish()
}

func CheckedThroughCopy(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	cursor := rows
	defer cursor.Close()
	for cursor.Next() {
	}
	return cursor.Err()
}

func CheckedThroughVarCopy(db *sql.DB) error {
	rows, _ := db.Query("SELECT 1")
	var cursor = rows
	return cursor.Err()
}

func Returned(db *sql.DB) (*sql.Rows, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func ReturnedDirectly(db *sql.DB) (*sql.Rows, error) {
	return db.Query("SELECT 1")
}

func NamedResult(db *sql.DB) (rows *sql.Rows, err error) {
	rows, err = db.Query("SELECT 1")
	return
}

func PassedOn(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	return scanNames(rows)
}

func scanNames(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

func (r *Repo) StoredInField() error {
	rows, err := r.db.Query("SELECT 1")
	r.current = rows
	return err
}

func (r *Repo) StoredInSlice() {
	rows, _ := r.db.Query("SELECT 1")
	r.pending = append(r.pending, rows)
}

func (r *Repo) StoredInMap() {
	rows, _ := r.db.Query("SELECT 1")
	r.byName["x"] = rows
}

func SentOnChannel(db *sql.DB, out chan<- *sql.Rows) {
	rows, _ := db.Query("SELECT 1")
	out <- rows
}

func StoredInLiteral(db *sql.DB) *Repo {
	rows, _ := db.Query("SELECT 1")
	return &Repo{current: rows}
}

func EarlyReturnInLoop(db *sql.DB, limit int) (int, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		if n == limit {
			return n, nil
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return n, nil
}

func BranchesCheckedOnce(db *sql.DB, recent bool) error {
	var rows *sql.Rows
	var err error
	if recent {
		rows, err = db.Query("SELECT 1")
	} else {
		rows, err = db.Query("SELECT 2")
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

func QueryInLoop(db *sql.DB, tables []string) error {
	for _, table := range tables {
		rows, err := db.Query("SELECT * FROM " + table)
		if err != nil {
			return err
		}
		for rows.Next() {
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
	}
	return nil
}

func Suppressed(db *sql.DB) {
	rows, _ := db.Query("SELECT 1") //nolint:rows-err // only the count matters here
	defer rows.Close()
}

// QueryRow's single row reports its error from Scan.
func SingleRow(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRow("SELECT count(*) FROM users").Scan(&n)
	return n, err
}

var lastRows *sql.Rows

// A package-level variable is storage other code reads, like a field.
func StoredInPackageVariable(db *sql.DB) {
	lastRows, _ = db.Query("SELECT 1")
}

type metrics struct{}

type response struct{ Results []string }

func (response) Error() error { return nil }

func (metrics) Query(q string) (response, error) { return response{}, nil }

// A two-result Query of another client, used through methods rows do not have.
func NotRows(client metrics) []string {
	resp, err := client.Query("SELECT mean(cpu) FROM load")
	if err != nil || resp.Error() != nil {
		return nil
	}
	out := resp.Results
	return out
}
