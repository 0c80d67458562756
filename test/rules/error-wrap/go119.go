// go-for-ts:go 1.19
package users

import "fmt"

func OneWrapAllowed(a, b, c error) error {
	return fmt.Errorf("%w, %v, %v", a, b, c) // a second %w does not compile before Go 1.20
}

func FirstOnly(a, b error) error {
	return fmt.Errorf("%v then %v", a, b) // want `formats a with %v`
}
