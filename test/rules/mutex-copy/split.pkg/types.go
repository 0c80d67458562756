package registry

import "sync"

type Registry struct {
	mu      sync.RWMutex
	entries map[string]int
}
