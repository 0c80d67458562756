// go-for-ts:go 1.21
package spelling

import (
	"testing"

	"golang.org/x/sync/errgroup"
)

// The goroutines, deferred calls and Go/Run calls are found however they are spaced
// (the rule looks them up from the words go, defer, Go and Run).

func spaced(t *testing.T, names []string) {
	for _, name := range names {
		t.Run("plain", func(t *testing.T) {})
		t .
			Run(name, func(t *testing.T) {
				t.Parallel()
				_ = name // want `Loop variable name is shared by all iterations`
			})
	}
}

func nested(names []string) error {
	var g errgroup.Group
	for _, name := range names {
		g.Go(func() error {
			return run(name) // want `Loop variable name is shared by all iterations`
		})
	}
	for _, name := range names {
		defer	func() {
			_ = name // want `Loop variable name is shared by all iterations`
		}()
		go	func() {
			_ = name // want `Loop variable name is shared by all iterations`
		}()
	}
	return g.Wait()
}

func run(string) error { return nil }
