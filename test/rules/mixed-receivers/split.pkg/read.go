package store

// Put, with a pointer receiver, is declared in store.go.
func (s Store) Get(key string) string { return s.items[key] } // want `Store.Get has a value receiver while Put use \*Store`
