package web

import (
	"net/http"
	"time"
)

// Half-typed: the last field has no comma yet, so the fix adds one before the new field.
func Start(mux *http.ServeMux) error {
	srv := &http.Server{ // want `srv has no ReadHeaderTimeout`
		WriteTimeout: 10 * time.Second,
		Handler:      mux // the comma is still to come
	}
	return srv.ListenAndServe()
}
