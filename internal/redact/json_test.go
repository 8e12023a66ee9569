package redact_test

import (
	"encoding/json"
	"testing"

	"github.com/grantkit/grantkit-go/internal/redact"
)

func TestJSON(t *testing.T) {
	for secret, want := range map[string]string{"hunter2": `"[REDACTED]"`, "": `""`, `a"b\c`: `"[REDACTED]"`} {
		got := redact.JSON(secret)
		if string(got) != want {
			t.Errorf("JSON(%q) = %s, want %s", secret, got, want)
		}
		if !json.Valid(got) {
			t.Errorf("JSON(%q) = %s is not JSON", secret, got)
		}
	}
}
