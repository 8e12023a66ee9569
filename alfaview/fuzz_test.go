package alfaview_test

import (
	"testing"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/internal/transport"
)

func FuzzDecodeError(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
	}{
		{401, gatewayTokenOutdated},
		{200, replyRoomNotFound},
		{200, seedCreateGroupLinksReply},
		{404, `{"code":5,"message":"nf","details":[{"@type":"x"},"odd",{"statusCode":"NOT_FOUND"}]}`},
		{400, `{"error":"bad","code":3}`},
		{502, "<html>bad gateway</html>"},
		{500, ""},
		{200, `{"replyInfo":null}`},
		{200, `{"replyInfo":{"statusCode":7}}`},
		{200, `{"replyInfo":{"statusCode":"PARTIAL_ERROR"},"groupLinks":[{"id":"l1"}],"guestLinks":null}`},
		{200, `{"replyInfo":{"statusCode":"PARTIAL_ERROR"},"groupLinks":{"not":"a list"}}`},
	} {
		f.Add(seed.status, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		err := alfaview.CheckResponse(&transport.Response{StatusCode: status, Body: body, Op: "op", Method: "POST", Path: "/p", Attempts: 1})
		if (status < 200 || status > 299) && err == nil {
			t.Fatalf("status %d accepted", status)
		}
		if err != nil {
			_ = err.Error()
		}
	})
}

func FuzzDecodeRooms(f *testing.F) {
	for _, seed := range []string{
		`{"b":{"displayName":"B","type":"ROOM_TYPE_ROOM","mode":"ROOM_MODE_NORMAL","createdAt":"2024-01-01T00:00:00Z"},"a":{"displayName":"A"}}`,
		`{}`, `null`, `[]`, `{"x":null}`, `{"x":{"createdAt":""}}`, `{"x":{"createdAt":"yesterday"}}`, `{"a":1}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		rooms, err := alfaview.DecodeRooms(body)
		if err != nil {
			return
		}
		for _, r := range rooms {
			if r == nil {
				t.Fatal("nil room without an error")
			}
		}
	})
}
