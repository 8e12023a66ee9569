package voltmx

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// The API answers errors with plain sentences and no codes, so the sentinels
// below are matched by the documented sentence (case-insensitive substring)
// and, where the status alone says enough, by status.
var (
	// ErrInvalidParams matches a call rejected by the client before anything
	// was sent; the error's text names every bad field, as "voltmx:
	// groups.create: invalid params: GroupName must not be empty".
	ErrInvalidParams = errors.New("voltmx: invalid params")
	// ErrGroupNameRequired matches the 400 "Group name is required".
	ErrGroupNameRequired = errors.New("voltmx: group name is required")
	// ErrEmailRequired matches the 400 "Email is required".
	ErrEmailRequired = errors.New("voltmx: email is required")
	// ErrGroupNotFound matches the 400 "Invalid group ID provided, or No
	// group found with given ID", and any 404 of a groups operation.
	ErrGroupNotFound = errors.New("voltmx: group not found")
	// ErrUserNotFound matches a 400 naming an invalid or unknown user ID,
	// and any 404 of a users operation.
	ErrUserNotFound = errors.New("voltmx: user not found")
	// ErrActiveGroupDelete matches the 400 "Delete is not allowed on active
	// group": deactivate the group (Update with Active false) first.
	ErrActiveGroupDelete = errors.New("voltmx: delete is not allowed on an active group")
	// ErrAdhocPushRequired matches the 400 "Application permissions can be
	// enabled only for the group who has ADHOC_PUSH permission": AppIDs or
	// AllowAllApps were set for a group without the ADHOC_PUSH permission.
	ErrAdhocPushRequired = errors.New("voltmx: app permissions need the ADHOC_PUSH permission")
	// ErrInvalidPayload matches the 400 "Invalid request payload. Error
	// occurred at property ...": a field the server could not accept,
	// named in the message (e.g. an unknown permission id).
	ErrInvalidPayload = errors.New("voltmx: invalid request payload")
	// ErrUnknownPermission is returned by PermissionsService.Resolve for a
	// name the server does not know.
	ErrUnknownPermission = errors.New("voltmx: unknown permission")
)

// Error is an answer of the Engagement Services API that reports a failure.
// Match it with errors.Is against the sentinels above, or errors.As to read
// the status and the server's message.
type Error struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Message is the server's message, or the start of the body when the
	// body was not the JSON the API sends.
	Message string
	// ID is the id the server echoed with the error, if any.
	ID string
	// Op names the SDK operation ("groups.create"); Method and Path the
	// request (the path never holds a secret).
	Op, Method, Path string
	// Attempts is how many times the request was sent.
	Attempts int
}

// Error reads like every grantkit vendor error, without a code since the
// API has none: "voltmx: groups.delete
// (POST /vpns/api/v1/accessmgmt/groups/7/delete): 400: Delete is not
// allowed on active group".
func (e *Error) Error() string {
	return transport.APIErrorText{
		Vendor: vendor, Op: e.Op, Method: e.Method, Path: e.Path,
		Status: e.StatusCode, Message: e.Message, Attempts: e.Attempts,
	}.String()
}

// Is reports whether e is target, one of the package's sentinels.
func (e *Error) Is(target error) bool {
	return sentinels.Match(e.kind(), e.StatusCode, target)
}

// Error kinds, derived from the message (and, for 404, the operation).
const (
	kindGroupName    = "group_name_required"
	kindEmail        = "email_required"
	kindGroupMissing = "group_not_found"
	kindUserMissing  = "user_not_found"
	kindActiveDelete = "active_group_delete"
	kindAdhocPush    = "adhoc_push_required"
	kindPayload      = "invalid_payload"
)

var sentinels = transport.Sentinels{
	ByCode: map[string]error{
		kindGroupName:    ErrGroupNameRequired,
		kindEmail:        ErrEmailRequired,
		kindGroupMissing: ErrGroupNotFound,
		kindUserMissing:  ErrUserNotFound,
		kindActiveDelete: ErrActiveGroupDelete,
		kindAdhocPush:    ErrAdhocPushRequired,
		kindPayload:      ErrInvalidPayload,
	},
	ByStatus: map[int]error{http.StatusUnauthorized: ErrUnauthorized},
}

// messageKinds maps the documented sentences, lower-cased, to kinds. The
// guide spells the not-found sentence several ways ("Invalid group ID
// provided, or No group found with given ID", "Invalid Group ID provided or
// No Group found with given ID\""), so each half matches on its own.
var messageKinds = []struct{ text, kind string }{
	{"group name is required", kindGroupName},
	{"email is required", kindEmail},
	{"invalid group id", kindGroupMissing},
	{"no group found", kindGroupMissing},
	{"invalid user id", kindUserMissing},
	{"no user found", kindUserMissing},
	{"delete is not allowed on active group", kindActiveDelete},
	{"adhoc_push permission", kindAdhocPush},
	{"application permissions can be enabled only", kindAdhocPush},
	{"invalid request payload", kindPayload},
}

func (e *Error) kind() string {
	m := strings.ToLower(e.Message)
	for _, k := range messageKinds {
		if strings.Contains(m, k.text) {
			return k.kind
		}
	}
	if e.StatusCode == http.StatusNotFound {
		switch {
		case strings.HasPrefix(e.Op, "groups."):
			return kindGroupMissing
		case strings.HasPrefix(e.Op, "users."):
			return kindUserMissing
		}
	}
	return ""
}

// checkResponse is the engine's CheckResponse: every non-2xx answer becomes
// an *Error. The API publishes no error body shape, so the message is taken
// from the usual JSON fields, else from the start of the body.
func checkResponse(r *transport.Response) error {
	if r.StatusCode >= 200 && r.StatusCode <= 299 {
		return nil
	}
	e := &Error{StatusCode: r.StatusCode, Op: r.Op, Method: r.Method, Path: r.Path, Attempts: r.Attempts}
	e.Message, e.ID = decodeError(r.Body)
	return e
}

// decodeError reads {"message": ..., "id": ...} (or the other names Java
// frameworks use for the message), a bare JSON string, or any other body,
// of which it keeps a printable excerpt.
func decodeError(body []byte) (message, id string) {
	trimmed := bytes.TrimSpace(body)
	var s string
	if len(trimmed) > 0 && trimmed[0] == '"' && json.Unmarshal(trimmed, &s) == nil {
		return transport.Snippet([]byte(s), 200), ""
	}
	var v struct {
		Message      flexString `json:"message"`
		ErrorMessage flexString `json:"errorMessage"`
		ErrMsg       flexString `json:"errmsg"`
		Error        any        `json:"error"`
		ID           flexString `json:"id"`
	}
	if json.Unmarshal(trimmed, &v) == nil {
		msg := string(v.Message)
		for _, alt := range []string{string(v.ErrorMessage), string(v.ErrMsg), errorText(v.Error)} {
			if strings.TrimSpace(msg) == "" {
				msg = alt
			}
		}
		if strings.TrimSpace(msg) != "" {
			return transport.Snippet([]byte(msg), 200), transport.Snippet([]byte(v.ID), 64)
		}
	}
	return transport.Snippet(body, 200), ""
}

func errorText(v any) string {
	s, _ := v.(string)
	return s
}
