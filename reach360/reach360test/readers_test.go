package reach360test_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

func TestReadersReturnWhatTheFakeHolds(t *testing.T) {
	srv := reach360test.NewServer(t)
	sales := srv.AddGroup("Sales")
	ada := srv.AddUser(reach360.User{Email: "ada@example.com", FirstName: "Ada"})

	g, ok := srv.Group(sales.ID)
	assert.True(t, ok)
	assert.Equal(t, sales, g)
	g, ok = srv.Group(reach360test.EveryoneID)
	assert.True(t, ok)
	assert.Equal(t, reach360test.EveryoneName, g.Name)
	_, ok = srv.Group("nope")
	assert.False(t, ok)

	u, ok := srv.User(ada.ID)
	assert.True(t, ok)
	assert.Equal(t, ada, u)
	_, ok = srv.User("nope")
	assert.False(t, ok)
}

func TestInvitationReaderReturnsACopy(t *testing.T) {
	srv := reach360test.NewServer(t)
	inv := srv.AddInvitation(reach360.InvitationParams{Email: "ada@example.com", Groups: []string{"Sales"}})
	got, ok := srv.Invitation(inv.ID)
	assert.True(t, ok)
	assert.Equal(t, inv, got)
	got.Groups[0] = "changed"
	srv.Invitations()[0].Groups[0] = "changed"
	again, _ := srv.Invitation(inv.ID)
	assert.Equal(t, []string{"Sales"}, again.Groups)
	_, ok = srv.Invitation("nope")
	assert.False(t, ok)
}
