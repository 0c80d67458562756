package files

import (
	"database/sql"
	"os"
	"sync"
)

func Files(paths []string) error {
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close() // want `defer in a loop: f.Close\(\) runs when Files returns, not after each iteration`
	}
	return nil
}

func Locks(mu *sync.Mutex, n int) {
	for i := 0; i < n; i++ {
		mu.Lock()
		defer mu.Unlock() // want `mu.Unlock\(\) runs when Locks returns`
	}
}

func Forever(db *sql.DB) {
	for {
		tx, _ := db.Begin()
		defer func() { // want `the deferred func literal runs when Forever returns`
			_ = tx.Rollback()
		}()
	}
}

func Nested(groups [][]string) {
	for _, group := range groups {
		for _, path := range group {
			if path != "" {
				f, _ := os.Open(path)
				defer f.Close() // want `runs when Nested returns`
			}
		}
	}
}

func InsideLiteral(paths []string) {
	handle := func() {
		for _, path := range paths {
			f, _ := os.Open(path)
			defer f.Close() // want `runs when the enclosing func literal returns`
		}
	}
	handle()
}

func BreakInSwitch(paths []string, mode int) {
	for _, path := range paths {
		f, _ := os.Open(path)
		defer f.Close() // want `runs when BreakInSwitch returns`
		switch mode {
		case 1:
			break // leaves the switch, not the loop
		}
	}
}

func Suppressed(mu *sync.Mutex, n int) {
	for i := 0; i < n; i++ {
		mu.Lock()
		defer mu.Unlock() //nolint:defer-in-loop // the loop runs once by construction
	}
}
