package viviot_test

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/grantkit/grantkit-go/viviot"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseGUIDForms(t *testing.T) {
	want := viviot.GUID{0x3f, 0x25, 0x04, 0xe0, 0x4f, 0x89, 0x11, 0xd3, 0x9a, 0x0c, 0x03, 0x05, 0xe8, 0x2c, 0x33, 0x01}
	for _, s := range []string{
		"3f2504e0-4f89-11d3-9a0c-0305e82c3301",
		"3F2504E0-4F89-11D3-9A0C-0305E82C3301",
		"3f2504e04f8911d39a0c0305e82c3301",
		"3F2504E04F8911D39A0C0305E82C3301",
		"{3f2504e0-4f89-11d3-9a0c-0305e82c3301}",
		"{3f2504e04f8911d39a0c0305e82c3301}",
	} {
		g, err := viviot.ParseGUID(s)
		require.NoError(t, err, s)
		assert.Equal(t, want, g, s)
	}
	assert.Equal(t, "3f2504e0-4f89-11d3-9a0c-0305e82c3301", want.String())
	text, _ := want.MarshalText()
	assert.Equal(t, "3f2504e04f8911d39a0c0305e82c3301", string(text))
	b, _ := json.Marshal(want)
	assert.Equal(t, `"3f2504e04f8911d39a0c0305e82c3301"`, string(b))
}

func TestParseGUIDRejects(t *testing.T) {
	for _, s := range []string{
		"", "3f2504e0", "3f2504e0-4f89-11d3-9a0c-0305e82c330", "3f2504e0-4f89-11d3-9a0c-0305e82c33011",
		"3f2504e04-f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c330g",
		"3f2504e0_4f89_11d3_9a0c_0305e82c3301", "{3f2504e04f8911d39a0c0305e82c3301", "urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301",
		"+f2504e04f8911d39a0c0305e82c3301", " 3f2504e04f8911d39a0c0305e82c330",
	} {
		_, err := viviot.ParseGUID(s)
		assert.Error(t, err, "%q", s)
	}
	assert.Panics(t, func() { viviot.MustParseGUID("nope") })
}

func TestGUIDZero(t *testing.T) {
	var z viviot.GUID
	assert.True(t, z.IsZero())
	assert.False(t, viviot.NewGUID().IsZero())
	for _, in := range []string{`null`, `""`} {
		g := viviot.NewGUID()
		require.NoError(t, json.Unmarshal([]byte(in), &g))
		assert.True(t, g.IsZero(), in)
	}
	var g viviot.GUID
	require.NoError(t, g.UnmarshalText(nil))
	assert.True(t, g.IsZero())
	for _, in := range []string{`5`, `"xyz"`, `{}`, `"3f2504e0"`} {
		assert.Error(t, json.Unmarshal([]byte(in), &g), in)
	}
	// An optional (omitzero) GUID is left out; a set one is sent.
	b, _ := json.Marshal(viviot.ThingAccess{})
	assert.JSONEq(t, `{"exclusive":false}`, string(b))
}

// TestGUIDRoundTrips is a property over random GUIDs: every form parses
// back to the same value, in either case.
func TestGUIDRoundTrips(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var g viviot.GUID
		for i := range g {
			g[i] = byte(r.UintN(256))
		}
		text, err := g.MarshalText()
		require.NoError(t, err)
		for _, s := range []string{g.String(), strings.ToUpper(g.String()), string(text), strings.ToUpper(string(text)), "{" + g.String() + "}"} {
			back, err := viviot.ParseGUID(s)
			require.NoError(t, err, s)
			require.Equal(t, g, back, s)
		}
		b, err := json.Marshal(g)
		require.NoError(t, err)
		require.Len(t, b, 34)
		var back viviot.GUID
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, g, back)
		require.NoError(t, json.Unmarshal([]byte(`"`+g.String()+`"`), &back))
		require.Equal(t, g, back)
		var back2 viviot.GUID
		require.NoError(t, back2.UnmarshalText(text))
		require.Equal(t, g, back2)
		m, err := json.Marshal(map[viviot.GUID]int{g: 1})
		require.NoError(t, err)
		require.Equal(t, `{"`+string(text)+`":1}`, string(m))
	}
}

func TestNewGUIDIsVersion4(t *testing.T) {
	seen := map[viviot.GUID]bool{}
	for range 1000 {
		g := viviot.NewGUID()
		assert.Equal(t, byte(4), g[6]>>4)
		assert.Equal(t, byte(2), g[8]>>6)
		assert.False(t, seen[g])
		seen[g] = true
	}
}
