package store

import (
	"context"
	"database/sql"
)

type Account struct {
	ID      int
	Balance int
}

type ID int

func Names(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users") // want `rows.Err\(\) is never checked`
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
	} // end of rows
	return names, nil
}

func Summary(ctx context.Context, db *sql.DB) (int, string, bool, error) {
	rows, err := db.QueryContext(ctx, "SELECT 1") // want `rows.Err\(\) is never checked`
	if err != nil {
		return 0, "", false, err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return 1, "ok", true, nil
}

func Accounts(db *sql.DB) (Account, *Account, ID, error) {
	rows, err := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
	if err != nil {
		return Account{}, nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return Account{}, nil, 0, nil
}

func Count(db *sql.DB) (n int, err error) {
	rows, err := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		n++
	}
	return n, nil
}

func Total(db *sql.DB) (total int, failure error) {
	rows, failure := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
	if failure != nil {
		return
	}
	defer rows.Close()
scan:
	for rows.Next() {
		total++
		if total > 10 {
			break scan
		}
	}
	return
}

func Log(db *sql.DB) {
	rows, err := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
	}
}

// No trailing error result: how to report the failure is the author's call, no fix.
func Size(db *sql.DB) int {
	rows, _ := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n
}

// No loop: the check goes after the last statement that reads the rows.
func First(db *sql.DB) (string, error) {
	rows, err := db.Query("SELECT name FROM users LIMIT 1") // want `rows.Err\(\) is never checked`
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var name string
	if rows.Next() {
		if err := rows.Scan(&name); err != nil {
			return "", err
		}
	}
	return name, nil
}

func Worker(db *sql.DB) {
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

// The query's own `err :=` shadows the named result in this block, where a bare
// return would not compile: no fix.
func Nested(db *sql.DB, again bool) (n int, err error) {
	if again {
		rows, err := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		for rows.Next() {
			n++
		}
	}
	return n, nil
}
