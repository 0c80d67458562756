// go-for-ts:options {"allowTypesBefore": ["*Logger", "Tenant"]}
package orders

import (
	"context"
	"testing"
)

type Logger struct{}
type Tenant string

func WithLogger(log *Logger, ctx context.Context) {}

func WithTenant(tenant Tenant, ctx context.Context) {}

func NotAllowedAnyMore(t *testing.T, ctx context.Context) {} // want `first parameter of NotAllowedAnyMore`
