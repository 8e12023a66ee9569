package alfaview_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grantkit/grantkit-go/alfaview"
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
