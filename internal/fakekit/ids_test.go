package fakekit_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

func TestIDs(t *testing.T) {
	a, b, other := fakekit.NewIDs("seed"), fakekit.NewIDs("seed"), fakekit.NewIDs("other")
	uuid := a.UUID()
	assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`), uuid)
	assert.Equal(t, uuid, b.UUID(), "the same seed gives the same ids")
	assert.NotEqual(t, uuid, other.UUID())
	assert.NotEqual(t, uuid, a.UUID(), "each call a new one")
	assert.Regexp(t, regexp.MustCompile(`^[A-Za-z0-9]{32}$`), a.Key(32))
	assert.Regexp(t, regexp.MustCompile(`^[0-9]{8}$`), a.Digits(8))
}
