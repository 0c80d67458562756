package locals

// Locks declared with `var name T` inside a function: used only through their
// methods or their address they are never copied (the rule's closer look skips such
// functions); any other use of the name may copy them, and is looked at.

import (
	"fmt"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *Counter) Add(name string) {
	c.mu.Lock()
	c.n[name]++
	c.mu.Unlock()
}

func methodsOnly(names []string) map[string]int {
	var mu sync.Mutex // guards counts
	var wg sync.WaitGroup
	counts := map[string]int{}
	for _, name := range names {
		wg.Add(1)
		go func(name string) {
			defer wg.Done()
			mu.Lock()
			counts[name]++
			mu.Unlock()
		}(name)
	}
	wg.Wait()
	return counts
}

func addressOnly() {
	var a, b sync.Mutex
	lockBoth(&a, &b)
	var c Counter
	c.Add("x")
	fmt.Println(c.n["x"])
}

func lockBoth(a, b *sync.Mutex) {
	a.Lock()
	b.Lock()
}

func copiedAfterAll() {
	var mu sync.Mutex
	mu.Lock()
	other := mu // want `Assigning mu to other copies its sync.Mutex`
	_ = other
}

func passedByValue() {
	var wg sync.WaitGroup
	fmt.Println(wg) // want `Passing wg to fmt.Println copies its sync.WaitGroup`
}

func returnedByValue() Counter {
	var c Counter
	c.Add("x")
	return c // want `Returning c copies its Counter contains sync.Mutex`
}

func fieldRead() {
	var c Counter
	m := c.mu // want `Assigning c.mu to m copies its sync.Mutex`
	_ = m
}

func keyedLiteral() {
	var mu sync.Mutex
	holder := struct{ mu *sync.Mutex }{mu: &mu}
	_ = holder
}

func shadowedByParameter() {
	var mu sync.Mutex
	mu.Lock()
	func(mu sync.Mutex) {}(mu) // want `func takes mu by value` `Passing mu to func\(mu sync.Mutex\) \{\} copies`
}

func methodValue() {
	var mu sync.Mutex
	lock := mu.Lock
	lock()
}

func sameLineUse() { var mu sync.Mutex; mu.Lock(); m := mu; _ = m } // want `Assigning mu to m copies`
