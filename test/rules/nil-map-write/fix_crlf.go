package tally

// CRLF line endings: the fix edits inside one line and keeps them.
func Crlf(names []string) map[string]int {
	var byName map[string]int
	for i, n := range names {
		byName[n] = i // want `byName may still be nil`
	}
	return byName
}
