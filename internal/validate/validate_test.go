package validate_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/internal/validate"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

var errInvalid = errors.New("testvendor: invalid params")

func TestChecks(t *testing.T) {
	tests := []struct {
		name   string
		check  func(*validate.Checker) *validate.Checker
		fields []string
		msg    string
	}{
		{"all fine", func(c *validate.Checker) *validate.Checker {
			return c.NotEmpty("Name", "x").Positive("ID", 1).Between("Limit", 100, 1, 100, false).Between("Limit", 0, 1, 100, true).Check(true, "X", "never")
		}, nil, ""},
		{"empty", func(c *validate.Checker) *validate.Checker { return c.NotEmpty("Name", "") }, []string{"Name"}, "Name must not be empty"},
		{"blank", func(c *validate.Checker) *validate.Checker { return c.NotEmpty("Name", " \t\n") }, []string{"Name"}, "Name must not be empty"},
		{"zero id", func(c *validate.Checker) *validate.Checker { return c.Positive("OrganizationID", 0) }, []string{"OrganizationID"}, "OrganizationID must be a positive id"},
		{"negative id", func(c *validate.Checker) *validate.Checker { return c.Positive("OrganizationID", -3) }, []string{"OrganizationID"}, "OrganizationID must be a positive id"},
		{"below", func(c *validate.Checker) *validate.Checker { return c.Between("Limit", 0, 1, 100, false) }, []string{"Limit"}, "Limit must be between 1 and 100"},
		{"above", func(c *validate.Checker) *validate.Checker { return c.Between("Limit", 101, 1, 100, true) }, []string{"Limit"}, "Limit must be between 1 and 100"},
		{"negative with zeroOK", func(c *validate.Checker) *validate.Checker { return c.Between("Limit", -1, 1, 100, true) }, []string{"Limit"}, "Limit must be between 1 and 100"},
		{"custom", func(c *validate.Checker) *validate.Checker {
			return c.Check(false, "Links[1].ValidUntil", "must be in the future")
		}, []string{"Links[1].ValidUntil"}, "Links[1].ValidUntil must be in the future"},
		{"every field named", func(c *validate.Checker) *validate.Checker {
			return c.NotEmpty("Name", "").Positive("ID", 0).Between("Limit", 500, 1, 100, true).NotEmpty("Email", "a@b")
		}, []string{"Name", "ID", "Limit"}, "Name must not be empty; ID must be a positive id; Limit must be between 1 and 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check(validate.New(errInvalid, "testvendor", "groups.create")).Err()
			if tt.fields == nil {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, errInvalid)
			assert.Equal(t, "testvendor: groups.create: invalid params: "+tt.msg, err.Error())
			var ve *validate.Error
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tt.fields[0], ve.Field())
			var got []string
			for _, p := range ve.Problems {
				got = append(got, p.Field)
				assert.Contains(t, err.Error(), p.Field+" "+p.Reason)
			}
			assert.Equal(t, tt.fields, got)
			assert.Equal(t, "testvendor", ve.Vendor)
			assert.Equal(t, "groups.create", ve.Op)

			wrapped := fmt.Errorf("outer: %w", err)
			assert.ErrorIs(t, wrapped, errInvalid)
			assert.False(t, errors.Is(err, errors.New("testvendor: invalid params")), "matches the sentinel itself, not its text")
		})
	}
}

// Err returns a nil error interface, not a typed nil, when all is well.
func TestErrNilIsNil(t *testing.T) {
	err := validate.New(errInvalid, "v", "op").NotEmpty("Name", "ok").Err()
	assert.True(t, err == nil)
}

// The error a Checker returned does not change when the Checker is used on.
func TestErrIsASnapshot(t *testing.T) {
	c := validate.New(errInvalid, "v", "op").NotEmpty("A", "")
	err := c.Err()
	c.NotEmpty("B", "")
	assert.Equal(t, "v: op: invalid params: A must not be empty", err.Error())
	assert.Equal(t, "v: op: invalid params: A must not be empty; B must not be empty", c.Err().Error())
}

func TestFieldOfEmptyError(t *testing.T) {
	assert.Empty(t, (&validate.Error{}).Field())
}
