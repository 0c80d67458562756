package web

import (
	"net/http"
	"os"
)

func Start(mux *http.ServeMux) error {
	srv := &http.Server{ // want `srv has no ReadHeaderTimeout`
		Addr:    os.Getenv("ADDR"),
		Handler: mux,
	}
	return srv.ListenAndServe()
}
