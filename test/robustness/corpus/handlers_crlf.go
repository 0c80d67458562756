// Package handlers serves users from a SQL database over HTTP. This file uses CRLF
// line endings on purpose.
package handlers

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"time"
)

// User is one row of the users table.
type User struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

// Server answers /users requests.
type Server struct {
	db      *sql.DB
	timeout time.Duration
}

func (s Server) list(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	defer cancel()
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, email FROM users ORDER BY id")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	var users []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name, &u.Email); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		users = append(users, u)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(users)
}

func (s *Server) rename(ctx context.Context, id int64, name string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE users SET name = ? WHERE id = ?", name, id); err != nil {
		return err
	}
	return tx.Commit()
}

// Listen serves until the server fails.
func Listen(addr string, s *Server) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/users", s.list)
	return http.ListenAndServe(addr, mux)
}
