// go-for-ts:go 1.22
package jobs

// From Go 1.22 every iteration has its own variables.
func modern(jobs []int, run func(int)) {
	for _, job := range jobs {
		go func() {
			run(job)
		}()
	}
}
