package web

import (
	"net/http"
	stdtime "time"
)

var _ = stdtime.Now

func New(h http.Handler) *http.Server {
	return &http.Server{Handler: h} // want `this http.Server has no ReadHeaderTimeout`
}
