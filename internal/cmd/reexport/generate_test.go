package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const directive = "//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport "

// TestGeneratedFilesAreCurrent regenerates every file a //go:generate
// reexport line in the module writes (each vendor package's reexport.go
// from its doc.go, each fake's kit.go from its server.go) and fails when
// the file on disk differs: run go generate ./... after changing a line,
// the templates or fakekit's *Server methods.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	const root = "../../.."
	var reexports, kits []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (strings.HasPrefix(n, ".") || n == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(src), "\n") {
			if !strings.HasPrefix(line, directive) {
				continue
			}
			dir := filepath.Dir(path)
			c := parseDirective(t, path, strings.TrimPrefix(line, directive))
			rel, _ := filepath.Rel(root, dir)
			if c.IsKit {
				kits = append(kits, filepath.ToSlash(rel))
			} else {
				reexports = append(reexports, filepath.ToSlash(rel))
			}
			want, err := c.generate(dir)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			out := filepath.Join(dir, c.out())
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("%s: %v (run go generate)", path, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is stale: run go generate ./%s", out, strings.TrimPrefix(filepath.ToSlash(dir), root+"/"))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A package missing here has lost its line, and its generated file
	// would go stale unnoticed.
	vendors := []string{"alfaview", "alfaview/v2", "reach360", "shares", "viviot", "voltmx"}
	fakes := []string{"alfaview/alfaviewtest", "alfaview/v2/alfaviewtest", "reach360/reach360test", "shares/sharestest", "viviot/viviottest", "voltmx/voltmxtest"}
	slices.Sort(reexports)
	slices.Sort(kits)
	if !slices.Equal(reexports, vendors) {
		t.Errorf("//go:generate reexport lines in %q, want one in each of %q", reexports, vendors)
	}
	if !slices.Equal(kits, fakes) {
		t.Errorf("//go:generate reexport -kit lines in %q, want one in each of %q", kits, fakes)
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
func parseDirective(t *testing.T, doc, rest string) command {
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
	var c command
	fs := flags(&c)
	fs.Init("reexport", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		t.Fatalf("%s: %v", doc, err)
	}
	return c
}

func TestGenerateKitNamesMissingParams(t *testing.T) {
	_, err := GenerateKit(KitParams{}, "../../..")
	if err == nil || !strings.Contains(err.Error(), "-pkg") || !strings.Contains(err.Error(), "-sdk") {
		t.Fatalf("err = %v, want one naming the missing flags", err)
	}
}

// TestGenerateKitImportsMajorVersions: alfaview/v2's fake imports
// .../alfaview/v2 and names its options alfaview.Option.
func TestGenerateKitImportsMajorVersions(t *testing.T) {
	src, err := GenerateKit(KitParams{Package: "alfaviewtest", SDK: "alfaview/v2"}, "../../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`alfaview "github.com/grantkit/grantkit-go/alfaview/v2"`, "func (s *Server) Options() []alfaview.Option {"} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("kit.go lacks %s", want)
		}
	}
}

// TestGenerateKitForwardsMethods: the exported methods of
// *fakekit.Server is written on the fake's Server with fakekit's doc.
func TestGenerateKitForwardsMethods(t *testing.T) {
	src, err := GenerateKit(KitParams{Package: "reach360test", SDK: "reach360"}, "../../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"// Inject queues f behind the faults already queued.",
		"func (s *Server) Inject(f Fault) {\n\ts.Server.Inject(f)\n}",
		"func (s *Server) Requests() []Request {\n\treturn s.Server.Requests()\n}",
		"func (s *Server) SetLatency(d time.Duration) {",
	} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("kit.go lacks %q", want)
		}
	}
}
