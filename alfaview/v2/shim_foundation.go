package alfaview

import (
	"context"
	"errors"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// Stand-ins until the engine's foundation lands on main.

type CallOption func()

var (
	ErrUnauthorized = errors.New("unauthorized")
	ErrForbidden    = errors.New("forbidden")
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrRateLimited  = errors.New("rate limited")
	ErrNoMorePages  = errors.New("no more pages")
)

func (c *Client) do(ctx context.Context, r *transport.Request, out any, _ []CallOption) error {
	_, err := c.tc.Do(ctx, r, out)
	return err
}
