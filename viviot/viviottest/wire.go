package viviottest

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/viviot"
)

// The fake reads and writes the wire format with types of its own rather
// than the SDK's, so an encoding bug in the SDK is not mirrored here.

// StackTrace is the server stack trace ErrorBody puts into its
// responseStatus, as ServiceStack does in debug mode, so a test can check
// that it reaches no error string.
const StackTrace = "   at Viviot.Api.ServiceInterface.AccessTemplateService.Post(EditAccessTemplate request) in /src/Viviot.Api/AccessTemplateService.cs:line 42\n" +
	"   at ServiceStack.Host.ServiceRunner`1.ExecuteAsync(IRequest req, Object instance, TRequest requestDto)"

type wireStatus struct {
	ErrorCode  string           `json:"errorCode"`
	Message    string           `json:"message"`
	StackTrace string           `json:"stackTrace,omitempty"`
	Errors     []wireFieldError `json:"errors"`
}

type wireFieldError struct {
	ErrorCode string            `json:"errorCode"`
	FieldName string            `json:"fieldName"`
	Message   string            `json:"message"`
	Meta      map[string]string `json:"meta,omitempty"`
}

type errorBody struct {
	ResponseStatus wireStatus `json:"responseStatus"`
}

// apiError is an answer the fake refuses a request with.
type apiError struct {
	status int
	wireStatus
}

func newError(status int, code, message string) *apiError {
	return &apiError{status: status, wireStatus: wireStatus{ErrorCode: code, Message: message, Errors: []wireFieldError{}}}
}

// validationError is FluentValidation's answer: the first failure is the
// top-level code and message, and every failure is listed.
func validationError(fields []wireFieldError) *apiError {
	e := newError(http.StatusBadRequest, fields[0].ErrorCode, fields[0].Message)
	e.Errors = fields
	return e
}

func fieldError(code, field, message string) wireFieldError {
	return wireFieldError{ErrorCode: code, FieldName: field, Message: message,
		Meta: map[string]string{"PropertyName": field}}
}

func (e *apiError) write(w http.ResponseWriter) {
	fakekit.WriteJSON(w, e.status, errorBody{ResponseStatus: e.wireStatus})
}

// ErrorBody returns a ServiceStack error body with errorCode, message and
// the server's StackTrace, for a Fault's Body; the fake's own
// answers never fail with a 500, so this is how a test gets one:
//
//	srv.Inject(viviottest.Fault{Status: 500, Body: viviottest.ErrorBody("NullReferenceException", "Object reference not set")})
func ErrorBody(errorCode, message string) string {
	b, _ := json.Marshal(errorBody{ResponseStatus: wireStatus{
		ErrorCode: errorCode, Message: message, StackTrace: StackTrace, Errors: []wireFieldError{},
	}})
	return string(b)
}

type wireOrganization struct {
	ID            string             `json:"id"`
	Name          string             `json:"name"`
	Type          int                `json:"type"`
	Organizations []wireOrganization `json:"organizations"`
}

type wireTemplate struct {
	ID                               string            `json:"id"`
	OrganizationID                   string            `json:"organizationId"`
	Organization                     *wireOrganization `json:"organization,omitempty"`
	Name                             string            `json:"name"`
	Permission                       []string          `json:"permission"`
	Description                      string            `json:"description,omitempty"`
	Scope                            int               `json:"scope"`
	AccessCodeInitializationStrategy int               `json:"accessCodeInitializationStrategy"`
}

type wireThing struct {
	ID             string   `json:"id"`
	OrganizationID string   `json:"organizationId"`
	ThingID        string   `json:"thingId"`
	ThingName      string   `json:"thingName"`
	ThingTypeName  string   `json:"thingTypeName"`
	Exclusive      bool     `json:"exclusive"`
	AvailableFrom  *int     `json:"availableFrom"`
	AvailableTo    *int     `json:"availableTo"`
	AccessCount    *int     `json:"accessCount"`
	AccessLevel    string   `json:"accessLevel"`
	Permission     []string `json:"permission"`
}

// wireEdit is EditAccessTemplate, the body of create and update.
type wireEdit struct {
	AccessTemplateID                 string      `json:"accessTemplateId"`
	Name                             string      `json:"name"`
	Description                      string      `json:"description"`
	Things                           []wireThing `json:"things"`
	Scope                            int         `json:"scope"`
	AccessCodeInitializationStrategy int         `json:"accessCodeInitializationStrategy"`
	Version                          int         `json:"version"`
}

type dataBody struct {
	Data any `json:"data"`
}

func hexID(g viviot.GUID) string { return hex.EncodeToString(g[:]) }

var errBadGUID = errors.New("not a Guid")

// parseID reads a Guid as ServiceStack does: 32 hex digits, optionally
// dashed or braced; "" is Guid.Empty.
func parseID(s string) (viviot.GUID, error) {
	var g viviot.GUID
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	if s == "" {
		return g, nil
	}
	if len(s) == 36 {
		s = strings.ReplaceAll(s, "-", "")
	}
	if len(s) != 32 {
		return g, errBadGUID
	}
	if _, err := hex.Decode(g[:], []byte(s)); err != nil {
		return g, errBadGUID
	}
	return g, nil
}
