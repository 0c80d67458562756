package cache

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

type Stats struct {
	hits atomic.Int64
}

type Layered struct {
	Cache // embedded by value
	name  string
}

type Handle struct {
	c *Cache // a pointer: copying the handle shares the cache
}

func (c *Cache) Get(key string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items[key]
}

func (c Cache) Len() int { // want `Len has a value receiver, so each call copies the Cache contains sync.Mutex: use a pointer receiver \(\*Cache\)`
	return len(c.items)
}

func (l Layered) Name() string { return l.name } // want `Layered contains Cache contains sync.Mutex`

func (h Handle) Size() int { return len(h.c.items) }

func byValue(c Cache) {} // want `byValue takes c by value, copying the Cache contains sync.Mutex: take a pointer`

func byPointer(c *Cache) {}

func group(wg sync.WaitGroup) {} // want `group takes wg by value`

func counters(s Stats) {} // want `Stats contains atomic.Int64`

func copies(p *Cache) {
	var c Cache
	d := c       // want `Assigning c to d copies its Cache contains sync.Mutex`
	e := *p      // want `Assigning \*p to e copies`
	c = *p       // want `Assigning \*p to c copies`
	fresh := Cache{}
	made := new(Cache)
	shared := &c
	mu := c.mu   // want `Assigning c.mu to mu copies its sync.Mutex`
	fmt.Println(c) // want `Passing c to fmt.Println copies`
	fmt.Println(&c)
	_, _, _, _, _, _ = d, e, fresh, made, shared, mu
}

func returns(p *Cache) Cache {
	return *p // want `Returning \*p copies`
}

func fresh() Cache {
	return Cache{}
}

func literals(c Cache, p *Cache) { // want `literals takes c by value`
	_ = []Cache{*p}             // want `This literal copies the Cache contains sync.Mutex of \*p`
	_ = map[string]*Cache{"a": p}
	_ = Layered{Cache: *p, name: "x"} // want `This literal copies`
}

func ranges(all []Cache, byName map[string]Cache, ptrs []*Cache) {
	for i := range all {
		_ = all[i].Len
	}
	for _, c := range all { // want `Range variable c copies each element's Cache contains sync.Mutex`
		_ = c
	}
	for name, c := range byName { // want `Range variable c copies`
		_, _ = name, c
	}
	for _, p := range ptrs {
		_ = p
	}
}

func arrays() {
	var locks [4]sync.Mutex
	other := locks // want `Assigning locks to other copies its sync.Mutex`
	slice := locks[:]
	_, _ = other, slice
	_ = len(locks)
}

func localType() {
	type guarded struct{ mu sync.RWMutex }
	byKey := map[string]guarded{}
	g := byKey["a"] // want `Assigning byKey\["a"\] to g copies its guarded contains sync.RWMutex`
	_ = g
}

type Value struct{ v atomic.Value }

// atomic.Value has no copy guard (vet does not report it either).
func values(v Value) {}

var closure = func(m sync.Mutex) {} // want `func takes m by value`

func ok(mu *sync.Mutex, ch chan sync.Mutex, wg *sync.WaitGroup) {}

func loopState() {
	for i, mu := 0, (sync.Mutex{}); i < 3; i++ { // want `Loop variable mu is copied into each iteration with its sync.Mutex`
		mu.Lock()
		mu.Unlock()
	}
}
