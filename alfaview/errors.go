package alfaview

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// ErrInvalidParams matches errors for parameters rejected before anything
// was sent; the error's text names each bad field, as "alfaview:
// links.createGroupLinks: invalid params: roomID must not be empty". It is
// the client-side counterpart of ErrInvalidArgument.
var ErrInvalidParams = errors.New("alfaview: invalid parameters")

// Sentinels for alfaview's status codes; match them with errors.Is on an
// error a method returned.
var (
	// ErrTokenOutdated matches TOKEN_OUTDATED: the access token expired. The
	// Client re-authenticates and replays once by itself, so you see it only
	// when the fresh token was rejected too.
	ErrTokenOutdated = errors.New("alfaview: access token outdated")
	// ErrAuthentication is ErrUnauthorized, the sentinel every grantkit-go
	// package shares, under the name this package gave it first. Besides
	// any HTTP 401 it matches AUTHENTICATION_ERROR, UNAUTHENTICATED,
	// ACCESS_INFO_MISSING and TOKEN_OUTDATED, however they arrive: wrong
	// credentials, or a token alfaview does not accept.
	ErrAuthentication = ErrUnauthorized
	// ErrInsufficientPermissions matches INSUFFICIENT_PERMISSIONS,
	// PERMISSION_DENIED and HTTP 403: the credentials lack a permission the
	// call needs. ErrForbidden matches the same errors.
	ErrInsufficientPermissions = errors.New("alfaview: insufficient permissions")
	// ErrRoomNotFound matches ROOM_NOT_FOUND: no room has the id given.
	ErrRoomNotFound = errors.New("alfaview: room not found")
	// ErrQuotaExceeded matches QUOTA_EXCEEDED: the company's plan allows no
	// more of what the call creates.
	ErrQuotaExceeded = errors.New("alfaview: quota exceeded")
	// ErrInvalidArgument matches INVALID_ARGUMENT and HTTP 400: alfaview
	// rejected a parameter the client could not check.
	ErrInvalidArgument = errors.New("alfaview: invalid argument")
	// ErrPartial matches PARTIAL_ERROR: alfaview applied a call that names
	// several entities to some of them only. For Links.CreateGroupLinks and
	// Links.CreateGuestLinks the error is a *PartialError holding the links
	// that were created.
	ErrPartial = errors.New("alfaview: applied in part")
	// ErrOffsetLoop matches the error that ends Rooms.List and
	// RoomPage.NextPage when alfaview answers the next offset with the rooms it
	// has just sent: it ignored the offset, and paging on would never end.
	// ErrPageLoop matches the same errors.
	//
	// Deprecated: use ErrPageLoop, which every package has.
	ErrOffsetLoop = paging.ErrOffsetLoop
)

// Status codes the package itself acts on.
const (
	statusOK              = "OK"
	statusAccepted        = "ACCEPTED"
	statusPartialError    = "PARTIAL_ERROR"
	statusTokenOutdated   = "TOKEN_OUTDATED"
	statusUnauthenticated = "UNAUTHENTICATED"
	statusNotFound        = "NOT_FOUND"
	statusRoomNotFound    = "ROOM_NOT_FOUND"
)

var sentinels = transport.Sentinels{
	ByCode: map[string]error{
		statusTokenOutdated:        ErrTokenOutdated,
		"AUTHENTICATION_ERROR":     ErrAuthentication,
		statusUnauthenticated:      ErrAuthentication,
		"ACCESS_INFO_MISSING":      ErrAuthentication,
		"INSUFFICIENT_PERMISSIONS": ErrInsufficientPermissions,
		"PERMISSION_DENIED":        ErrInsufficientPermissions,
		statusNotFound:             ErrNotFound,
		statusRoomNotFound:         ErrRoomNotFound,
		"QUOTA_EXCEEDED":           ErrQuotaExceeded,
		"INVALID_ARGUMENT":         ErrInvalidArgument,
		statusPartialError:         ErrPartial,
	},
	// HTTP 401 needs no entry: ErrAuthentication is ErrUnauthorized, which
	// Sentinels.Match finds for every 401.
	ByStatus: map[int]error{
		http.StatusBadRequest: ErrInvalidArgument,
		http.StatusForbidden:  ErrInsufficientPermissions,
	},
}

// broader lets the specific codes also match their family's sentinel, so
// that checking ErrNotFound catches a missing room, ErrAuthentication an
// outdated token and ErrForbidden a missing permission, whichever form the
// answer came in.
var broader = transport.Sentinels{ByCode: map[string]error{
	statusRoomNotFound:         ErrNotFound,
	statusTokenOutdated:        ErrAuthentication,
	"INSUFFICIENT_PERMISSIONS": ErrForbidden,
	"PERMISSION_DENIED":        ErrForbidden,
}}

// Error is alfaview's answer to a call that failed: a non-2xx HTTP status,
// or an HTTP 200 whose replyInfo.statusCode is not OK.
type Error struct {
	// HTTPStatus is the HTTP status; 200 when the failure was reported in
	// replyInfo.
	HTTPStatus int
	// StatusCode is alfaview's status code (ROOM_NOT_FOUND,
	// TOKEN_OUTDATED …), verbatim, also when this package does not know it;
	// empty when the answer carried none (a proxy's error page).
	StatusCode string
	// StatusMessage is alfaview's explanation, or an excerpt of a body that
	// was not alfaview's JSON.
	StatusMessage string
	// RequestID is the call's requestId (alfaview's echo of it, else the
	// one sent).
	RequestID string
	// Op, Method and Path name the call.
	Op, Method, Path string
	// Attempts is how many times the call was sent.
	Attempts int
}

// Error reads like every grantkit vendor error: "alfaview: links.createGroupLinks
// (POST /json/v1/guestService.v2/createGroupLinks): 200 ROOM_NOT_FOUND: room not
// found [request 6Q…]".
func (e *Error) Error() string {
	return transport.APIErrorText{
		Vendor: vendor, Op: e.Op, Method: e.Method, Path: e.Path,
		Status: e.HTTPStatus, Code: e.StatusCode, Message: e.StatusMessage,
		RequestID: e.RequestID, Attempts: e.Attempts,
	}.String()
}

// Is reports whether target is the sentinel for e's status code or HTTP
// status (see each sentinel for what it matches).
func (e *Error) Is(target error) bool {
	return sentinels.Match(e.StatusCode, e.HTTPStatus, target) || broader.Match(e.StatusCode, 0, target)
}

// sessionRejected reports whether err means alfaview refused the access
// token itself (outdated, or unknown to it), so that authenticating again
// and replaying once can succeed. A 401 without a status code is counted:
// the gateway rejected the token without saying why.
func sessionRejected(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.StatusCode {
	case statusTokenOutdated, statusUnauthenticated:
		return true
	case "":
		return e.HTTPStatus == http.StatusUnauthorized
	}
	return false
}

type replyInfo struct {
	RequestID     string `json:"requestId"`
	StatusCode    string `json:"statusCode"`
	StatusMessage string `json:"statusMessage"`
}

// gatewayError is the gRPC-gateway body of a non-2xx answer: code is the
// gRPC status number, details usually one common.ReplyInfo. Older gateways
// put the message in "error".
type gatewayError struct {
	Code      *int              `json:"code"`
	Message   string            `json:"message"`
	Error     string            `json:"error"`
	Details   []json.RawMessage `json:"details"`
	ReplyInfo *replyInfo        `json:"replyInfo"`
}

// checkResponse is the engine's CheckResponse: every non-2xx answer and
// every 2xx answer whose replyInfo says it failed becomes an *Error.
func checkResponse(r *transport.Response) error {
	if r.StatusCode >= 200 && r.StatusCode <= 299 {
		info := replyInfoOf(r.Body)
		if info == nil {
			return nil
		}
		switch info.StatusCode {
		case "", statusOK, statusAccepted:
			// ACCEPTED: alfaview took the request and carries it out
			// asynchronously (the reply's trackingInfo follows it).
			return nil
		case statusPartialError:
			return newPartialError(r, info)
		}
		return newError(r, info)
	}
	return newError(r, gatewayReplyInfo(r.Body))
}

// replyInfoOf returns a successful answer's replyInfo, nil when there is
// none or the body is not a JSON object (decoding the result reports that).
// A successful replyInfo has no statusCode, so a body that cannot spell
// one is not decoded twice.
func replyInfoOf(body []byte) *replyInfo {
	if !mayHoldStatusCode(body) {
		return nil
	}
	var reply struct {
		ReplyInfo *replyInfo `json:"replyInfo"`
	}
	// A value of the wrong type (a numeric requestId) must not hide the
	// statusCode beside it: the decoder skips what does not fit and fills
	// the rest, as encoding/json does. From a body that is not JSON it
	// fills nothing.
	_ = transport.DecodeJSON(body, &reply)
	return reply.ReplyInfo
}

// mayHoldStatusCode reports whether body may hold a statusCode key as the
// decoder matches keys: "statusCode" in any ASCII letter case, or any
// escape or long s ("ſ", which folds to s), with which a key can spell it
// otherwise. alfaview writes neither in its keys, so the rare body with an
// escaped value merely costs a second decode.
//
// It runs on every successful answer, so it skips through the body as
// Horspool's search does: it looks at the last byte of a window of the
// word's length and moves on by as much as that byte allows.
func mayHoldStatusCode(body []byte) bool {
	const key = statusCodeFolded
	for i := len(key) - 1; i < len(body); i += statusCodeSkip[body[i]|0x20] {
		if body[i]|0x20 == key[len(key)-1] && asciiFold(body[i+1-len(key):i+1], key) {
			return true
		}
	}
	return bytes.IndexByte(body, '\\') >= 0 || bytes.Contains(body, []byte("ſ"))
}

// statusCodeFolded is the key mayHoldStatusCode looks for, in lower case.
const statusCodeFolded = "statuscode"

// statusCodeSkip is how far mayHoldStatusCode moves on after a window
// ending in a byte, indexed by the byte with 0x20 set (which folds ASCII
// letters to lower case and maps no other byte to a letter): from its last
// place in "statuscod", the word without its last letter, to the end; the
// word's length for bytes not in it.
var statusCodeSkip = func() (skip [256]int) {
	const key = statusCodeFolded
	for i := range skip {
		skip[i] = len(key)
	}
	for i := range len(key) - 1 {
		skip[key[i]] = len(key) - 1 - i
	}
	return skip
}()

// asciiFold reports whether b equals the lower-case ASCII word lower, ignoring
// the case of letters.
func asciiFold(b []byte, lower string) bool {
	for i := range len(lower) {
		if c := b[i]; c != lower[i] && c|0x20 != lower[i] {
			return false
		}
	}
	return true
}

// gatewayReplyInfo makes what it can of a failed answer's body: the first
// ReplyInfo in details, else a replyInfo, else the gateway's message, else
// an excerpt of whatever the body is.
func gatewayReplyInfo(body []byte) *replyInfo {
	var g gatewayError
	if json.Unmarshal(body, &g) != nil {
		return &replyInfo{StatusMessage: transport.Snippet(body, 200)}
	}
	message := g.Message
	if message == "" {
		message = g.Error
	}
	for _, raw := range g.Details {
		var d replyInfo
		if json.Unmarshal(raw, &d) == nil && d.StatusCode != "" {
			if d.StatusMessage == "" {
				d.StatusMessage = message
			}
			return &d
		}
	}
	if g.ReplyInfo != nil && g.ReplyInfo.StatusCode != "" {
		return g.ReplyInfo
	}
	if message == "" && g.Code == nil {
		message = transport.Snippet(body, 200)
	}
	return &replyInfo{StatusMessage: message}
}

func newError(r *transport.Response, info *replyInfo) *Error {
	return &Error{
		HTTPStatus:    r.StatusCode,
		StatusCode:    info.StatusCode,
		StatusMessage: info.StatusMessage,
		RequestID:     info.RequestID,
		Op:            r.Op,
		Method:        r.Method,
		Path:          r.Path,
		Attempts:      r.Attempts,
	}
}

// PartialError is the error of a create that alfaview carried out for some
// of the entities only (replyInfo statusCode PARTIAL_ERROR). It holds the
// links alfaview reports as created, which the create method also returns
// beside the error, so that no caller creates them again: retry only the
// creations missing from them. When the reply could not be read, both
// slices are nil and the room's links (Links.ListGroupLinks,
// Links.ListGuestLinks) tell what exists.
//
// errors.As reaches the *Error inside, and errors.Is matches ErrPartial.
type PartialError struct {
	// Err is alfaview's answer: StatusCode PARTIAL_ERROR and its message.
	Err *Error
	// GroupLinks are the group links created, in the order alfaview
	// lists them (Links.CreateGroupLinks).
	GroupLinks []GroupLink
	// GuestLinks are the guest links created (Links.CreateGuestLinks).
	GuestLinks []GuestLink
}

// Error is the *Error's text and how many links were created.
func (e *PartialError) Error() string {
	return fmt.Sprintf("%s (links created: %d)", e.Err.Error(), len(e.GroupLinks)+len(e.GuestLinks))
}

// Unwrap returns the *Error.
func (e *PartialError) Unwrap() error { return e.Err }

// newPartialError reads the links a PARTIAL_ERROR reply carries. When the
// reply echoes the request's credentials the engine runs the check again on
// the body with them masked, and returns that error.
func newPartialError(r *transport.Response, info *replyInfo) *PartialError {
	pe := &PartialError{Err: newError(r, info)}
	var reply struct {
		groupLinksReply
		guestLinksReply
	}
	if json.Unmarshal(r.Body, &reply) == nil {
		if reply.GroupLinks != nil {
			pe.GroupLinks = reply.groupLinksReply.links()
		}
		if reply.GuestLinks != nil {
			pe.GuestLinks = reply.guestLinksReply.links()
		}
	}
	return pe
}
