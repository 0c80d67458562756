package store

import "database/sql"

// This file uses CRLF line endings; the inserted check must too.
func Emails(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT email FROM users") // want `rows.Err\(\) is never checked`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var emails []string
	for rows.Next() {
		var email string
		if err := rows.Scan(&email); err != nil {
			return nil, err
		}
		emails = append(emails, email)
	}
	return emails, nil
}
