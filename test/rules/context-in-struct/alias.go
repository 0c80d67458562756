package worker

import stdcontext "context"

type Aliased struct {
	ctx stdcontext.Context // want `struct Aliased stores context.Context in field ctx`
}
