package alfaview_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// A failure reported inside an HTTP 200 is found however its statusCode key
// is cased, as encoding/json matches keys; success bodies, which have no
// statusCode, skip that decode.
func TestReplyInfoStatusCodeAnyCase(t *testing.T) {
	for _, key := range []string{"statusCode", "StatusCode", "STATUSCODE", "statuscode"} {
		t.Run(key, func(t *testing.T) {
			m := newMock(t)
			m.on("businessLogicService/permissionGroups/list", 200,
				`{"replyInfo":{"`+key+`":"INSUFFICIENT_PERMISSIONS"},"permissionGroups":{}}`, nil)
			_, err := m.client(seedCreds).PermissionGroups.List(t.Context())
			assert.ErrorIs(t, err, alfaview.ErrInsufficientPermissions)
		})
	}
}

// The check on every successful answer skips through the body: it must find
// the key at every position, whatever precedes it, and in every spelling
// the decoder reads as statusCode (escapes, and the long s that folds to s).
func TestReplyInfoStatusCodeAnywhere(t *testing.T) {
	for _, key := range []string{"statusCode", "STATUSCODE", `st\u0061tusCode`, `\u0073tatuscode`, "ſtatusCode", "statuſCode"} {
		for _, filler := range []string{"x", "s", "e", "code", "statu", "statuscod", "tatusCode", "ſ"} {
			for pad := range 24 {
				value := strings.Repeat(filler, pad)[:pad]
				body := `{"pad":"` + value + `","replyInfo":{"` + key + `":"ROOM_NOT_FOUND"}}`
				err := checkOK(body)
				if !errors.Is(err, alfaview.ErrRoomNotFound) {
					t.Fatalf("%s: %v, want ErrRoomNotFound", body, err)
				}
			}
		}
	}
	for _, body := range []string{
		`{"replyInfo":{"statusMessage":"OK"},"rooms":{"r":{"displayName":"statusCode"}}}`,
		`{"replyInfo":{"statusMessage":"OK"},"rooms":{"r":{"displayName":"say \"hi\""}}}`,
		`{"statusCode":"ROOM_NOT_FOUND","replyInfo":{}}`,
	} {
		assert.NoError(t, checkOK(body), body)
	}
}

// FuzzReplyInfoCheck holds the check of successful answers to its promise:
// an HTTP 200 is an error exactly when encoding/json reads a replyInfo
// whose statusCode is other than OK or ACCEPTED, and the error carries it.
func FuzzReplyInfoCheck(f *testing.F) {
	for _, seed := range []string{
		replyRoomNotFound,
		`{"replyInfo":{"statusMessage":"OK"},"permissionGroups":{}}`,
		`{"replyInfo":{"statusCode":"OK"}}`, `{"replyInfo":{"statusCode":"ACCEPTED"}}`,
		`{"REPLYINFO":{"sTaTuScOdE":"TOKEN_OUTDATED"}}`, `{"replyInfo":{"\u0073tatusCode":"X"}}`,
		`{"replyInfo":{"ſtatusCode":"X"}}`, `{"replyInfo":{"statusCode":"X"},"replyInfo":null}`,
		`{"replyInfo":{"statusCode":5}}`, `{"replyInfo":{"requestId":5,"statusCode":"X"}}`, `[]`, `x`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var want struct {
			ReplyInfo *struct {
				StatusCode string `json:"statusCode"`
			} `json:"replyInfo"`
		}
		failed := json.Unmarshal(body, &want) == nil && want.ReplyInfo != nil
		if failed {
			switch want.ReplyInfo.StatusCode {
			case "", "OK", "ACCEPTED":
				failed = false
			}
		}
		err := checkOK(string(body))
		if !failed {
			require.NoError(t, err, "%q", body)
			return
		}
		var e *alfaview.Error
		require.ErrorAs(t, err, &e, "%q", body)
		assert.Equal(t, want.ReplyInfo.StatusCode, e.StatusCode, "%q", body)
	})
}

// checkOK runs the response check on an HTTP 200 with body.
func checkOK(body string) error {
	return alfaview.CheckResponse(&transport.Response{StatusCode: 200, Body: []byte(body), Op: "op", Method: "POST", Path: "/p", Attempts: 1})
}

// Permission entries that are not booleans are left out, null included.
func TestPermissionGroupsSkipNonBooleans(t *testing.T) {
	m := newMock(t)
	m.on("businessLogicService/permissionGroups/list", 200, `{"replyInfo":{"statusMessage":"OK"},"permissionGroups":{
		"a":{"name":"Mixed","order":1,"permissions":{"voice":true,"video":false,"role":"ROLE_X","limit":3,"nested":{"x":true},"list":[true],"none":null}}}}`, nil)
	groups, err := m.client(seedCreds).PermissionGroups.List(t.Context())
	assert.NoError(t, err)
	if assert.Len(t, groups, 1) {
		assert.Equal(t, map[string]bool{"voice": true, "video": false}, groups[0].Permissions)
	}
}
