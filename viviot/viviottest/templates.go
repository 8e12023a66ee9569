package viviottest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/viviot"
)

func (s *Server) createTemplate(r *http.Request, u *User) (any, *apiError) {
	var in wireEdit
	if e := readEdit(r, &in); e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &AccessTemplate{ID: viviot.NewGUID(), OrganizationID: u.OrganizationID}
	if e := s.apply(t, &in); e != nil {
		return nil, e
	}
	s.templates = append(s.templates, t)
	s.MarkApplied(OpAccessTemplatesCreate)
	return dataBody{Data: s.view(t, true)}, nil
}

func (s *Server) updateTemplate(r *http.Request, _ *User) (any, *apiError) {
	var in wireEdit
	if e := readEdit(r, &in); e != nil {
		return nil, e
	}
	id, err := parseID(in.AccessTemplateID)
	if err != nil {
		return nil, serializationError("AccessTemplateId", err)
	}
	if id.IsZero() {
		return nil, validationError([]wireFieldError{fieldError("NotEmpty", "AccessTemplateId", "'Access Template Id' must not be empty.")})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.template(id)
	if t == nil {
		return nil, newError(http.StatusNotFound, "NotFound", "Access template "+hexID(id)+" not found")
	}
	next := &AccessTemplate{ID: t.ID, OrganizationID: t.OrganizationID}
	if e := s.apply(next, &in); e != nil {
		return nil, e
	}
	*t = *next
	s.MarkApplied(OpAccessTemplatesUpdate)
	return dataBody{Data: s.view(t, true)}, nil
}

func (s *Server) getTemplate(r *http.Request, _ *User) (any, *apiError) {
	id, e := templateID(r)
	if e != nil {
		return nil, e
	}
	load := strings.EqualFold(query(r, "LoadOrganization"), "true")
	s.mu.Lock()
	defer s.mu.Unlock()
	// The service answers with a list, empty for an unknown id.
	views := []wireTemplate{}
	if t := s.template(id); t != nil {
		views = append(views, s.view(t, load))
	}
	return dataBody{Data: views}, nil
}

// listTemplates filters by Scope when given: a template for all scopes is
// usable by guests and staff alike, so it is listed for either [inferred].
// OnlyTemplatesWhereSmartSpaceUsesQueues=true keeps the templates with a
// thing whose UsesQueues is set (the metadata page's "only those templates
// that include a smartspace which is configured to use queues").
func (s *Server) listTemplates(r *http.Request, _ *User) (any, *apiError) {
	scope := viviot.ScopeAll
	if raw := query(r, "Scope"); raw != "" {
		n, err := parseScope(raw)
		if err != nil {
			return nil, serializationError("Scope", err)
		}
		scope = n
	}
	var queues bool
	if raw := query(r, "OnlyTemplatesWhereSmartSpaceUsesQueues"); raw != "" {
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return nil, serializationError("OnlyTemplatesWhereSmartSpaceUsesQueues", err)
		}
		queues = b
	}
	load := strings.EqualFold(query(r, "LoadOrganization"), "true")
	s.mu.Lock()
	defer s.mu.Unlock()
	views := []wireTemplate{}
	for _, t := range s.templates {
		if (scope == viviot.ScopeAll || t.Scope == viviot.ScopeAll || t.Scope == scope) && (!queues || s.usesQueues(t)) {
			views = append(views, s.view(t, load))
		}
	}
	return dataBody{Data: views}, nil
}

// usesQueues reports whether t grants access to a smartspace that uses
// queues. s.mu is held.
func (s *Server) usesQueues(t *AccessTemplate) bool {
	for _, ta := range t.Things {
		if s.things[ta.ThingID].UsesQueues {
			return true
		}
	}
	return false
}

func (s *Server) deleteTemplate(r *http.Request, _ *User) (any, *apiError) {
	id, e := templateID(r)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.templates, func(t *AccessTemplate) bool { return t.ID == id })
	if i < 0 {
		return nil, newError(http.StatusNotFound, "NotFound", "Access template "+hexID(id)+" not found")
	}
	s.templates = slices.Delete(s.templates, i, i+1)
	s.MarkApplied(OpAccessTemplatesDelete)
	return struct{}{}, nil
}

func readEdit(r *http.Request, in *wireEdit) *apiError {
	if err := fakekit.ReadJSON(r, in); err != nil {
		return newError(http.StatusBadRequest, "SerializationException",
			"Could not deserialize 'application/json' request using EditAccessTemplate: "+err.Error())
	}
	return nil
}

func serializationError(field string, err error) *apiError {
	return newError(http.StatusBadRequest, "SerializationException", field+": "+err.Error())
}

// apply validates in as the service's validators do and, if it passes,
// writes it into t. s.mu is held.
func (s *Server) apply(t *AccessTemplate, in *wireEdit) *apiError {
	var fields []wireFieldError
	if strings.TrimSpace(in.Name) == "" {
		fields = append(fields, fieldError("NotEmpty", "Name", "'Name' must not be empty."))
	}
	if len(in.Things) == 0 {
		fields = append(fields, fieldError("NotEmpty", "Things", "'Things' must not be empty."))
	}
	if in.Scope < 0 || in.Scope > 2 {
		fields = append(fields, fieldError("Enum", "Scope", fmt.Sprintf("'Scope' has a range of values which does not include '%d'.", in.Scope)))
	}
	if cs := in.AccessCodeInitializationStrategy; cs < 0 || cs > 1 {
		fields = append(fields, fieldError("Enum", "AccessCodeInitializationStrategy",
			fmt.Sprintf("'Access Code Initialization Strategy' has a range of values which does not include '%d'.", cs)))
	}
	things := make([]viviot.ThingAccess, 0, len(in.Things))
	for i, w := range in.Things {
		ta, err := thingAccess(w)
		if err != nil {
			return serializationError(fmt.Sprintf("Things[%d]", i), err)
		}
		if ta.ThingID.IsZero() {
			field := fmt.Sprintf("Things[%d].ThingId", i)
			fields = append(fields, fieldError("NotEmpty", field, "'Thing Id' must not be empty."))
		}
		things = append(things, ta)
	}
	if len(fields) > 0 {
		return validationError(fields)
	}
	for i, ta := range things {
		th, ok := s.things[ta.ThingID]
		if !ok {
			return newError(http.StatusNotFound, "NotFound", "Thing "+hexID(ta.ThingID)+" not found")
		}
		if ta.ID.IsZero() {
			things[i].ID = viviot.NewGUID()
		}
		if ta.OrganizationID.IsZero() {
			things[i].OrganizationID = th.OrganizationID
		}
		if ta.ThingName == "" {
			things[i].ThingName = th.Name
		}
		if ta.ThingTypeName == "" {
			things[i].ThingTypeName = th.TypeName
		}
	}
	t.Name = in.Name
	t.Description = in.Description
	t.Things = things
	t.Scope = viviot.Scope(in.Scope)
	t.CodeStrategy = viviot.CodeStrategy(in.AccessCodeInitializationStrategy)
	t.Version = in.Version
	return nil
}

func thingAccess(w wireThing) (viviot.ThingAccess, error) {
	var ta viviot.ThingAccess
	var err error
	for _, f := range []struct {
		dst *viviot.GUID
		src string
	}{{&ta.ID, w.ID}, {&ta.OrganizationID, w.OrganizationID}, {&ta.ThingID, w.ThingID}} {
		if *f.dst, err = parseID(f.src); err != nil {
			return ta, err
		}
	}
	ta.ThingName, ta.ThingTypeName = w.ThingName, w.ThingTypeName
	ta.Exclusive = w.Exclusive
	ta.AvailableFrom, ta.AvailableTo, ta.AccessCount = w.AvailableFrom, w.AvailableTo, w.AccessCount
	ta.AccessLevel = w.AccessLevel
	ta.Permission = slices.Clone(w.Permission)
	return ta, nil
}

// view renders t as AccessTemplateView; its permissions are those its
// things grant, each once [inferred]. s.mu is held.
func (s *Server) view(t *AccessTemplate, withOrg bool) wireTemplate {
	v := wireTemplate{
		ID:                               hexID(t.ID),
		OrganizationID:                   hexID(t.OrganizationID),
		Name:                             t.Name,
		Permission:                       []string{},
		Description:                      t.Description,
		Scope:                            int(t.Scope),
		AccessCodeInitializationStrategy: int(t.CodeStrategy),
	}
	for _, th := range t.Things {
		for _, p := range th.Permission {
			if !slices.Contains(v.Permission, p) {
				v.Permission = append(v.Permission, p)
			}
		}
	}
	if withOrg {
		if o := s.org(t.OrganizationID); o != nil {
			ov := s.orgView(o, map[viviot.GUID]bool{})
			v.Organization = &ov
		}
	}
	return v
}

// orgView renders o with the organizations below it, sent as
// "organizations". seen stops a cycle a seeding mistake could make.
func (s *Server) orgView(o *Organization, seen map[viviot.GUID]bool) wireOrganization {
	seen[o.ID] = true
	v := wireOrganization{ID: hexID(o.ID), Name: o.Name, Type: int(o.Type), Organizations: []wireOrganization{}}
	for _, c := range s.orgs {
		if c.ParentID == o.ID && !seen[c.ID] {
			v.Organizations = append(v.Organizations, s.orgView(c, seen))
		}
	}
	return v
}

func templateID(r *http.Request) (viviot.GUID, *apiError) {
	id, err := parseID(query(r, "AccessTemplateId"))
	if err != nil {
		return id, serializationError("AccessTemplateId", err)
	}
	if id.IsZero() {
		return id, validationError([]wireFieldError{fieldError("NotEmpty", "AccessTemplateId", "'Access Template Id' must not be empty.")})
	}
	return id, nil
}

// query reads a query parameter by name in any letter case, as
// ServiceStack binds them.
func query(r *http.Request, name string) string {
	for k, vs := range r.URL.Query() {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0]
		}
	}
	return ""
}

// parseScope reads a Scope query value: its integer or its name.
func parseScope(raw string) (viviot.Scope, error) {
	for n, name := range []string{"All", "Guest", "Staff"} {
		if strings.EqualFold(raw, name) || raw == strconv.Itoa(n) {
			return viviot.Scope(n), nil
		}
	}
	return 0, fmt.Errorf("%q is not an AccessTemplateScope", raw)
}
