package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const directive = "//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport "

// TestGeneratedFilesAreCurrent regenerates every vendor package's
// reexport.go from the //go:generate line in its doc.go and fails when the
// file on disk differs: run go generate ./... after changing a line or the
// template.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	docs, err := filepath.Glob("../../../*/doc.go")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../../../*/*/doc.go")
	found := 0
	for _, doc := range append(docs, more...) {
		src, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(src), "\n") {
			if !strings.HasPrefix(line, directive) {
				continue
			}
			found++
			p, out := parseDirective(t, doc, strings.TrimPrefix(line, directive))
			want, err := Generate(p)
			if err != nil {
				t.Fatalf("%s: %v", doc, err)
			}
			path := filepath.Join(filepath.Dir(doc), out)
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%s: %v (run go generate)", doc, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is stale: run go generate ./%s", path, filepath.Dir(strings.TrimPrefix(doc, "../../../")))
			}
		}
	}
	if found < 5 {
		t.Fatalf("found %d //go:generate reexport lines, want one per vendor package", found)
	}
}

func TestGenerateNamesMissingParams(t *testing.T) {
	_, err := Generate(Params{Package: "x"})
	if err == nil || !strings.Contains(err.Error(), "-vendor") || !strings.Contains(err.Error(), "-creates") {
		t.Fatalf("err = %v, want one naming the missing flags", err)
	}
}

// parseDirective splits a go:generate line as go generate does (words,
// double-quoted Go strings) and reads the command's flags.
func parseDirective(t *testing.T, doc, rest string) (Params, string) {
	t.Helper()
	var args []string
	for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
		if rest[0] == '"' {
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				t.Fatalf("%s: %v", doc, err)
			}
			s, _ := strconv.Unquote(q)
			args, rest = append(args, s), rest[len(q):]
			continue
		}
		w, r, _ := strings.Cut(rest, " ")
		args, rest = append(args, w), r
	}
	var p Params
	var out string
	fs := flags(&p, &out)
	fs.Init("reexport", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		t.Fatalf("%s: %v", doc, err)
	}
	return p, out
}
