package web

import (
	"net/http"
	"net/http/httptest"
	"time"
)

type fakeHTTP struct{}

func (fakeHTTP) ListenAndServe(addr string, h http.Handler) error { return nil }

func Configured(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	_ = srv.ListenAndServe() // the method on a configured server
	full := &http.Server{ReadTimeout: time.Minute}
	_ = full
	var h fakeHTTP
	return h.ListenAndServe(":1", mux)
}

func SetAfterwards(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux}
	srv.ReadHeaderTimeout = 3 * time.Second
	return srv.ListenAndServe()
}

type App struct{ server *http.Server }

func (a *App) Start(mux *http.ServeMux) {
	a.server = &http.Server{Handler: mux}
	a.server.ReadTimeout = time.Minute
}

func Suppressed() *http.Server {
	return &http.Server{} //nolint:http-server-timeouts // wrapped by a proxy with its own timeouts
}

func Client() *http.Client {
	return &http.Client{Timeout: time.Second}
}

// httptest servers listen on loopback for one test.
func TestServer(h http.Handler) *httptest.Server {
	return &httptest.Server{Listener: nil, Config: &http.Server{Handler: h}}
}
