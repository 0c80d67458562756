// Package containers holds small generic data structures: a ring buffer, an
// ordered set and a few helpers over slices and maps.
package containers

import (
	"cmp"
	"iter"
	"slices"
)

// Number is any type + and < work on.
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~float32 | ~float64
}

// Ring keeps the last N values pushed into it.
type Ring[T any] struct {
	items []T
	next  int
	full  bool
}

// NewRing returns an empty ring with room for n values.
func NewRing[T any](n int) *Ring[T] { return &Ring[T]{items: make([]T, n)} }

// Push adds v, dropping the oldest value when the ring is full.
func (r *Ring[T]) Push(v T) {
	r.items[r.next] = v
	r.next = (r.next + 1) % len(r.items)
	r.full = r.full || r.next == 0
}

// All yields the values from oldest to newest.
func (r *Ring[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		start, n := 0, r.next
		if r.full {
			start, n = r.next, len(r.items)
		}
		for i := range n {
			if !yield(r.items[(start+i)%len(r.items)]) {
				return
			}
		}
	}
}

// Set is an ordered set of keys.
type Set[K cmp.Ordered] struct{ keys map[K]struct{} }

// Add puts k in the set.
func (s *Set[K]) Add(k K) {
	if s.keys == nil {
		s.keys = make(map[K]struct{})
	}
	s.keys[k] = struct{}{}
}

// Sorted returns the keys in order.
func (s Set[K]) Sorted() []K {
	out := make([]K, 0, len(s.keys))
	for k := range s.keys {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Sum adds the values up.
func Sum[T Number](values ...T) (total T) {
	for _, v := range values {
		total += v
	}
	return
}

// GroupBy buckets values by the key fn gives them.
func GroupBy[T any, K comparable](values []T, fn func(T) K) map[K][]T {
	var groups map[K][]T
	for _, v := range values {
		k := fn(v)
		groups[k] = append(groups[k], v)
	}
	return groups
}

// Pair holds two values of possibly different types.
type Pair[A, B any] struct {
	First  A `json:"first"`
	Second B `json:"second,omitempty"`
}

var _ = Pair[int, string]{First: 1, Second: "один"}
