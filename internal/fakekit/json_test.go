package fakekit

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestWriteJSON(t *testing.T) {
	w := httptest.NewRecorder()
	WriteJSON(w, http.StatusCreated, map[string]string{"name": "a<b"})
	check(t, "status", w.Code, http.StatusCreated)
	check(t, "Content-Type", w.Header().Get("Content-Type"), "application/json; charset=utf-8")
	check(t, "body", w.Body.String(), `{"name":"a<b"}`+"\n")
	check(t, "Content-Length", w.Header().Get("Content-Length"), "15")

	w = httptest.NewRecorder()
	WriteJSON(w, http.StatusNoContent, nil)
	check(t, "status", w.Code, http.StatusNoContent)
	check(t, "body of 204", w.Body.String(), "")

	w = httptest.NewRecorder()
	WriteJSON(w, http.StatusOK, func() {})
	check(t, "status for a value JSON cannot encode", w.Code, http.StatusInternalServerError)
}

func TestReadJSON(t *testing.T) {
	read := func(body string) (map[string]any, error) {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		var v map[string]any
		return v, ReadJSON(r, &v)
	}

	v, err := read(` {"name":"x"} ` + "\n")
	if err != nil {
		t.Fatal(err)
	}
	check[any](t, "name", v["name"], "x")

	tooBig := `{"a":"` + strings.Repeat("x", MaxJSONBody) + `"}`
	for _, tc := range []struct{ body, want string }{
		{``, "empty"},
		{`{"name":`, "not valid JSON"},
		{`{"a":1}{"b":2}`, "data after"},
		{`{"a":1} x`, "data after"},
		{tooBig, "larger than"},
	} {
		_, err := read(tc.body)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadJSON(%.20q) = %v, want an error saying %q", tc.body, err, tc.want)
		}
	}

	_, err = read(tooBig)
	var mbe *http.MaxBytesError
	if !errors.As(err, &mbe) {
		t.Errorf("ReadJSON of an oversized body = %v, want a *http.MaxBytesError inside", err)
	}
}

func TestBearerToken(t *testing.T) {
	for _, tc := range []struct{ header, want string }{
		{"Bearer abc.def", "abc.def"},
		{"bearer abc", "abc"},
		{"BEARER   abc  ", "abc"},
		{"Basic dXNlcg==", ""},
		{"Bearer", ""},
		{"Bearer ", ""},
		{"Bearer a b", ""},
		{"Bearerabc", ""},
		{"", ""},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		if tc.header != "" {
			r.Header.Set("Authorization", tc.header)
		}
		got, ok := BearerToken(r)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("BearerToken(%q) = %q, %v; want %q", tc.header, got, ok, tc.want)
		}
	}
}
