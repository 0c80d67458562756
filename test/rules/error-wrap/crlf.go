package users

import "fmt"

func Save(id string, err error) error {
	return fmt.Errorf("saving %s: %v", id, err) // want `formats err with %v`
}
