package screen

// Each function names the lock-holding type only behind a pointer (or not at all), so
// the rule's closer look at the text (src/engine/lock-copies.ts) must still see the
// one thing that copies a lock: a dereference, a field holding the lock, a package
// name with a gap before its dot, a package-level variable.

import (
	"fmt"
	"sync"
)

type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

var global Cache

var shared = &Cache{}

func (c *Cache) snapshot() {
	m := c.mu // want `Assigning c.mu to m copies its sync.Mutex`
	_ = m
}

func viaPackagePointer(_ *sync.Mutex) {
	m := shared.mu // want `Assigning shared.mu to m copies its sync.Mutex`
	_ = m
}

func derefWithComment(p *Cache) {
	e := * /* the value */ p // want `Assigning \* /\* the value \*/ p to e copies`
	_ = e
}

func derefReturned(p *Cache) interface{} {
	return *p // want `Returning \*p copies`
}

func derefOfNew() {
	p := new(Cache)
	fmt.Println(*p) // want `Passing \*p to fmt.Println copies`
}

func derefOfAddress() {
	p := &Cache{}
	c := (*p) // want `Assigning \(\*p\) to c copies`
	_ = c
}

func gapBeforeDot(_ *Cache) {
	var m sync /* gap */ . Mutex
	n := m // want `Assigning m to n copies its sync.Mutex`
	_ = n
}

func globalBeforeLineBreak() {
	m := global.mu // want `Assigning global.mu to m copies`
	(func() {})()
	_ = m
}

func methodExpression(p *Cache) {
	fmt.Println(len((*Cache).get(p, "k")))
	g := global // want `Assigning global to g copies`
	_ = g
}

func (c *Cache) get(key string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items[key] + fmt.Sprint("Cache", &global, new(Cache)) // only pointers and a string
}
