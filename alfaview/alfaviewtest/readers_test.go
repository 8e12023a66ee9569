package alfaviewtest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
)

func TestPermissionGroupsAreCopies(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	added := srv.AddPermissionGroup("Host", 0, map[string]bool{"join": true})

	groups := srv.PermissionGroups()
	var names []string
	for _, g := range groups {
		names = append(names, g.Name)
	}
	assert.Equal(t, []string{"Moderator", "Participant", "Spectator", "Host"}, names)
	assert.Equal(t, added, groups[3])

	groups[0].Permissions["voice"] = false
	groups[0].Name = "changed"
	again := srv.PermissionGroups()[0]
	assert.Equal(t, "Moderator", again.Name)
	assert.True(t, again.Permissions["voice"], "the fake's flags are not the caller's map")
}
