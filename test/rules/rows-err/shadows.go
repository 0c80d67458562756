package store

// A later variable of the same name (an inner block's, a closure's parameter) is
// another variable: its Err() does not check these rows, and its assignment does not
// end them.

import "database/sql"

func open() *sql.Rows { return nil }

func innerBlockChecksAnother(db *sql.DB) error {
	rows, err := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	{
		rows := open()
		_ = rows.Err()
	}
	return nil
}

func closureParameterChecksAnother(db *sql.DB) {
	rows, _ := db.Query("SELECT 1") // want `rows.Err\(\) is never checked`
	defer rows.Close()
	for rows.Next() {
	}
	check := func(rows *sql.Rows) error { return rows.Err() }
	_ = check
}

func onlyVariableChecked(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}
