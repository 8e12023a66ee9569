package viviot_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/grantkit/grantkit-go/viviot"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// enumCase is one enum value with its wire integer and the service's name.
type enumCase struct {
	v    any // a viviot enum value
	wire string
	name string
}

var enumCases = []enumCase{
	{viviot.ScopeAll, "0", "All"}, {viviot.ScopeGuest, "1", "Guest"}, {viviot.ScopeStaff, "2", "Staff"},
	{viviot.CodeStrategyUnique, "0", "Unique"}, {viviot.CodeStrategyShared, "1", "Shared"},
	{viviot.OrganizationTypeUnknown, "0", "Unknown"}, {viviot.OrganizationTypeAdmin, "10", "Admin"},
	{viviot.OrganizationTypeTenant, "20", "Tenant"}, {viviot.OrganizationTypeLocation, "30", "Location"},
}

// decodeLike decodes in into a new value of v's type.
func decodeLike(v any, in string) (any, error) {
	switch v.(type) {
	case viviot.Scope:
		var x viviot.Scope
		err := json.Unmarshal([]byte(in), &x)
		return x, err
	case viviot.CodeStrategy:
		var x viviot.CodeStrategy
		err := json.Unmarshal([]byte(in), &x)
		return x, err
	case viviot.OrganizationType:
		var x viviot.OrganizationType
		err := json.Unmarshal([]byte(in), &x)
		return x, err
	}
	panic(fmt.Sprintf("not an enum: %T", v))
}

func TestEnumRoundTrips(t *testing.T) {
	for _, c := range enumCases {
		b, err := json.Marshal(c.v)
		require.NoError(t, err)
		assert.Equal(t, c.wire, string(b), "%T %v", c.v, c.v)
		assert.Equal(t, c.name, fmt.Sprint(c.v))
		for _, in := range []string{c.wire, `"` + c.name + `"`, `"` + strings.ToLower(c.name) + `"`, `"` + strings.ToUpper(c.name) + `"`, `"` + c.wire + `"`, " " + c.wire + " "} {
			got, err := decodeLike(c.v, in)
			require.NoError(t, err, in)
			assert.Equal(t, c.v, got, "%T from %s", c.v, in)
		}
	}
}

func TestEnumUnknownValues(t *testing.T) {
	// An integer the SDK does not know (a value the service added later)
	// is kept, so one new value does not fail a whole answer.
	for _, v := range []any{viviot.Scope(0), viviot.CodeStrategy(0), viviot.OrganizationType(0)} {
		got, err := decodeLike(v, "40")
		require.NoError(t, err)
		assert.Equal(t, "40", must(json.Marshal(got)))
		assert.Contains(t, fmt.Sprint(got), "(40)")
		for _, bad := range []string{`"Everyone"`, `1.5`, `true`, `{}`, `"`, `99999999999`} {
			_, err := decodeLike(v, bad)
			assert.Error(t, err, "%T from %s", v, bad)
		}
	}
	assert.Equal(t, "Scope(7)", viviot.Scope(7).String())
	assert.Equal(t, "CodeStrategy(-1)", viviot.CodeStrategy(-1).String())

	// null leaves the value alone, as encoding/json does for numbers.
	s := viviot.ScopeStaff
	require.NoError(t, json.Unmarshal([]byte(`null`), &s))
	assert.Equal(t, viviot.ScopeStaff, s)
}

func TestAccessTemplateDecodesEnumNames(t *testing.T) {
	var at viviot.AccessTemplate
	require.NoError(t, json.Unmarshal([]byte(`{"scope":"Staff","accessCodeInitializationStrategy":"shared",
		"organization":{"type":"Location","organizations":[{"type":20}]}}`), &at))
	assert.Equal(t, viviot.ScopeStaff, at.Scope)
	assert.Equal(t, viviot.CodeStrategyShared, at.CodeStrategy)
	assert.Equal(t, viviot.OrganizationTypeLocation, at.Organization.Type)
	assert.Equal(t, viviot.OrganizationTypeTenant, at.Organization.SubOrganizations[0].Type)
}

func must(b []byte, err error) string {
	if err != nil {
		panic(err)
	}
	return string(b)
}
