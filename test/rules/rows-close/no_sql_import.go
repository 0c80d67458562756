package search

// No SQL package anywhere: Query and Prepare are someone else's methods.
type Index struct{}

func (Index) Query(term string) ([]string, error) { return nil, nil }
func (Index) Prepare(name string) (func(), error)   { return nil, nil }

func lookup(ix Index) int {
	hits, err := ix.Query("golang")
	if err != nil {
		return 0
	}
	run, _ := ix.Prepare("warm")
	run()
	return len(hits)
}
