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
// below are matched by the documented sentence (case-insensitive substring).
// A status alone never names the missing thing: a 404 comes from a wrong
// context path or a proxy, not from a missing group (the guide signals that
// with a 400 sentence), and matches only the common ErrNotFound.
var (
	// ErrInvalidParams matches a call rejected by the client before anything
	// was sent; the error's text names every bad field, as "voltmx:
	// groups.create: invalid params: GroupName must not be empty".
	ErrInvalidParams = errors.New("voltmx: invalid params")
	// ErrGroupNameRequired matches the 400 "Group name is required".
	ErrGroupNameRequired = errors.New("voltmx: group name is required")
	// ErrEmailRequired matches the 400 "Email is required" (groups and users).
	ErrEmailRequired = errors.New("voltmx: email is required")
	// ErrGroupNotFound matches the 400 "Invalid group ID provided, or No
	// group found with given ID" (the Delete Group page spells it "Invalid
	// Group ID provided or No Group found with given ID").
	ErrGroupNotFound = errors.New("voltmx: group not found")
	// ErrUserNotFound matches the 400 "Invalid User ID provided or No User
	// found with given ID" (Modify User; Get and Delete User write "Invalid
	// user ID provided or no user found with provided ID").
	ErrUserNotFound = errors.New("voltmx: user not found")
	// ErrActiveGroupDelete matches the 400 "Delete is not allowed on active
	// group": deactivate the group (Update with Active false) first.
	ErrActiveGroupDelete = errors.New("voltmx: delete is not allowed on an active group")
	// ErrActiveUserDelete matches the 400 "Delete is not allowed on active
	// users" (Delete User): deactivate the user (Update with Active false)
	// first.
	ErrActiveUserDelete = errors.New("voltmx: delete is not allowed on an active user")
	// ErrUserExists matches the 400 "User already exists with this user ID"
	// (Create User): the user name or email is taken.
	ErrUserExists = errors.New("voltmx: user already exists")
	// ErrDisplayNameRequired matches the 400 "Display Name is required"
	// (Modify User).
	ErrDisplayNameRequired = errors.New("voltmx: display name is required")
	// ErrUserNameChanged matches the 400 "Invalid 'userName' provided.
	// 'userName' should not be modified" (Modify User):
	// UpdateUserParams.UserName must be the user's current name.
	ErrUserNameChanged = errors.New("voltmx: a user's userName cannot be modified")
	// ErrAdhocPushRequired matches the 400 "Application permissions can be
	// enabled only for the group who has ADHOC_PUSH permission": AppIDs or
	// AllowAllApps were set for a group without the ADHOC_PUSH permission.
	ErrAdhocPushRequired = errors.New("voltmx: app permissions need the ADHOC_PUSH permission")
	// ErrInvalidPayload matches the 400 "Invalid request payload. Error
	// occurred at property ...": a field the server could not accept,
	// named in the message (e.g. an unknown permission id).
	ErrInvalidPayload = errors.New("voltmx: invalid request payload")
	// ErrUnknownPermission is returned by PermissionsService.Resolve and
	// ResolvePermissions for a name the server does not know.
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

// Error kinds, derived from the message.
const (
	kindGroupName        = "group_name_required"
	kindEmail            = "email_required"
	kindGroupMissing     = "group_not_found"
	kindUserMissing      = "user_not_found"
	kindActiveDelete     = "active_group_delete"
	kindActiveUserDelete = "active_user_delete"
	kindUserExists       = "user_exists"
	kindDisplayName      = "display_name_required"
	kindUserNameChanged  = "user_name_changed"
	kindAdhocPush        = "adhoc_push_required"
	kindPayload          = "invalid_payload"
)

// sentinels lists the vendor sentinels by kind; the common ones
// (ErrUnauthorized, ErrNotFound, ...) match by status inside Match.
var sentinels = transport.Sentinels{
	ByCode: map[string]error{
		kindGroupName:        ErrGroupNameRequired,
		kindEmail:            ErrEmailRequired,
		kindGroupMissing:     ErrGroupNotFound,
		kindUserMissing:      ErrUserNotFound,
		kindActiveDelete:     ErrActiveGroupDelete,
		kindActiveUserDelete: ErrActiveUserDelete,
		kindUserExists:       ErrUserExists,
		kindDisplayName:      ErrDisplayNameRequired,
		kindUserNameChanged:  ErrUserNameChanged,
		kindAdhocPush:        ErrAdhocPushRequired,
		kindPayload:          ErrInvalidPayload,
	},
}

// messageKinds maps the documented sentences, lower-cased, to kinds. The
// guide spells the not-found sentences several ways ("Invalid group ID
// provided, or No group found with given ID", "Invalid Group ID provided or
// No Group found with given ID\"", "Invalid user ID provided or no user
// found with provided ID"), so each half matches on its own.
var messageKinds = []struct{ text, kind string }{
	{"group name is required", kindGroupName},
	{"email is required", kindEmail},
	{"display name is required", kindDisplayName},
	{"invalid group id", kindGroupMissing},
	{"no group found", kindGroupMissing},
	{"invalid user id", kindUserMissing},
	{"no user found", kindUserMissing},
	{"'username' should not be modified", kindUserNameChanged},
	{"user already exists", kindUserExists},
	{"delete is not allowed on active group", kindActiveDelete},
	{"delete is not allowed on active user", kindActiveUserDelete},
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
	return ""
}

// documentedGone reports whether err is the server's documented answer for
// a missing group or user: a 400 with the sentence that matches target.
// A delete's retry reports success only on that answer, never on a 404,
// which a wrong context path or a proxy gives whether or not the first
// attempt deleted anything.
func documentedGone(err error, target error) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode == http.StatusBadRequest && errors.Is(e, target)
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
