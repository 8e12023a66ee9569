package alfaviewtest

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// query reads a request's query parameters the way Huma does, collecting
// what is wrong for one 422: "required query parameter is missing",
// "invalid integer", "expected number <= 50" at location "query.<name>".
type query struct {
	v    url.Values
	errs []errorDetail
}

func (c *call) query() *query { return &query{v: c.r.URL.Query()} }

func (q *query) add(name, message string, value any) {
	q.errs = append(q.errs, errorDetail{Location: "query." + name, Message: message, Value: value})
}

// problem is the 422 for what was wrong, or nil.
func (q *query) problem() *problem {
	if len(q.errs) == 0 {
		return nil
	}
	return invalid(q.errs...)
}

// int reads an integer parameter; absent, it is def (or, when required, an
// error).
func (q *query) int(name string, required bool, def int, min, max *int64) int {
	raw := q.v.Get(name)
	if raw == "" {
		if required {
			q.add(name, "required query parameter is missing", "")
		}
		return def
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		q.add(name, "invalid integer", raw)
		return def
	}
	if min != nil && n < *min {
		q.add(name, "expected number >= "+strconv.FormatInt(*min, 10), n)
		return def
	}
	if max != nil && n > *max {
		q.add(name, "expected number <= "+strconv.FormatInt(*max, 10), n)
		return def
	}
	return int(n)
}

// limit reads "limit", bounded 0..max as lib/Api checks it (listRooms: 50,
// the link lists: 500). 0 is taken as the default (inferred: the SDK allows
// it and a page of nothing would never end).
func (q *query) limit(def, max int) int {
	n := q.int("limit", false, def, bound(0), bound(int64(max)))
	if n == 0 {
		return def
	}
	return n
}

// time reads a date-time parameter as Huma parses a time.Time one.
func (q *query) time(name string, required bool) *time.Time {
	raw := q.v.Get(name)
	if raw == "" {
		if required {
			q.add(name, "required query parameter is missing", "")
		}
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil {
		q.add(name, "invalid date/time for format "+time.RFC3339Nano, raw)
		return nil
	}
	t = t.UTC()
	return &t
}

// list reads a comma-separated parameter (style form, explode false, as
// lib/Api sends roomTypes), each value one of allowed. Like Huma it reads
// the first occurrence only, so a client that repeats the key loses the
// rest.
func (q *query) list(name string, allowed ...string) []string {
	raw := q.v.Get(name)
	if raw == "" {
		return nil
	}
	values := strings.Split(raw, ",")
	for i, v := range values {
		if !slices.Contains(allowed, v) {
			q.add(name+"["+strconv.Itoa(i)+"]", oneOf(allowed), v)
		}
	}
	return values
}

// pageToken reads "pageToken": the sequence number a page starts at, 0 for
// the first page. A token is opaque to clients and tied to the list and
// filter it came from; one from elsewhere is 422 (inferred).
func (q *query) pageToken(scope string) int64 {
	raw, ok := q.v["pageToken"]
	if !ok || raw[0] == "" {
		return 0
	}
	b, err := base64.RawURLEncoding.DecodeString(raw[0])
	seqText, tokenScope, found := strings.Cut(string(b), "|")
	seq, perr := strconv.ParseInt(seqText, 10, 64)
	if err != nil || !found || perr != nil || seq < 1 || tokenScope != scope {
		q.add("pageToken", "invalid page token for this list and filter", raw[0])
		return 0
	}
	return seq
}

func encodePageToken(scope string, seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(seq, 10) + "|" + scope))
}

// paginated is models PaginatedBodyListRoom, PaginatedBodyListGroupLink
// and PaginatedBodyListGuestLink.
type paginated[T any] struct {
	Data          []T    `json:"data"`
	NextPageToken string `json:"nextPageToken,omitempty"`
}

// pageOf returns up to limit of items (in ascending seq order) that keep
// accepts, starting at seq from, with the token of the page after it.
// Starting at a seq rather than an offset keeps a walk from skipping or
// repeating an item when items are deleted between pages.
func pageOf[T any](items []T, seqOf func(T) int64, from int64, limit int, keep func(T) bool, scope string, render func(T) any) paginated[any] {
	i, _ := slices.BinarySearchFunc(items, from, func(v T, seq int64) int {
		switch {
		case seqOf(v) < seq:
			return -1
		case seqOf(v) > seq:
			return 1
		}
		return 0
	})
	out := paginated[any]{Data: []any{}}
	for ; i < len(items); i++ {
		v := items[i]
		if !keep(v) {
			continue
		}
		if len(out.Data) == limit {
			out.NextPageToken = encodePageToken(scope, seqOf(v))
			break
		}
		out.Data = append(out.Data, render(v))
	}
	return out
}
