package alfaview

import (
	"context"
	"fmt"
	"strconv"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// wirePage is a list answer (models PaginatedBodyListRoom,
// PaginatedBodyListGroupLink, PaginatedBodyListGuestLink): the items and
// an opaque token for the next page, absent or "" on the last.
type wirePage[T any] struct {
	Data          []*T   `json:"data"`
	NextPageToken string `json:"nextPageToken"`
}

// fetchPage fetches the page r names (token is the pageToken it sends, ""
// for the first page). A page whose next token is its own would be fetched
// forever by a loop over Next, so it is an error.
func fetchPage[T any](ctx context.Context, c *Client, r *transport.Request, token string, opts []CallOption) (*wirePage[T], error) {
	w, err := object[wirePage[T]](ctx, c, r, opts)
	if err != nil {
		return nil, err
	}
	if token != "" && w.NextPageToken == token {
		return nil, &transport.RequestError{Vendor: vendor, Op: r.Op.Name, Method: r.Op.Method,
			Err: fmt.Errorf("%w: the page's nextPageToken is the token that fetched it", paging.ErrCursorLoop)}
	}
	return w, nil
}

// nextPage is every page type's NextPage: the page named by token, fetched by
// next with the options of the page's list.
func nextPage[P any](ctx context.Context, op *transport.Operation, token string,
	next func(context.Context, string, []CallOption) (*P, error), opts []CallOption) (*P, error) {
	if token == "" {
		return nil, ErrNoMorePages
	}
	if next == nil {
		return nil, check(op).Check(false, "page", "was not returned by this package: pass its NextPageToken to ListPage").Err()
	}
	return next(ctx, token, opts)
}

func errNilPage(op *transport.Operation) error {
	return check(op).Check(false, "page", "must not be nil").Err()
}

// indexed names element i of a list field: "Links[2]".
func indexed(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }
