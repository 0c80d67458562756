package tally

import (
	"encoding/json"
	"fmt"
	"os"
)

type Store struct {
	cache map[string]int
}

func Literal() {
	m := map[string]int{}
	m["a"] = 1
}

func Made() {
	var m map[string]int
	m = make(map[string]int)
	m["a"]++
}

func MadeInBothBranches(big bool) {
	var m map[string]int
	if big {
		m = make(map[string]int, 1024)
	} else {
		m = map[string]int{}
	}
	m["a"] = 1
}

func ReadsAndDeletes() int {
	var m map[string]int
	delete(m, "a")
	for k, v := range m {
		fmt.Println(k, v)
	}
	_, ok := m["a"]
	if ok {
		return 1
	}
	return m["b"] + len(m)
}

func LazyInLoop(words []string) map[string]int {
	var freq map[string]int
	for _, w := range words {
		if freq == nil {
			freq = make(map[string]int)
		}
		freq[w]++
	}
	return freq
}

func MadeInLoopBody(rows [][]string) {
	for _, row := range rows {
		var seen map[string]bool
		seen = make(map[string]bool)
		for _, cell := range row {
			seen[cell] = true
		}
	}
}

func Unmarshalled(data []byte) (map[string]string, error) {
	var out map[string]string
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, err
	}
	out["source"] = "json"
	return out, nil
}

func FromCall() {
	var m map[string]int
	m = load()
	m["a"] = 1
}

func load() map[string]int { return map[string]int{} }

func ClosureMakes() {
	var m map[string]int
	ensure := func() { m = make(map[string]int) }
	ensure()
	m["a"] = 1
}

func WriteInClosure() func(string) {
	var m map[string]int
	return func(k string) {
		m[k] = 1 // a closure may run after the map was made: not judged
	}
}

func (s *Store) FieldMap(k string) {
	s.cache[k] = 1
}

func ParameterMap(m map[string]int) {
	m["a"] = 1
}

func GuardReturns(m map[string]int) {
	if m == nil {
		return
	}
	m["a"] = 1
}

func GuardMakes(m map[string]int) map[string]int {
	if m == nil {
		m = make(map[string]int)
	}
	m["a"] = 1
	return m
}

func GuardPanics(m map[string]int) {
	if m == nil {
		panic("nil map")
	}
	m["a"] = 1
}

func GuardExits(m map[string]int) {
	if nil == m {
		fmt.Fprintln(os.Stderr, "no map")
		os.Exit(2)
	}
	m["a"] = 1
}

func SwitchWithDefault(kind int) {
	var m map[string]int
	switch kind {
	case 1:
		m = map[string]int{}
	default:
		m = make(map[string]int)
	}
	m["k"] = kind
}

// The same condition makes the map and guards the write.
func SameCondition(debug bool, names []string) {
	var trace map[string]int
	if debug {
		trace = make(map[string]int)
	}
	for i, n := range names {
		if debug {
			trace[n] = i
		}
	}
}

// A range over an empty slice never runs its body.
func OnlyWhenNonEmpty(extra []string) map[string]bool {
	var set map[string]bool
	if len(extra) > 0 {
		set = map[string]bool{}
	}
	for _, e := range extra {
		set[e] = true
	}
	return set
}

// Reading a positive count proves the map holds the key.
func EntryProvesMap(keys []string) {
	var dup map[string]int
	for _, k := range keys {
		if dup[k] > 0 {
			dup[k] = 2
			continue
		}
		if _, ok := dup[k]; ok {
			dup[k] = 3
		}
	}
}

// Made on one iteration and used on later ones: depends on the data, not judged.
func HeaderFirst(lines []string) {
	var fields map[string]string
	for _, line := range lines {
		switch line {
		case "header":
			fields = make(map[string]string)
		default:
			fields[line] = line
		}
	}
}

func ArraysAndSlices() {
	var a [3]int
	a[0] = 1
	var s []int
	s = append(s, 1)
	s[0] = 2
}

func RangeVariable(groups []map[string]int) {
	for _, m := range groups {
		m["seen"]++
	}
}

func Goto(n int) {
	var m map[int]int
again:
	if m == nil {
		m = map[int]int{}
		goto again
	}
	m[n] = n
}

func Suppressed() {
	var m map[string]int
	m["a"] = 1 //nolint:nil-map-write // demonstrates the panic in a test
}
