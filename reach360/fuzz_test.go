package reach360

import (
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/grantkit/grantkit-go/internal/transport"
)

func FuzzDecodeError(f *testing.F) {
	for _, seed := range []string{
		`{"code":"duplicate_name","message":"a group with this name already exists"}`,
		`{"code":"group_not_found","message":"group does not exist"}`,
		`{"code":"read_only_group","message":"cannot modify Everyone"}`,
		`{"code":"invalid_api_version","message":"unknown version"}`,
		`{"error":{"code":"group_not_found","message":"x"}}`,
		`{"errors":[{"code":"read_only_group","message":"x"},"plain"]}`,
		`{"error":"invalid token"}`,
		`{"code":12,"message":null,"errors":{}}`,
		`<html>Bad Gateway</html>`,
		``,
		"\xff\xfe",
	} {
		f.Add(404, []byte(seed))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 999 {
			status = 400 + status&0xff
		}
		err := checkResponse(&transport.Response{StatusCode: status, Body: body, Op: "groups.get", Method: "GET", Path: "/groups/x"})
		if status >= 200 && status <= 299 {
			if err != nil {
				t.Fatalf("2xx rejected: %v", err)
			}
			return
		}
		e, ok := err.(*Error)
		if !ok {
			t.Fatalf("status %d: got %T, want *Error", status, err)
		}
		if e.StatusCode != status {
			t.Fatalf("StatusCode = %d, want %d", e.StatusCode, status)
		}
		if len(e.Message) > 4*maxMessage+8 || len(e.Code) > 4*maxCode+8 {
			t.Fatalf("message %d bytes, code %d bytes: not capped", len(e.Message), len(e.Code))
		}
		_ = e.Error()
		_ = e.Is(ErrNotFound)
	})
}

// FuzzDecodePage serves arbitrary bodies as list pages and checks the
// client survives them: an error or items, never a panic, and never more
// requests than it was allowed to make.
func FuzzDecodePage(f *testing.F) {
	for _, seed := range []string{
		`{"groups":[{"id":"1","name":"a","membersUrl":"u","url":"v"}],"nextUrl":null}`,
		`{"users":[{"id":"u","lastActiveAt":"2021-10-28T20:39:52.659Z","articulate360User":false}],"nextUrl":"https://api.reach360.com/users?c=1"}`,
		`{"users":[{"id":"u","lastActiveAt":""}],"nextUrl":"/users?c=2"}`,
		`{"reporters":[{"id":"u","lastActiveAt":7,"managingGroupsUrl":null}],"invitations":[{"invitation":{"id":"i"}}],"nextUrl":"https://api.reach360.eu/x"}`,
		`{"groups":null,"nextUrl":"https://elsewhere.example/"}`,
		`{"groups":[null],"nextUrl":"::"}`,
		`[]`,
		`null`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		mt := httpmock.NewMockTransport()
		mt.RegisterNoResponder(httpmock.NewBytesResponder(http.StatusOK, body))
		c, err := NewClient("k", WithHTTPClient(&http.Client{Transport: mt}), WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		ctx := t.Context()
		if page, err := c.Groups.ListPage(ctx, nil); err == nil {
			_, _ = page.NextPage(ctx)
		}
		if page, err := c.Invitations.ListPage(ctx, nil); err == nil {
			_, _ = page.NextPage(ctx)
		}
		n := 0
		for _, err := range c.Users.List(ctx, nil) {
			if n++; err != nil || n >= 3 {
				break
			}
		}
		n = 0
		for _, err := range c.Groups.Reporters(ctx, "g", nil) {
			if n++; err != nil || n >= 3 {
				break
			}
		}
		if calls := mt.GetTotalCallCount(); calls > 10 {
			t.Fatalf("%d requests for a handful of pages", calls)
		}
	})
}
