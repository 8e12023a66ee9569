package reach360

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/grantkit/grantkit-go/internal/transport"
)

var (
	// ErrInvalidParams matches errors from parameters rejected before any
	// request was sent (empty name or id, limit outside 1..100); the
	// error's text names every bad field, as
	// "reach360: groups.create: invalid params: Name must not be empty".
	ErrInvalidParams = errors.New("reach360: invalid params")
	// ErrDuplicateName matches the API's duplicate_name: a group with that
	// name already exists.
	ErrDuplicateName = errors.New("reach360: duplicate group name")
	// ErrGroupNotFound matches the API's group_not_found. It is also
	// ErrNotFound, as is every 404.
	ErrGroupNotFound = errors.New("reach360: group not found")
	// ErrReadOnlyGroup matches the API's read_only_group: the group (the
	// built-in "Everyone") cannot be renamed, deleted or have its members
	// changed.
	ErrReadOnlyGroup = errors.New("reach360: read-only group")
	// ErrInvalidAPIVersion matches the API's invalid_api_version: the
	// server does not know the version sent with WithAPIVersion.
	ErrInvalidAPIVersion = errors.New("reach360: invalid API version")
	// ErrUserNotFound matches the API's user_not_found, whatever the
	// status: the user id names no user of the account. A 404 for a user
	// is also ErrNotFound.
	ErrUserNotFound = errors.New("reach360: user not found")
	// ErrUserExists matches the Invitations API's user_exists: the email
	// address already has an account, so there is no one to invite.
	ErrUserExists = errors.New("reach360: user exists")
	// ErrInvitePending matches the Invitations API's invite_pending: the
	// email address already has a pending invitation.
	ErrInvitePending = errors.New("reach360: invitation pending")
	// ErrInvalidUserRole matches the API's invalid_user_role: the user's
	// role does not allow the operation, such as listing the reporting
	// groups of a user who is not a reporter.
	ErrInvalidUserRole = errors.New("reach360: invalid user role")
)

var sentinels = transport.Sentinels{
	ByCode: map[string]error{
		"duplicate_name":      ErrDuplicateName,
		"group_not_found":     ErrGroupNotFound,
		"read_only_group":     ErrReadOnlyGroup,
		"invalid_api_version": ErrInvalidAPIVersion,
		"user_not_found":      ErrUserNotFound,
		"user_exists":         ErrUserExists,
		"invite_pending":      ErrInvitePending,
		"invalid_user_role":   ErrInvalidUserRole,
	},
}

// Error is a failed answer from the Reach 360 API. Compare it with the
// package's sentinels using errors.Is, or get at the fields with errors.As.
// It never holds the API key.
type Error struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is the API's error code, such as "duplicate_name"; empty when
	// the body carried none.
	Code string
	// Message is the API's explanation, or the start of the body when the
	// body was not a recognisable error (an HTML page from a proxy, say).
	Message string
	// Op names the operation ("groups.create"); Method and Path the request
	// (the path without its query).
	Op, Method, Path string
	// Attempts is how many times the request was sent.
	Attempts int
}

// Error reads like every grantkit vendor error: "reach360: groups.get
// (GET /groups/g-42): 503: Service Unavailable [4 attempts]", or
// "reach360: groups.create (POST /groups): 409 duplicate_name: a group
// named "Sales" already exists".
func (e *Error) Error() string {
	return transport.APIErrorText{
		Vendor: vendor, Op: e.Op, Method: e.Method, Path: e.Path,
		Status: e.StatusCode, Code: e.Code, Message: e.Message, Attempts: e.Attempts,
	}.String()
}

// Is reports whether target is the sentinel for e's code or status.
func (e *Error) Is(target error) bool {
	return sentinels.Match(e.Code, e.StatusCode, target)
}

// checkResponse turns every non-2xx answer into an *Error.
func checkResponse(r *transport.Response) error {
	if r.StatusCode >= 200 && r.StatusCode <= 299 {
		return nil
	}
	code, msg := decodeError(r.Body)
	return &Error{
		StatusCode: r.StatusCode, Code: code, Message: msg,
		Op: r.Op, Method: r.Method, Path: r.Path, Attempts: r.Attempts,
	}
}

// Longest code and message kept; a code or message longer than this is not
// something a caller acts on.
const (
	maxCode    = 100
	maxMessage = 500
	maxSnippet = 200
)

// decodeError reads an error body. Reach 360 does not publish a general
// error shape; these three occur, and anything else is quoted briefly.
//
//	{"code":"duplicate_name","message":"…"}
//	{"error":{"code":"…","message":"…"}}
//	{"errors":[{"code":"…","message":"…"}, …]}
func decodeError(body []byte) (code, msg string) {
	var b struct {
		errorItem
		Error  json.RawMessage `json:"error"`
		Errors json.RawMessage `json:"errors"`
	}
	if json.Unmarshal(body, &b) == nil {
		code, msg = text(b.Code), text(b.Message)
		if nested, ok := item(b.Error); ok {
			code, msg = first(code, text(nested.Code)), first(msg, text(nested.Message))
		}
		var list []json.RawMessage
		if json.Unmarshal(b.Errors, &list) == nil {
			var msgs []string
			for _, raw := range list {
				if it, ok := item(raw); ok {
					code = first(code, text(it.Code))
					if m := text(it.Message); m != "" {
						msgs = append(msgs, m)
					}
				}
			}
			msg = first(msg, strings.Join(msgs, "; "))
		}
	}
	code = transport.Snippet([]byte(code), maxCode)
	msg = transport.Snippet([]byte(msg), maxMessage)
	if code == "" && msg == "" {
		msg = transport.Snippet(body, maxSnippet)
	}
	return code, msg
}

type errorItem struct {
	Code    json.RawMessage `json:"code"`
	Message json.RawMessage `json:"message"`
}

// item reads an error entry: an object with code and message, or a bare
// string taken as the message.
func item(raw json.RawMessage) (errorItem, bool) {
	var it errorItem
	if json.Unmarshal(raw, &it) == nil {
		return it, true
	}
	if s := text(raw); s != "" {
		return errorItem{Message: raw}, true
	}
	return it, false
}

// text returns a JSON string's value, a number's digits, or "" for anything
// else, so a numeric code still shows.
func text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// The deletes' Operation.AlreadyDone: a retry that finds the target missing
// reports the delete as done. Each asks for the API's own answer, its error
// code, not a bare 404: a proxy or a wrong base path answers 404 too, and
// that must never turn a delete that did nothing into a success.
func groupGone(err error) bool { return errors.Is(err, ErrGroupNotFound) }

func userGone(err error) bool { return errors.Is(err, ErrUserNotFound) }

// invitationGone: the Invitations API article does not name the code of a
// missing invitation. Any 404 that carries an API error code counts
// [inferred]: invitation_not_found, by the pattern of group_not_found and
// user_not_found, is what reach360test sends.
func invitationGone(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode == http.StatusNotFound && e.Code != ""
}
