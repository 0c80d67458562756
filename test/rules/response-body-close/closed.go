package api

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
)

type Store struct{ last *http.Response }

var lastResponse *http.Response

func Deferred(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func Alias(url string) {
	resp, _ := http.Get(url)
	body := resp.Body
	body.Close()
}

func DeferredLiteral(c *http.Client, req *http.Request) {
	resp, _ := c.Do(req)
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}()
}

func closeBody(c io.Closer) { _ = c.Close() }

func closeResponse(r *http.Response) { r.Body.Close() }

func Helpers(url string) {
	a, _ := http.Get(url)
	defer closeBody(a.Body)
	b, _ := http.Get(url)
	closeResponse(b)
	c, _ := http.Get(url)
	closer := func(r *http.Response) { r.Body.Close() }
	closer(c)
	d, _ := http.Get(url)
	run := func() { d.Body.Close() }
	run()
}

func Returned(url string) (*http.Response, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func ReturnedBody(url string) (io.ReadCloser, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

func Direct(url string) (*http.Response, error) {
	return http.Get(url)
}

func Stored(s *Store, url string, out chan<- *http.Response) {
	s.last, _ = http.Get(url)
	lastResponse, _ = http.Get(url)
	r, _ := http.Get(url)
	out <- r
	w, _ := http.Get(url)
	s.last = w
}

func HandedOff(url string, consume func(*http.Response)) {
	resp, _ := http.Get(url)
	consume(resp)
}

func Branches(url string, secure bool) (*http.Response, error) {
	var res *http.Response
	var err error
	if secure {
		res, err = http.Get("https://" + url)
	} else {
		res, err = http.Get("http://" + url)
	}
	return res, err
}

func NamedResult(url string) (resp *http.Response, err error) {
	resp, err = http.Get(url)
	return
}

func CloseWithHelperName(url string) {
	resp, _ := http.Get(url)
	defer safeClose(resp.Body)
}

func safeClose(c io.Closer) {
	if err := c.Close(); err != nil && !errors.Is(err, io.EOF) {
		panic(err)
	}
}

func Recorder() {
	w := httptest.NewRecorder()
	resp := w.Result()
	_, _ = io.ReadAll(resp.Body)
}

type cache struct{}

func (cache) Get(key string) (string, error) { return "", nil }

func NotAClient(c cache) {
	v, _ := c.Get("k")
	_ = v
}

//bodyclose:handled
func handled(url string) (*http.Response, error) { return http.Get(url) }

func Vouched(url string) {
	_, _ = handled(url)
}

func IfInit(url string) {
	if resp, err := http.Get(url); err == nil {
		defer resp.Body.Close()
	}
}

type kvClient struct{}

type entry struct{ Value string }

func (kvClient) Get(key string) (*entry, error) { return nil, nil }

func LookAlike(redisClient kvClient) string {
	v, _ := redisClient.Get("k") // named like a client, but its result has no Body
	return v.Value
}

func WrongArity(client kvClient, a, b string) {
	client.Post(a, b) // http.Client.Post takes three arguments
}

func (kvClient) Post(a, b string) {}
