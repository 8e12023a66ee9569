package redact_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/internal/redact"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// apiKey is a secret type built the way vendor packages build theirs.
type apiKey string

func (k apiKey) String() string       { return redact.String(string(k)) }
func (k apiKey) GoString() string     { return redact.GoString("vendor.APIKey", string(k)) }
func (k apiKey) LogValue() slog.Value { return redact.Value(string(k)) }

type creds struct {
	ClientID string
	Secret   apiKey
}

func (c creds) String() string {
	return fmt.Sprintf("vendor.Credentials{ClientID:%q, Secret:%s}", c.ClientID, c.Secret)
}
func (c creds) GoString() string { return c.String() }
func (c creds) LogValue() slog.Value {
	return slog.GroupValue(slog.String("ClientID", c.ClientID), slog.Any("Secret", c.Secret))
}

func TestFunctions(t *testing.T) {
	assert.Equal(t, "[REDACTED]", redact.String("sekrit"))
	assert.Equal(t, "", redact.String(""), "an unset secret stays visibly unset")
	assert.Equal(t, `vendor.APIKey("[REDACTED]")`, redact.GoString("vendor.APIKey", "sekrit"))
	assert.Equal(t, `vendor.APIKey("")`, redact.GoString("vendor.APIKey", ""))
	assert.Equal(t, slog.KindString, redact.Value("sekrit").Kind())
	assert.Equal(t, "[REDACTED]", redact.Value("sekrit").String())
	assert.Equal(t, "", redact.Value("").String())
}

func TestFmtVerbs(t *testing.T) {
	k := apiKey("sekrit-key")
	c := creds{ClientID: "client-1", Secret: "sekrit-key"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X"} {
		for _, v := range []any{k, &k, c, &c, []apiKey{k}, map[string]apiKey{"k": k}, struct{ K apiKey }{k}} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, "sekrit", "%s of %T", verb, v)
			assert.NotContains(t, out, fmt.Sprintf("%x", "sekrit"), "%s of %T", verb, v)
		}
	}
	assert.Equal(t, "[REDACTED]", fmt.Sprint(k))
	assert.Equal(t, `vendor.APIKey("[REDACTED]")`, fmt.Sprintf("%#v", k))
	assert.Equal(t, `vendor.Credentials{ClientID:"client-1", Secret:[REDACTED]}`, fmt.Sprintf("%+v", c))
	assert.Contains(t, fmt.Sprintf("%v", c), "client-1", "non-secret fields may show")
}

func TestSlog(t *testing.T) {
	k := apiKey("sekrit-key")
	c := creds{ClientID: "client-1", Secret: "sekrit-key"}
	var buf bytes.Buffer
	for _, h := range []slog.Handler{
		slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}),
		slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}),
	} {
		l := slog.New(h)
		l.Debug("creds", "key", k, "creds", c, slog.Any("ptr", &c))
		l.With("key", k).Info("with")
		l.WithGroup("g").Info("group", "creds", c)
	}
	out := buf.String()
	assert.NotContains(t, out, "sekrit")
	assert.Contains(t, out, "[REDACTED]")
	assert.Contains(t, out, "client-1")
}

func TestURLMasksUserinfoPasswordAndQuery(t *testing.T) {
	for raw, want := range map[string]string{
		"https://user:sekrit@host/x":            `"https://user:xxxxx@host/x"`,
		"https://host/x?token=sekrit&token=two": `"https://host/x?token=xxxxx&token=xxxxx"`,
		"https://u:pw@host/?key=sekrit":         `"https://u:xxxxx@host/?key=xxxxx"`,
		"https://host/x":                        `"https://host/x"`,
		"http://host/?%zz":                      `"http://host/"`, // a pair that does not parse is dropped
		"http://u:sekrit@[::1":                  redact.Mask,      // does not parse: masked whole
		"::not a url":                           `"::not a url"`,
		"":                                      `""`,
	} {
		if got := redact.URL(raw); got != want {
			t.Errorf("redact.URL(%q) = %s, want %s", raw, got, want)
		}
	}
}
