package shares

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/grantkit/grantkit-go/internal/transport"
)

func FuzzDecodeError(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
	}{
		{400, `{"message": "Invalid input", "code": "invalidInputErrorError", "errorMessage": "Invalid input", "errorCode": "invalidInputErrorError"}`},
		{400, `{"message": "A new firmware update is available for your Bold product.", "code": "DeviceFirmwareOutdated", "errorMessage": "A new firmware update is available for your Bold product.", "errorCode": "DeviceFirmwareOutdated"}`},
		{400, `{"error": "invalid_grant", "error_description": "The refresh token is invalid"}`},
		{401, `{"message": "Invalid authentication token"}`},
		{404, `{"errorMessage": "share not found"}`},
		{502, "<html><body>Bad Gateway</body></html>"},
		{500, ""},
		{500, `{"code": 1, "message": null, "error": {"nested": true}}`},
		{200, `{"shareId": 3}`},
	} {
		f.Add(seed.status, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		err := checkResponse(&transport.Response{StatusCode: status, Body: body, Op: "shares.get", Method: "GET", Path: "/v2/shares/1", Attempts: 1})
		if status >= 200 && status <= 299 {
			if err != nil {
				t.Fatalf("2xx rejected: %v", err)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("status %d: %T, want *Error", status, err)
		}
		if e.StatusCode != status {
			t.Fatalf("StatusCode = %d, want %d", e.StatusCode, status)
		}
		_ = e.Error()
		if len(e.Message) > 4*len(body)+8 {
			t.Fatalf("message longer than the body: %q", e.Message)
		}
		for _, s := range []error{ErrInvalidInput, ErrUnauthorized, ErrForbidden, ErrShareNotFound, ErrInvalidGrant} {
			_ = errors.Is(err, s)
		}
	})
}

func FuzzDecodeShares(f *testing.F) {
	f.Add([]byte(`[{"id": 3, "organization": {"id": 1, "name": "Office", "personal": false},
		"startDate": "2022-06-23", "startTime": "13:53:02", "endDate": null, "endTime": "08:00",
		"schedule": [{"dayOfWeek": "Monday", "period": {"startTime": "08:00:00", "endTime": "18:00:00"}, "recurrence": "Weekly"}],
		"permissions": {"administrate": false, "remoteActivate": true, "assignKeyfob": true},
		"source": {"device": {"id": 1, "name": "Front door"}}, "receiver": {"user": {"id": 2, "firstName": "Ada"}}}]`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`[{"startDate": "2023-02-29"}]`))
	f.Add([]byte(`[{"startTime": "24:00:00"}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var out []Share
		if json.Unmarshal(body, &out) != nil {
			return
		}
		for _, s := range out {
			if !s.StartDate.IsZero() && !s.StartDate.IsValid() {
				t.Fatalf("decoded an invalid date %v", s.StartDate)
			}
			if s.StartTime != nil && !s.StartTime.IsValid() {
				t.Fatalf("decoded an invalid time %v", *s.StartTime)
			}
			if _, err := json.Marshal(s); err != nil {
				t.Fatalf("a decoded share does not encode: %v", err)
			}
		}
	})
}

func FuzzParseCivil(f *testing.F) {
	for _, s := range []string{"2022-06-23", "2024-02-29", "13:53:02", "08:00", "23:59:59.999", "0000-00-00", "24:00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ParseDate(s); err == nil {
			if !d.IsValid() || d.String() != s {
				t.Fatalf("ParseDate(%q) = %v", s, d)
			}
		}
		if tod, err := ParseTimeOfDay(s); err == nil {
			back, err := ParseTimeOfDay(tod.String())
			if err != nil || back != tod || !tod.IsValid() {
				t.Fatalf("ParseTimeOfDay(%q) = %v, round trip %v, %v", s, tod, back, err)
			}
		}
	})
}
