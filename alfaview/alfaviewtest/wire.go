package alfaviewtest

import (
	"encoding/json"
	"net/http"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// gRPC status numbers the gateway puts in "code".
const (
	codeInvalidArgument = 3
	codeNotFound        = 5
	codeUnimplemented   = 12
	codeUnauthenticated = 16
)

// alfaview status codes the fake answers with.
const (
	statusTokenOutdated       = "TOKEN_OUTDATED"
	statusUnauthenticated     = "UNAUTHENTICATED"
	statusAuthenticationError = "AUTHENTICATION_ERROR"
	statusAccessInfoMissing   = "ACCESS_INFO_MISSING"
	statusRequestIDInvalid    = "REQUEST_ID_INVALID"
	statusInvalidArgument     = "INVALID_ARGUMENT"
	statusRangeError          = "RANGE_ERROR"
	statusRoomNotFound        = "ROOM_NOT_FOUND"
	statusNotFound            = "NOT_FOUND"
)

// replyInfo opens every reply. On success statusCode is left out (OK is
// its zero value) and statusMessage is "OK".
type replyInfo struct {
	RequestID     string `json:"requestId,omitempty"`
	StatusCode    string `json:"statusCode,omitempty"`
	StatusMessage string `json:"statusMessage"`
}

func ok(requestID string) replyInfo {
	return replyInfo{RequestID: requestID, StatusMessage: "OK"}
}

type trackingInfo struct {
	TaskID string `json:"taskId"`
}

// writeReplyError answers a business error the way alfaview does most of
// the time: HTTP 200 with replyInfo.statusCode.
func writeReplyError(w http.ResponseWriter, requestID, statusCode, message string) {
	fakekit.WriteJSON(w, http.StatusOK, struct {
		ReplyInfo replyInfo `json:"replyInfo"`
	}{replyInfo{RequestID: requestID, StatusCode: statusCode, StatusMessage: message}})
}

type gatewayDetail struct {
	Type string `json:"@type"`
	replyInfo
}

// writeGateway answers like alfaview's gRPC gateway: a non-2xx status, the
// gRPC code and message, and the ReplyInfo in details when there is a
// status code to report.
func writeGateway(w http.ResponseWriter, status, code int, requestID, statusCode, message string) {
	details := []gatewayDetail{}
	if statusCode != "" {
		details = append(details, gatewayDetail{
			Type:      "type.googleapis.com/common.ReplyInfo",
			replyInfo: replyInfo{RequestID: requestID, StatusCode: statusCode, StatusMessage: message},
		})
	}
	fakekit.WriteJSON(w, status, struct {
		Code    int             `json:"code"`
		Message string          `json:"message"`
		Details []gatewayDetail `json:"details"`
	}{code, message, details})
}

// writeBadJSON answers a body the gateway cannot parse.
func writeBadJSON(w http.ResponseWriter, err error) {
	writeGateway(w, http.StatusBadRequest, codeInvalidArgument, "", "", err.Error())
}

// call is one authenticated request as a handler sees it.
type call struct {
	w         http.ResponseWriter
	body      json.RawMessage
	requestID string
	userID    string
}

type handler func(c *call)

// decode reads the request into v, answering 400 when it cannot.
func (c *call) decode(v any) bool {
	if err := json.Unmarshal(c.body, v); err != nil {
		writeBadJSON(c.w, err)
		return false
	}
	return true
}

func (c *call) fail(statusCode, message string) {
	writeReplyError(c.w, c.requestID, statusCode, message)
}

func (c *call) reply(v any) {
	fakekit.WriteJSON(c.w, http.StatusOK, v)
}
