// Package metrics counts requests per route.
package metrics

import (
	"fmt"
	"io"
	"sort"
	"sync"
)

// Stats counts requests per route; safe for concurrent use.
type Stats struct {
	mu     sync.Mutex
	counts map[string]int
}

// NewStats returns empty counters.
func NewStats() *Stats {
	return &Stats{counts: make(map[string]int)}
}

// Inc counts one request to route.
func (s *Stats) Inc(route string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[route]++
}

// WriteText prints the counters, one route per line, in route order.
//
// pitfall: mutex-copy
func WriteText(w io.Writer, s Stats) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	routes := make([]string, 0, len(s.counts))
	for route := range s.counts {
		routes = append(routes, route)
	}
	sort.Strings(routes)
	for _, route := range routes {
		if _, err := fmt.Fprintf(w, "%s %d\n", route, s.counts[route]); err != nil {
			return fmt.Errorf("writing stats: %w", err)
		}
	}
	return nil
}
