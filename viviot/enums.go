package viviot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// Scope says who may use an access template. It travels as an integer;
// the names ("Guest") are accepted when decoding too.
type Scope int

const (
	// ScopeAll lets guests and staff use the template.
	ScopeAll Scope = 0
	// ScopeGuest lets guests use the template.
	ScopeGuest Scope = 1
	// ScopeStaff lets staff use the template.
	ScopeStaff Scope = 2
)

var scopeNames = enumNames{{0, "All"}, {1, "Guest"}, {2, "Staff"}}

// String returns the service's name for s ("Guest"), or Scope(n) for a
// value it does not define.
func (s Scope) String() string { return scopeNames.name("Scope", int(s)) }

// MarshalJSON writes s as the integer the service expects.
func (s Scope) MarshalJSON() ([]byte, error) { return marshalEnum(int(s)) }

// UnmarshalJSON reads an integer or a name in any letter case.
func (s *Scope) UnmarshalJSON(b []byte) error { return scopeNames.unmarshal("Scope", b, (*int)(s)) }

func (s Scope) valid() bool { return scopeNames.has(int(s)) }

// CodeStrategy says how the access codes of a reservation made from a
// template are initialised (the service's AccessCodeInitializationStrategy).
type CodeStrategy int

const (
	// CodeStrategyUnique gives every participant a code of their own.
	CodeStrategyUnique CodeStrategy = 0
	// CodeStrategyShared gives the participants of a reservation one code.
	CodeStrategyShared CodeStrategy = 1
)

var codeStrategyNames = enumNames{{0, "Unique"}, {1, "Shared"}}

// String returns the service's name for s ("Shared"), or CodeStrategy(n).
func (s CodeStrategy) String() string { return codeStrategyNames.name("CodeStrategy", int(s)) }

// MarshalJSON writes s as the integer the service expects.
func (s CodeStrategy) MarshalJSON() ([]byte, error) { return marshalEnum(int(s)) }

// UnmarshalJSON reads an integer or a name in any letter case.
func (s *CodeStrategy) UnmarshalJSON(b []byte) error {
	return codeStrategyNames.unmarshal("CodeStrategy", b, (*int)(s))
}

func (s CodeStrategy) valid() bool { return codeStrategyNames.has(int(s)) }

// OrganizationType is the kind of an organization in the 4spaces hierarchy.
type OrganizationType int

const (
	// OrganizationTypeUnknown is a type the service did not state.
	OrganizationTypeUnknown OrganizationType = 0
	// OrganizationTypeAdmin is the operator's own organization.
	OrganizationTypeAdmin OrganizationType = 10
	// OrganizationTypeTenant is a customer organization.
	OrganizationTypeTenant OrganizationType = 20
	// OrganizationTypeLocation is a site (a building) within a tenant.
	OrganizationTypeLocation OrganizationType = 30
)

var organizationTypeNames = enumNames{{0, "Unknown"}, {10, "Admin"}, {20, "Tenant"}, {30, "Location"}}

// String returns the service's name for t ("Tenant"), or OrganizationType(n).
func (t OrganizationType) String() string {
	return organizationTypeNames.name("OrganizationType", int(t))
}

// MarshalJSON writes t as the integer the service uses.
func (t OrganizationType) MarshalJSON() ([]byte, error) { return marshalEnum(int(t)) }

// UnmarshalJSON reads an integer or a name in any letter case.
func (t *OrganizationType) UnmarshalJSON(b []byte) error {
	return organizationTypeNames.unmarshal("OrganizationType", b, (*int)(t))
}

// enumNames is one enum's values and their names on the service.
type enumNames []struct {
	v    int
	name string
}

func (e enumNames) has(v int) bool {
	for _, x := range e {
		if x.v == v {
			return true
		}
	}
	return false
}

func (e enumNames) name(typ string, v int) string {
	for _, x := range e {
		if x.v == v {
			return x.name
		}
	}
	return typ + "(" + strconv.Itoa(v) + ")"
}

// marshalEnum writes any value, known or not: requests are validated
// before they are encoded, and a value decoded from the service must
// encode back as it came.
func marshalEnum(v int) ([]byte, error) { return strconv.AppendInt(nil, int64(v), 10), nil }

// unmarshal reads an integer, which is kept even if unknown so that a value
// the service adds later does not fail a whole answer, or a name, which
// must be known. null leaves *dst alone, as encoding/json does.
func (e enumNames) unmarshal(typ string, b []byte, dst *int) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		var name string
		if err := transport.DecodeJSON(b, &name); err != nil {
			return fmt.Errorf("viviot: %s: %w", typ, err)
		}
		for _, x := range e {
			if strings.EqualFold(x.name, name) {
				*dst = x.v
				return nil
			}
		}
		if n, err := strconv.ParseInt(name, 10, 32); err == nil {
			*dst = int(n)
			return nil
		}
		return fmt.Errorf("viviot: unknown %s %q", typ, name)
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return fmt.Errorf("viviot: %s must be an integer or a name, got %s", typ, s)
	}
	*dst = int(n)
	return nil
}
