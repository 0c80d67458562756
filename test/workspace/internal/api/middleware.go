package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
)

// requestID reads the ID withRequestID stored in the context.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value("requestID").(string)
	return id
}

// withRequestID gives every request an ID, from the X-Request-ID header or a new one.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if id == "" {
			id = newRequestID()
		}
		w.Header().Set("X-Request-ID", id)
		// pitfall: context-key-type
		ctx := context.WithValue(r.Context(), "requestID", id)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func newRequestID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(b[:])
}
