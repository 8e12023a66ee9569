package voltmx_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

// WithPrefetch asks for the next page while the loop works on the
// current one: by the time the loop body runs for the first group, the
// second page has been requested, and without it it has not.
func TestListPrefetch(t *testing.T) {
	for prefetch, want := range map[bool]int{false: 1, true: 2} {
		synctest.Test(t, func(t *testing.T) {
			srv := voltmxtest.NewServer(t, voltmxtest.InMemory())
			for i := range 4 {
				srv.AddGroup(voltmxtest.Group{Name: fmt.Sprint("group ", i)})
			}
			c := newClientFor(t, srv, srv.BasicAuth(), voltmx.WithPrefetch(prefetch))
			for _, err := range c.Groups.List(t.Context(), &voltmx.ListOptions{PageSize: 2}) {
				require.NoError(t, err)
				synctest.Wait() // the page ahead, if any, has been answered
				lists := 0
				for _, r := range srv.Requests() {
					if r.Method == http.MethodGet && strings.HasSuffix(r.Path, "/groups") {
						lists++
					}
				}
				assert.Equal(t, want, lists, "prefetch %v", prefetch)
				break
			}
		})
	}
}
