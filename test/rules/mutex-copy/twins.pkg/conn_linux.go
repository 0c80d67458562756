//go:build linux

package twins

import "sync"

// Conn holds a lock in this build only: it is no lock-holding type of the package,
// but its mu field holds one.
type Conn struct {
	mu sync.Mutex
	n  int
}
