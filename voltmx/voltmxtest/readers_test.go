package voltmxtest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

func TestUserReadersAreCopies(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	eve := srv.AddUser(voltmxtest.User{UserName: "eve", PermissionIDs: []int64{3}})

	users := srv.Users()
	if assert.Len(t, users, 2) {
		assert.Equal(t, voltmxtest.Username, users[0].UserName, "the console user the fake starts with")
		assert.Equal(t, eve, users[1])
	}
	u, ok := srv.User(eve.ID)
	assert.True(t, ok)
	assert.Equal(t, eve, u)
	_, ok = srv.User(99)
	assert.False(t, ok)

	u.PermissionIDs[0] = 4
	users[1].PermissionIDs[0] = 5
	u, _ = srv.User(eve.ID)
	assert.Equal(t, []int64{3}, u.PermissionIDs)
}
