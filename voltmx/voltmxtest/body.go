package voltmxtest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// jsonBody is a request body read as leniently as the Java server reads
// it: numbers may come as strings and booleans as "true". Each reader
// leaves its destination alone when the field is absent or null and
// reports false when the value has the wrong type.
type jsonBody map[string]json.RawMessage

// readBody decodes a JSON object body; ok is false when it is not one.
func readBody(r *http.Request) (jsonBody, bool) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, fakekit.MaxJSONBody))
	if err != nil {
		return nil, false
	}
	var fields jsonBody
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&fields); err != nil || fields == nil {
		return nil, false
	}
	return fields, true
}

func (b jsonBody) raw(name string) (json.RawMessage, bool) {
	raw, ok := b[name]
	if !ok || string(bytes.TrimSpace(raw)) == "null" {
		return nil, false
	}
	return raw, true
}

func (b jsonBody) str(name string, dst *string) bool {
	raw, ok := b.raw(name)
	return !ok || json.Unmarshal(raw, dst) == nil
}

func (b jsonBody) boolean(name string, dst *bool) bool {
	raw, ok := b.raw(name)
	if !ok || json.Unmarshal(raw, dst) == nil {
		return true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return false
	}
	v, err := strconv.ParseBool(s)
	*dst = v
	return err == nil
}

// ids reads a list of ids, each a number or a numeric string (the Modify
// User sample sends ["3","4","6"]); present reports whether the field was
// there.
func (b jsonBody) ids(name string, dst *[]int64) (present, ok bool) {
	raw, present := b.raw(name)
	if !present {
		return false, true
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return true, false
	}
	out := make([]int64, 0, len(items))
	for _, it := range items {
		v, err := strconv.ParseInt(strings.Trim(string(it), `"`), 10, 64)
		if err != nil {
			return true, false
		}
		out = append(out, v)
	}
	*dst = out
	return true, true
}

func (b jsonBody) strs(name string, dst *[]string) (present, ok bool) {
	raw, present := b.raw(name)
	if !present {
		return false, true
	}
	return true, json.Unmarshal(raw, dst) == nil
}

// jsonOnly answers 415 to a POST that does not declare the JSON body every
// access-management page documents ("Content-Type as
// application/json;charset=UTF-8"), as a JAX-RS resource that consumes
// JSON does [inferred: the pages do not say what a server answers].
func jsonOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			writeMessage(w, http.StatusUnsupportedMediaType, "Unsupported Media Type")
			return
		}
		h(w, r)
	}
}

// emptyOrJSON reports whether a body that carries no fields (a delete's)
// is empty or one JSON value.
func emptyOrJSON(r *http.Request) bool {
	raw, err := io.ReadAll(io.LimitReader(r.Body, fakekit.MaxJSONBody))
	if err != nil {
		return false
	}
	return len(bytes.TrimSpace(raw)) == 0 || json.Valid(raw)
}
