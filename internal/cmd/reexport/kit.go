package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"
)

// KitParams are what differs between the fakes' kit.go files.
type KitParams struct {
	// Package is the fake's package name, e.g. reach360test.
	Package string
	// SDK is the client package's directory in the module, e.g. reach360
	// or alfaview/v2.
	SDK string
}

// kitData is what the kit template reads.
type kitData struct {
	Package, SDKPath, SDKName string
	Methods                   []kitMethod
}

// kitMethod is one exported method of *fakekit.Server, written again on the
// fake's Server so that go doc shows it there.
type kitMethod struct {
	Doc, Name, Params, Results, Args string
}

// GenerateKit returns the formatted source of a fake's kit.go: the aliases
// of fakekit's names, Options, the start helper and, with fakekit's own doc
// comments, one forwarding method per exported method of *fakekit.Server.
// root is the module's directory.
func GenerateKit(p KitParams, root string) ([]byte, error) {
	var missing []string
	if strings.TrimSpace(p.Package) == "" {
		missing = append(missing, "-pkg")
	}
	if strings.TrimSpace(p.SDK) == "" {
		missing = append(missing, "-sdk")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("-kit: missing %s", strings.Join(missing, ", "))
	}
	module, err := modulePath(root)
	if err != nil {
		return nil, err
	}
	methods, err := kitMethods(filepath.Join(root, "internal", "fakekit"))
	if err != nil {
		return nil, err
	}
	d := kitData{Package: p.Package, SDKPath: path.Join(module, p.SDK), SDKName: sdkName(p.SDK), Methods: methods}
	var buf bytes.Buffer
	if err := kitTmpl.Execute(&buf, d); err != nil {
		return nil, err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, errors.Join(errors.New("generated code does not parse"), err)
	}
	return src, nil
}

var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// sdkName is the package name of the client package in dir: its last
// element, or the one before a major-version suffix (alfaview/v2).
func sdkName(dir string) string {
	elems := strings.Split(strings.Trim(dir, "/"), "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && majorVersion.MatchString(name) {
		name = elems[len(elems)-2]
	}
	return name
}

// modulePath reads the module path from root's go.mod.
func modulePath(root string) (string, error) {
	src, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(src), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	return "", fmt.Errorf("%s: no module line", filepath.Join(root, "go.mod"))
}

// findRoot returns the nearest directory at or above dir holding a go.mod.
func findRoot(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod at or above %s", dir)
		}
	}
}

// kitMethods reads the exported methods of *Server in the fakekit sources
// in dir, sorted by name.
func kitMethods(dir string) ([]kitMethod, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var out []kitMethod
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() || !onServer(fd) {
				continue
			}
			m, err := kitMethodOf(fd)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", fset.Position(fd.Pos()), err)
			}
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no exported methods of *Server", dir)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func onServer(fd *ast.FuncDecl) bool {
	if fd.Recv == nil || len(fd.Recv.List) != 1 {
		return false
	}
	star, ok := fd.Recv.List[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := star.X.(*ast.Ident)
	return ok && id.Name == "Server"
}

func kitMethodOf(fd *ast.FuncDecl) (kitMethod, error) {
	if fd.Doc == nil {
		return kitMethod{}, fmt.Errorf("%s has no doc comment to copy", fd.Name.Name)
	}
	m := kitMethod{Name: fd.Name.Name}
	var docs []string
	for _, c := range fd.Doc.List {
		docs = append(docs, c.Text)
	}
	m.Doc = strings.Join(docs, "\n")

	var params, args []string
	for i, field := range fd.Type.Params.List {
		names := field.Names
		if len(names) == 0 {
			names = []*ast.Ident{ast.NewIdent(fmt.Sprintf("p%d", i))}
		}
		for _, n := range names {
			if n.Name == "s" || n.Name == "_" {
				return kitMethod{}, fmt.Errorf("%s: parameter %q clashes with the receiver or cannot be passed on", fd.Name.Name, n.Name)
			}
			params = append(params, n.Name+" "+types.ExprString(field.Type))
			arg := n.Name
			if _, ok := field.Type.(*ast.Ellipsis); ok {
				arg += "..."
			}
			args = append(args, arg)
		}
	}
	m.Params, m.Args = strings.Join(params, ", "), strings.Join(args, ", ")

	if fd.Type.Results != nil {
		var results []string
		for _, field := range fd.Type.Results.List {
			for range max(len(field.Names), 1) {
				results = append(results, types.ExprString(field.Type))
			}
		}
		m.Results = strings.Join(results, ", ")
		if len(results) > 1 {
			m.Results = "(" + m.Results + ")"
		}
	}
	return m, nil
}

var kitTmpl = template.Must(template.New("kit").Funcs(template.FuncMap{"base": path.Base}).Parse(`// Code generated by internal/cmd/reexport -kit; DO NOT EDIT.

package {{.Package}}

import (
	"net/http"
	"testing"
	"time"

	{{if ne .SDKName (base .SDKPath)}}{{.SDKName}} {{end}}"{{.SDKPath}}"
	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// The fake's fault injection, recorded requests and server options are
// fakekit's, an internal package that code outside this module cannot
// import. These aliases are how such code names them:
//
//	srv := {{.Package}}.NewServer(t)
//	srv.Inject({{.Package}}.Fault{Status: 503, RetryAfter: "2"})  // the next request is answered 503
//	srv.Inject({{.Package}}.Fault{Cut: {{.Package}}.CutBeforeResponse, Apply: true}) // applied, but the answer is lost
type (
	// Fault describes how the fake answers (or delays) the next matching
	// request(s) queued with Server.Inject: an error Status with Body and
	// RetryAfter, a Cut connection, a Truncate'd or Oversize body, Latency;
	// Match selects requests, Times counts them (0: one, negative: all),
	// and Apply lets the fake act on the request before the fault answers.
	Fault = fakekit.Fault
	// CutMode says how a Fault breaks the connection.
	CutMode = fakekit.CutMode
	// Request is a request as the fake recorded it (Server.Requests).
	Request = fakekit.Request
	// Option changes how NewServer serves: see InMemory and WithClock.
	Option = fakekit.Option
	// Clock tells the fake the time, for expiring what it issued.
	Clock = fakekit.Clock
	// ManualClock is a Clock that moves only when the test moves it.
	ManualClock = fakekit.ManualClock
)

// How a Fault breaks the connection.
const (
	// CutNone leaves the connection alone.
	CutNone = fakekit.CutNone
	// CutBeforeResponse closes the connection after reading the request,
	// before any byte of the answer.
	CutBeforeResponse = fakekit.CutBeforeResponse
	// CutMidBody sends the headers and half the body, then closes.
	CutMidBody = fakekit.CutMidBody
)

// InMemory serves over an in-memory network instead of loopback TCP, so the
// fake can run inside a testing/synctest bubble (where injected latency and
// backoff pass in virtual time). Only Server.Client reaches it then.
func InMemory() Option { return fakekit.InMemory() }

// WithClock sets the clock the fake stamps requests with and expires what it
// issued by, typically a ManualClock the test advances.
func WithClock(c Clock) Option { return fakekit.WithClock(c) }

// NewManualClock returns a ManualClock reading t.
func NewManualClock(t time.Time) *ManualClock { return fakekit.NewManualClock(t) }

// Options returns the client options that point a {{.SDKName}}.Client at this
// fake: WithBaseURL(URL) and WithHTTPClient(Client()), the only way in under
// InMemory. Pass them to {{.SDKName}}.NewClient with the fake's credentials;
// options given after them win.
func (s *Server) Options() []{{.SDKName}}.Option {
	return []{{.SDKName}}.Option{ {{- .SDKName}}.WithBaseURL(s.URL), {{.SDKName}}.WithHTTPClient(s.Client())}
}

// start serves h as the fake and sets URL. With a non-nil tb the fake is
// closed when the test ends.
func (s *Server) start(tb testing.TB, h http.Handler, opts []Option) {
	s.Server = fakekit.Start(h, opts...)
	s.URL = s.Server.URL
	if tb != nil {
		tb.Cleanup(s.Close)
	}
}
{{range .Methods}}
{{.Doc}}
func (s *Server) {{.Name}}({{.Params}}) {{.Results}} {
	{{if .Results}}return {{end}}s.Server.{{.Name}}({{.Args}})
}
{{end}}`))
