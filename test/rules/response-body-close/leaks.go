package api

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

type Client struct {
	http *http.Client
	base string
}

func Status(url string) (int, error) {
	resp, err := http.Get(url) // want `resp.Body from http.Get is never closed in Status: add defer resp.Body.Close\(\) once the error is checked`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func Decode(c *http.Client, req *http.Request, v any) error {
	res, err := c.Do(req) // want `res.Body from c.Do is never closed in Decode`
	if err != nil {
		return err
	}
	return json.NewDecoder(res.Body).Decode(v)
}

func Dropped(url string) {
	http.Head(url) // want `the \*http.Response from http.Head is discarded, so its Body is never closed`
	_, _ = http.DefaultClient.Get(url) // want `from http.DefaultClient.Get is discarded`
}

func (c *Client) Ping() error {
	resp, err := c.http.Get(c.base + "/ping") // want `resp.Body from c.http.Get is never closed in Ping`
	if err != nil {
		return err
	}
	fmt.Println(resp) // printing is not handing it off
	return nil
}

func Reassigned(url string) {
	resp, _ := http.Get(url) // want `resp.Body from http.Get is never closed`
	fmt.Println(resp.Status)
	resp, _ = http.Get(url)
	resp.Body.Close()
}

func NeverCalled(url string) {
	resp, _ := http.Get(url) // want `never closed`
	_ = func() {
		resp.Body.Close()
	}
}

func ReadOnly(url string) ([]byte, error) {
	resp, err := http.Post(url, "text/plain", nil) // want `never closed`
	if err != nil {
		return nil, err
	}
	limited := http.MaxBytesReader(nil, resp.Body, 1<<20)
	return io.ReadAll(limited)
}

func drain(r *http.Response) { _, _ = io.Copy(io.Discard, r.Body) }

func Helper(url string) {
	resp, _ := http.Get(url) // want `never closed`
	drain(resp)
}

func Loop(c *http.Client, reqs []*http.Request) {
	for _, req := range reqs {
		resp, err := c.Do(req) // want `never closed`
		if err != nil {
			continue
		}
		fmt.Println(resp.StatusCode)
	}
}

func fetch(url string) (*http.Response, error) { return http.Get(url) }

func LocalProducer(url string) {
	resp, err := fetch(url) // want `resp.Body from fetch is never closed`
	_, _ = resp, err
}

func Suppressed(url string) {
	resp, _ := http.Get(url) //nolint:response-body-close // the process exits right after
	_ = resp.StatusCode
}
