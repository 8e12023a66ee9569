package viviot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// AccessTemplatesService manages access templates. Get it from Client.AccessTemplates.
type AccessTemplatesService struct {
	tc *transport.Client
}

// AccessTemplateParams describe an access template to create, or the whole
// new state of one to update (the service's EditAccessTemplate).
type AccessTemplateParams struct {
	// Name is required.
	Name string `json:"name"`
	// Description is optional.
	Description string `json:"description,omitempty"`
	// Things lists the things the template grants access to, with how; at
	// least one is required, and each needs its ThingID.
	Things []ThingAccess `json:"things"`
	// Scope says who may use the template.
	Scope Scope `json:"scope"`
	// CodeStrategy says how a reservation's access codes are initialised.
	CodeStrategy CodeStrategy `json:"accessCodeInitializationStrategy"`
	// Version is the API version the request is written for; zero leaves
	// it to the service.
	Version int `json:"version,omitempty"`
}

// ThingAccess is one thing a template grants access to, and on what terms
// (the service's ThingAccessTemplateDto). Only ThingID is required;
// zero and nil fields are not sent.
type ThingAccess struct {
	// ID identifies this entry of an existing template.
	ID GUID `json:"id,omitzero"`
	// OrganizationID is the organization the thing belongs to.
	OrganizationID GUID `json:"organizationId,omitzero"`
	// ThingID is the thing (a door, a room, a locker); required.
	ThingID GUID `json:"thingId,omitzero"`
	// ThingName and ThingTypeName describe the thing for display.
	ThingName     string `json:"thingName,omitempty"`
	ThingTypeName string `json:"thingTypeName,omitempty"`
	// Exclusive reserves the thing for one reservation at a time.
	Exclusive bool `json:"exclusive"`
	// AvailableFrom and AvailableTo bound when access is granted, as the
	// service counts them; nil means unbounded.
	AvailableFrom *int `json:"availableFrom,omitempty"`
	AvailableTo   *int `json:"availableTo,omitempty"`
	// AccessCount limits how often access may be used; nil means no limit.
	AccessCount *int `json:"accessCount,omitempty"`
	// AccessLevel is the service's access level name for the thing.
	AccessLevel string `json:"accessLevel,omitempty"`
	// Permission lists the permissions granted on the thing.
	Permission []string `json:"permission,omitempty"`
}

// AccessTemplate is an access template as the service shows it (its
// AccessTemplateView).
type AccessTemplate struct {
	ID             GUID `json:"id"`
	OrganizationID GUID `json:"organizationId"`
	// Organization is the owning organization with its sub-organizations;
	// Get, Create and Update fill it, List may leave it nil.
	Organization *Organization `json:"organization"`
	Name         string        `json:"name"`
	// Permission lists the permissions the template grants.
	Permission   []string     `json:"permission"`
	Description  string       `json:"description"`
	Scope        Scope        `json:"scope"`
	CodeStrategy CodeStrategy `json:"accessCodeInitializationStrategy"`
}

// Organization is an organization and the ones below it (the service's
// OrganizationBasicView).
type Organization struct {
	ID   GUID             `json:"id"`
	Name string           `json:"name"`
	Type OrganizationType `json:"type"`
	// SubOrganizations is sent as "organizations" by the service.
	SubOrganizations []Organization `json:"organizations"`
}

// ListAccessTemplatesOptions narrow List: every parameter of the service's
// GetAccessTemplates (https://api.4spaces.io/json/metadata?op=GetAccessTemplates).
type ListAccessTemplatesOptions struct {
	// Scope, when set, asks only for templates usable in that scope.
	Scope *Scope
	// OnlyTemplatesWhereSmartSpaceUsesQueues asks only for the templates
	// that include a smartspace configured to use queues.
	OnlyTemplatesWhereSmartSpaceUsesQueues bool
	// Version is the API version the request is written for; zero leaves
	// it to the service.
	Version int
}

var (
	opCreate = &transport.Operation{Name: "accessTemplates.create", Method: http.MethodPost}
	opGet    = &transport.Operation{Name: "accessTemplates.get", Method: http.MethodGet, Idempotent: true}
	opList   = &transport.Operation{Name: "accessTemplates.list", Method: http.MethodGet, Idempotent: true}
	opUpdate = &transport.Operation{Name: "accessTemplates.update", Method: http.MethodPut, Idempotent: true}
	opDelete = &transport.Operation{Name: "accessTemplates.delete", Method: http.MethodDelete, Idempotent: true,
		AlreadyDone: templateGone}
)

// templateGone is Delete's Operation.AlreadyDone: the service answered that
// the template does not exist, with ServiceStack's ResponseStatus errorCode
// NotFound (the status name an HttpError.NotFound carries). A bare 404,
// such as ServiceStack's own plain-text "Handler for Request not found" for
// a wrong base path or a proxy's page, says nothing about the template.
// The answer of DELETE /access/template for an unknown id is [inferred]:
// no metadata page shows it.
func templateGone(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.ErrorCode == "NotFound"
}

var (
	pathTemplate  = []string{"access", "template"}
	pathTemplates = []string{"access", "templates"}
)

// Create creates an access template (POST /access/template). It is not
// retried once the request may have reached the server, so a template is
// never created twice; the error then says so only by its kind (a
// connection error), and the caller may List to find out.
func (s *AccessTemplatesService) Create(ctx context.Context, p *AccessTemplateParams, opts ...CallOption) (*AccessTemplate, error) {
	if err := checkParams(opCreate, p, nil); err != nil {
		return nil, err
	}
	return s.one(ctx, &transport.Request{Op: opCreate, Path: pathTemplate, Body: p}, opts)
}

// updateBody is EditAccessTemplate with the id of the template to change.
type updateBody struct {
	AccessTemplateID GUID `json:"accessTemplateId"`
	*AccessTemplateParams
}

// Update replaces the template id with p (PUT /access/template); fields
// left zero in p are cleared, so pass every field the template keeps.
func (s *AccessTemplatesService) Update(ctx context.Context, id GUID, p *AccessTemplateParams, opts ...CallOption) (*AccessTemplate, error) {
	if err := checkParams(opUpdate, p, &id); err != nil {
		return nil, err
	}
	return s.one(ctx, &transport.Request{Op: opUpdate, Path: pathTemplate,
		Body: updateBody{AccessTemplateID: id, AccessTemplateParams: p}}, opts)
}

// Get returns the template id with its organization
// (GET /access/template). A template that does not exist is ErrNotFound.
func (s *AccessTemplatesService) Get(ctx context.Context, id GUID, opts ...CallOption) (*AccessTemplate, error) {
	if err := checkID(opGet, id); err != nil {
		return nil, err
	}
	var out envelope
	resp, err := s.tc.Do(ctx, &transport.Request{Op: opGet, Path: pathTemplate, Query: url.Values{
		"AccessTemplateId": {id.hex32()},
		"LoadOrganization": {"true"},
	}}, &out, opts...)
	if err != nil {
		return nil, err
	}
	if len(out.Data) == 0 {
		// The service answers an unknown id with an empty list, not a 404.
		return nil, &Error{StatusCode: resp.StatusCode, ErrorCode: "NotFound",
			Message: "no access template " + id.String(), Op: resp.Op, Method: resp.Method,
			Path: resp.Path, Attempts: resp.Attempts}
	}
	return &out.Data[0], nil
}

// List returns the access templates the user may see
// (GET /access/templates). The service answers with all of them at once and
// documents no paging, so List has no page-at-a-time twin. opts may be nil.
// Besides the roles of the other methods, AccessAdmin may list.
func (s *AccessTemplatesService) List(ctx context.Context, opts *ListAccessTemplatesOptions, callOpts ...CallOption) ([]AccessTemplate, error) {
	q := url.Values{}
	if opts != nil {
		v := validate.New(ErrInvalidParams, vendor, opList.Name).Check(opts.Version >= 0, "Version", "must not be negative")
		if opts.Scope != nil {
			v.Check(opts.Scope.valid(), "Scope", "is not a known Scope")
			q.Set("Scope", strconv.Itoa(int(*opts.Scope)))
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		if opts.OnlyTemplatesWhereSmartSpaceUsesQueues {
			q.Set("OnlyTemplatesWhereSmartSpaceUsesQueues", "true")
		}
		if opts.Version != 0 {
			q.Set("Version", strconv.Itoa(opts.Version))
		}
	}
	var out envelope
	if _, err := s.tc.Do(ctx, &transport.Request{Op: opList, Path: pathTemplates, Query: q}, &out, callOpts...); err != nil {
		return nil, err
	}
	return out.Data, nil
}

// Delete deletes the template id (DELETE /access/template). A template
// that does not exist is ErrNotFound, except when the request had to be
// retried: then an earlier attempt may have deleted it, and the service's
// NotFound answer means the work is done (a 404 without it, from a proxy
// or a wrong base URL, still fails).
func (s *AccessTemplatesService) Delete(ctx context.Context, id GUID, opts ...CallOption) error {
	if err := checkID(opDelete, id); err != nil {
		return err
	}
	_, err := s.tc.Do(ctx, &transport.Request{Op: opDelete, Path: pathTemplate, Query: url.Values{
		"AccessTemplateId": {id.hex32()},
	}}, nil, opts...)
	return err
}

// one sends a request answered by one template.
func (s *AccessTemplatesService) one(ctx context.Context, r *transport.Request, opts []CallOption) (*AccessTemplate, error) {
	var out envelope
	resp, err := s.tc.Do(ctx, r, &out, opts...)
	if err != nil {
		return nil, err
	}
	if len(out.Data) == 0 {
		return nil, &transport.RequestError{Vendor: vendor, Op: resp.Op, Method: resp.Method, Path: resp.Path,
			Attempts: resp.Attempts, StatusCode: resp.StatusCode,
			Err: fmt.Errorf("%w: the answer has no data", transport.ErrMalformedResponse)}
	}
	return &out.Data[0], nil
}

// envelope is ServiceStack's response DTO. Its responseStatus is read by
// checkResponse.
type envelope struct {
	Data templateList `json:"data"`
}

// templateList reads data as a list (Get, List) or as one object (Create,
// Update), so each operation is read the same way whichever the service
// sends.
type templateList []AccessTemplate

// UnmarshalJSON reads a list, one object, or null (no templates).
func (l *templateList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*l = nil
		return nil
	case len(b) > 0 && b[0] == '[':
		return transport.DecodeJSON(b, (*[]AccessTemplate)(l))
	}
	var t AccessTemplate
	if err := transport.DecodeJSON(b, &t); err != nil {
		return err
	}
	*l = templateList{t}
	return nil
}

// checkParams validates p before anything is sent; id is checked for
// updates.
func checkParams(op *transport.Operation, p *AccessTemplateParams, id *GUID) error {
	v := validate.New(ErrInvalidParams, vendor, op.Name)
	if id != nil {
		v.Check(!id.IsZero(), "id", "must not be the zero GUID")
	}
	if p == nil {
		return v.Check(false, "params", "must not be nil").Err()
	}
	v.NotEmpty("Name", p.Name).
		Check(len(p.Things) > 0, "Things", "must list at least one thing")
	for i, t := range p.Things {
		v.Check(!t.ThingID.IsZero(), "Things["+strconv.Itoa(i)+"].ThingID", "must not be the zero GUID")
	}
	return v.Check(p.Scope.valid(), "Scope", "is not a known Scope ("+p.Scope.String()+")").
		Check(p.CodeStrategy.valid(), "CodeStrategy", "is not a known CodeStrategy ("+p.CodeStrategy.String()+")").
		Check(p.Version >= 0, "Version", "must not be negative").
		Err()
}

func checkID(op *transport.Operation, id GUID) error {
	return validate.New(ErrInvalidParams, vendor, op.Name).Check(!id.IsZero(), "id", "must not be the zero GUID").Err()
}
