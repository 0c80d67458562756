package twins

import "sync"

var shared = &Conn{}

func grab(c *Conn, _ *sync.Mutex) {
	m := c.mu // want `Assigning c.mu to m copies its sync.Mutex`
	_ = m
}

func grabShared(_ *sync.Mutex) {
	m := shared.mu // want `Assigning shared.mu to m copies its sync.Mutex`
	_ = m
}
