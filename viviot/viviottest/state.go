package viviottest

import (
	"slices"
	"strconv"
	"strings"

	"github.com/grantkit/grantkit-go/viviot"
)

// User is a user who can log in.
type User struct {
	// ID is ServiceStack's userId; AddUser numbers users when it is empty.
	ID       string
	UserName string
	Password string
	// Roles decide what the user may do; see RoleAdmin and friends.
	Roles []string
	// OrganizationID owns the templates the user creates; zero means the
	// root organization.
	OrganizationID viviot.GUID
}

func (u *User) clone() *User {
	c := *u
	c.Roles = slices.Clone(u.Roles)
	return &c
}

// Organization is a node of the organization tree.
type Organization struct {
	// ID is generated when zero.
	ID   viviot.GUID
	Name string
	Type viviot.OrganizationType
	// ParentID places the organization below another; zero makes it a top
	// level one.
	ParentID viviot.GUID
}

// Thing is something an access template can grant access to.
type Thing struct {
	// ID is generated when zero.
	ID viviot.GUID
	// OrganizationID zero means the root organization.
	OrganizationID viviot.GUID
	Name           string
	TypeName       string
	// UsesQueues marks a smartspace configured to use queues: List with
	// OnlyTemplatesWhereSmartSpaceUsesQueues keeps only the templates that
	// include one.
	UsesQueues bool
}

// AccessTemplate is a template as the fake stores it, with the things
// (which the service's views do not show).
type AccessTemplate struct {
	ID             viviot.GUID
	OrganizationID viviot.GUID
	Name           string
	Description    string
	Things         []viviot.ThingAccess
	Scope          viviot.Scope
	CodeStrategy   viviot.CodeStrategy
	Version        int
}

// clone copies t down to its things' optional numbers, so that neither a
// caller's seed nor a reader's copy shares memory with the stored state.
func (t *AccessTemplate) clone() AccessTemplate {
	c := *t
	c.Things = slices.Clone(t.Things)
	for i := range c.Things {
		ta := &c.Things[i]
		ta.Permission = slices.Clone(ta.Permission)
		ta.AvailableFrom = cloneInt(ta.AvailableFrom)
		ta.AvailableTo = cloneInt(ta.AvailableTo)
		ta.AccessCount = cloneInt(ta.AccessCount)
	}
	return c
}

func cloneInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// AddUser adds u (replacing a user of the same name, which ServiceStack
// compares case-insensitively) and returns it as stored.
func (s *Server) AddUser(u User) User {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.ID == "" {
		s.nextUser++
		u.ID = strconv.Itoa(s.nextUser)
	}
	if u.OrganizationID.IsZero() {
		u.OrganizationID = s.root
	}
	u.Roles = slices.Clone(u.Roles)
	s.users[strings.ToLower(u.UserName)] = &u
	return *u.clone()
}

// AddOrganization adds o and returns it as stored.
func (s *Server) AddOrganization(o Organization) Organization {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o.ID.IsZero() {
		o.ID = viviot.NewGUID()
	}
	s.orgs = append(s.orgs, &o)
	return o
}

// RootOrganization returns the organization the fake starts with, which
// owns the things and users added without one.
func (s *Server) RootOrganization() Organization {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.org(s.root)
}

// AddThing adds t and returns it as stored.
func (s *Server) AddThing(t Thing) Thing {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t.ID.IsZero() {
		t.ID = viviot.NewGUID()
	}
	if t.OrganizationID.IsZero() {
		t.OrganizationID = s.root
	}
	s.things[t.ID] = t
	return t
}

// AddTemplate stores t without a request, for seeding, and returns it as
// stored (its ID and OrganizationID filled in when zero).
func (s *Server) AddTemplate(t AccessTemplate) AccessTemplate {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t.ID.IsZero() {
		t.ID = viviot.NewGUID()
	}
	if t.OrganizationID.IsZero() {
		t.OrganizationID = s.root
	}
	stored := t.clone()
	s.templates = append(s.templates, &stored)
	return stored.clone()
}

// Template returns the stored template id.
func (s *Server) Template(id viviot.GUID) (AccessTemplate, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.template(id); t != nil {
		return t.clone(), true
	}
	return AccessTemplate{}, false
}

// Templates returns every stored template, oldest first.
func (s *Server) Templates() []AccessTemplate {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]AccessTemplate, len(s.templates))
	for i, t := range s.templates {
		out[i] = t.clone()
	}
	return out
}

// template returns the stored template id, or nil. s.mu is held.
func (s *Server) template(id viviot.GUID) *AccessTemplate {
	for _, t := range s.templates {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// org returns the organization id, or nil. s.mu is held.
func (s *Server) org(id viviot.GUID) *Organization {
	for _, o := range s.orgs {
		if o.ID == id {
			return o
		}
	}
	return nil
}
