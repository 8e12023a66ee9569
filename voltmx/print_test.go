package voltmx_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grantkit/grantkit-go/voltmx"
)

// A Client prints as voltmx.Client{BaseURL:…} whether it is a pointer or a
// value and whatever the verb: fmt walks a value's fields otherwise, down
// into the engine, as it does for none of the other vendors' clients.
func TestClientPrintsTheSameAsValueAndPointer(t *testing.T) {
	_, c := newFake(t)
	want := c.String()
	assert.True(t, strings.HasPrefix(want, "voltmx.Client{BaseURL:"), want)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x"} {
		assert.Equal(t, want, fmt.Sprintf(verb, c), "pointer, %s", verb)
		assert.Equal(t, want, fmt.Sprintf(verb, *c), "value, %s", verb)
	}
	assert.Equal(t, fmt.Sprintf("%q", want), fmt.Sprintf("%q", *c))
	assert.Equal(t, "voltmx.Client{}", fmt.Sprint(voltmx.Client{}), "the zero Client prints too")
}
