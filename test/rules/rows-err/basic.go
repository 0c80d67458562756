package store

import (
	"context"
	"database/sql"
	"net/http"
)

type User struct {
	ID   int
	Name string
}

func NeverChecked(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users") // want `rows.Err\(\) is never checked: .* check rows.Err\(\) after the loop`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}

func CheckedAfterLoop(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
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

func OtherName(tx *sql.Tx) error {
	users, err := tx.Query("SELECT id FROM users") // want `users.Err\(\) is never checked`
	if err != nil {
		return err
	}
	defer users.Close()
	for users.Next() {
	}
	return nil
}

func ThrownAway(db *sql.DB) error {
	_, err := db.Query("DELETE FROM sessions") // want `rows from db.Query are assigned to _`
	return err
}

func DroppedStatement(conn *sql.Conn, ctx context.Context) {
	conn.QueryContext(ctx, "SELECT 1") // want `rows from conn.QueryContext are thrown away`
}

func PreparedWithoutArguments(stmt *sql.Stmt) {
	rows, _ := stmt.Query() // want `rows.Err\(\) is never checked`
	defer rows.Close()
	for rows.Next() {
	}
}

// Each query's rows must be checked before the variable moves on to the next query.
func Reassigned(db *sql.DB) error {
	rows, err := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	rows.Close()

	rows, err = db.Query("SELECT 2")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

func BranchesBothUnchecked(db *sql.DB, recent bool) {
	var rows *sql.Rows
	var err error
	if recent {
		rows, err = db.Query("SELECT id FROM orders WHERE recent") // want `rows.Err\(\) is never checked`
	} else {
		rows, err = db.Query("SELECT id FROM orders") // want `rows.Err\(\) is never checked`
	}
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
	}
}

func ClosureOnlyCloses(db *sql.DB) {
	rows, _ := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
	cleanup := func() {
		rows.Close()
	}
	defer cleanup()
}

// A same-named variable in an inner block is another variable: its Err() check
// does not cover the outer rows.
func ShadowedInnerRows(db *sql.DB, again bool) {
	rows, _ := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
	defer rows.Close()
	for rows.Next() {
	}
	if again {
		rows, _ := db.Query("SELECT 2")
		defer rows.Close()
		_ = rows.Err()
	}
}

func InsideInitializer(db *sql.DB) {
	if rows, err := db.Query("SELECT 1"); err == nil { // want `rows.Err\(\) is never checked`
		defer rows.Close()
		for rows.Next() {
		}
	}
}

func InGoroutine(db *sql.DB) {
	go func() {
		rows, err := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
		if err != nil {
			return
		}
		defer rows.Close()
		for rows.Next() {
		}
	}()
}

// Look-alikes: url.Values from r.URL.Query() has one result and no query text.
func Handler(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	_ = q.Get("page")
	_ = r.URL.Query().Get("sort")
	r.URL.Query()
}
