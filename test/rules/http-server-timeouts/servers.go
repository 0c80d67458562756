package web

import (
	"log"
	"net"
	"net/http"
	"time"
)

func Package(mux *http.ServeMux, l net.Listener) {
	log.Fatal(http.ListenAndServe(":8080", mux))                       // want `http.ListenAndServe runs a server with no timeouts, so a slow client can hold a connection forever: create an http.Server with ReadHeaderTimeout set and call its ListenAndServe method`
	log.Fatal(http.ListenAndServeTLS(":8443", "cert", "key", mux))     // want `http.ListenAndServeTLS runs a server with no timeouts`
	log.Fatal(http.Serve(l, mux))                                      // want `http.Serve runs a server with no timeouts`
}

func Literal(mux *http.ServeMux) *http.Server {
	srv := &http.Server{ // want `srv has no ReadHeaderTimeout or ReadTimeout, so a slow client can hold a connection forever: set ReadHeaderTimeout`
		Addr:         ":8080",
		Handler:      mux,
		WriteTimeout: 10 * time.Second,
	}
	return srv
}

func OneLine(mux *http.ServeMux) {
	s := http.Server{Addr: ":8080", Handler: mux} // want `s has no ReadHeaderTimeout`
	_ = s.ListenAndServe()
}

func Empty() *http.Server {
	return &http.Server{} // want `this http.Server has no ReadHeaderTimeout`
}

func SetOnOtherServer(mux *http.ServeMux) {
	a := &http.Server{Handler: mux} // want `a has no ReadHeaderTimeout`
	b := &http.Server{Handler: mux, ReadTimeout: time.Minute}
	b.ReadHeaderTimeout = time.Second
	_, _ = a, b
}

func Comparison(mux *http.ServeMux) bool {
	srv := &http.Server{Handler: mux} // want `srv has no ReadHeaderTimeout`
	return srv.ReadHeaderTimeout == 0
}
