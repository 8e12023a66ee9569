package alfaview_test

import (
	"fmt"
	"net/http"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

// WithPrefetch asks for the next page while the loop works on the
// current one: by the time the loop body runs for the first room or link,
// the second page has been requested, and without it it has not.
func TestListPrefetch(t *testing.T) {
	for prefetch, want := range map[bool]int{false: 1, true: 2} {
		synctest.Test(t, func(t *testing.T) {
			srv := alfaviewtest.NewServer(t, alfaviewtest.InMemory())
			for i := range 3 {
				room := srv.AddRoom(alfaviewtest.Room{DisplayName: fmt.Sprint("room ", i), Type: alfaviewtest.RoomTypeRoom})
				srv.AddGroupLink(alfaviewtest.GroupLink{RoomID: room.ID, PermissionGroupID: srv.PermissionGroupID("Guest")})
			}
			c := fakeClient(t, srv, srv.APIKeyCredentials(), alfaview.WithPrefetch(prefetch))
			for _, err := range c.Rooms.List(t.Context(), &alfaview.ListRoomsOptions{Limit: 2}) {
				require.NoError(t, err)
				synctest.Wait() // the page ahead, if any, has been answered
				assert.Equal(t, want, requestsTo(srv, http.MethodGet, "/v2/rooms"), "rooms, prefetch %v", prefetch)
				break
			}
			for _, err := range c.GroupLinks.List(t.Context(), &alfaview.ListLinksOptions{Limit: 2}) {
				require.NoError(t, err)
				synctest.Wait()
				assert.Equal(t, want, requestsTo(srv, http.MethodGet, "/v2/group-links"), "group links, prefetch %v", prefetch)
				break
			}
		})
	}
}
