package voltmx

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/grantkit/grantkit-go/internal/transport"
)

func FuzzDecodeError(f *testing.F) {
	for _, seed := range []string{
		`{"message":"Application permissions can be enabled only for the group who has ADHOC_PUSH permission"}`,
		`{"message":"Group name is required"}`,
		`{"message":"Email is required"}`,
		`{"message":"Invalid request payload. Error occurred at property selectedPermissionIds"}`,
		`{"message":"Invalid group ID provided, or No group found with given ID"}`,
		`{"id":"3","message":"Delete is not allowed on active group"}`,
		`{"message":"Unauthorized request"}`,
		`{"message":"Server failure to process request"}`,
		`{"error":{"message":1},"id":[1]}`,
		`"Email is required"`,
		`<html>Bad Gateway</html>`,
		``,
		"\xff\xfe",
	} {
		f.Add(400, []byte(seed))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 999 {
			status = 400 + status&0xff
		}
		err := checkResponse(&transport.Response{StatusCode: status, Body: body, Op: "groups.get", Method: "GET", Path: "/vpns/api/v1/accessmgmt/groups/1"})
		if status >= 200 && status <= 299 {
			if err != nil {
				t.Fatalf("2xx rejected: %v", err)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("status %d: got %T, want *Error", status, err)
		}
		if e.StatusCode != status {
			t.Fatalf("status %d kept as %d", status, e.StatusCode)
		}
		if len(e.Message) > 200+len("…") || len(e.ID) > 64+len("…") {
			t.Fatalf("message or id not bounded: %d, %d bytes", len(e.Message), len(e.ID))
		}
		_ = e.Error()
		_ = errors.Is(err, ErrGroupNotFound)
	})
}

func FuzzDecodeGroupPage(f *testing.F) {
	for _, seed := range []string{
		`{"total":2,"groups":[{"id":1,"groupName":"a","activeFlag":true,"createdDate":"06/15/2016 02:00:18 PM IST"},{"id":"2","activeFlag":"true"}]}`,
		`{"total":"1","groups":[null]}`,
		`{"groups":[{"selectedPermissionIds":["1",2],"selectedAppIds":[1,"a"],"lastModifiedDate":1466000000000}]}`,
		`{"groups":[{"createdDate":"13/45/2016 99:00:18 PM +99:99"}]}`,
		`{"total":-1}`,
		`[]`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var page struct {
			Total  *flexInt `json:"total"`
			Groups []*Group `json:"groups"`
		}
		if json.Unmarshal(body, &page) != nil {
			return
		}
		for _, g := range page.Groups {
			if g != nil {
				g.CreatedDate.resolve(nil)
				_ = g.UpdateParams()
			}
		}
		total, next := pageEnd(page.Total, 0, 10, len(page.Groups))
		if next < 0 || (next > 0 && next != len(page.Groups)) {
			t.Fatalf("next %d for %d groups (total %d)", next, len(page.Groups), total)
		}
	})
}
