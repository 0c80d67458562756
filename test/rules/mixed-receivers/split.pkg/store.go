package store

type Store struct{ items map[string]string }

func (s *Store) Put(key, value string) { s.items[key] = value }
