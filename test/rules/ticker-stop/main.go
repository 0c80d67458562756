// go-for-ts:go 1.20
package main

import "time"

// A program's main package runs for the life of the process.
func heartbeat(stop func() bool) {
	for range time.Tick(time.Second) {
		if stop() {
			break
		}
	}
}

func main() {
	heartbeat(func() bool { return false })
}
