package fakecheck

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

func parse(t *testing.T, src string) *pkg {
	t.Helper()
	p := &pkg{Fset: token.NewFileSet()}
	f, err := parser.ParseFile(p.Fset, "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	p.Files = append(p.Files, f)
	return p
}

const sdk = `package vendor
var (
	opCreate = &transport.Operation{Name: "groups.create", Method: "POST"}
	opDelete = transport.Operation{Name: "groups.delete"}
	opGet    = &transport.Operation{Name: "groups.get"}
	ops      = struct{ update, other *transport.Operation }{op("groups.update", "PATCH"), other("groups.other")}
)

func op(name, method string) *transport.Operation { return &transport.Operation{Name: name, Method: method} }
func other(name string) string                   { return name }`

func TestAppliedOpsAgree(t *testing.T) {
	fake := parse(t, `package vendortest
const (
	OpGroupsCreate = "groups.create"
	OpGroupsDelete = "groups.delete"
	OpGroupsUpdate = "groups.update"
	// Deprecated: use OpGroupsCreate.
	OpCreate = OpGroupsCreate
	Other = 3
)
func (s *Server) create() { s.MarkApplied(OpCreate) }
func (s *Server) delete() { s.Server.MarkApplied("groups.delete") }
func (s *Server) update() { s.MarkApplied(OpGroupsUpdate) }
`)
	if p := appliedOpProblems(parse(t, sdk), fake); len(p) != 0 {
		t.Fatalf("problems: %q", p)
	}
}

func TestAppliedOpsDisagree(t *testing.T) {
	fake := parse(t, `package vendortest
const (
	OpGroupsCreate = "groups.creat"
	OpGroupsDelete = "groups.delete"
	OpGroupsGet    = "groups.get"
	OpGroupsOther  = "groups.other"
	name           = "x"
)
func (s *Server) create() { s.MarkApplied(OpGroupsCreate) }
func (s *Server) delete() { s.MarkApplied("groups.remove") }
func (s *Server) other()  { s.MarkApplied(name + "y") }
func (s *Server) again()  { s.MarkApplied(OpGroupsDelete) }
`)
	got := strings.Join(appliedOpProblems(parse(t, sdk), fake), "\n")
	for _, want := range []string{
		`OpGroupsCreate = "groups.creat" names no transport.Operation of the client package`,
		`MarkApplied("groups.remove"): no Op constant has this value`,
		`MarkApplied: argument is neither a string literal nor a constant's name`,
		`OpGroupsGet = "groups.get" is never passed to MarkApplied`,
		`OpGroupsOther = "groups.other" names no transport.Operation`, // other makes no Operation
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q; got:\n%s", want, got)
		}
	}
	if strings.Contains(got, "OpGroupsDelete") {
		t.Errorf("OpGroupsDelete is fine, yet reported:\n%s", got)
	}
}

func TestAppliedOpsNeedConstants(t *testing.T) {
	fake := parse(t, `package vendortest
func (s *Server) create() { s.MarkApplied("groups.create") }
`)
	got := strings.Join(appliedOpProblems(parse(t, sdk), fake), "\n")
	if !strings.Contains(got, "declares no Op constants") || !strings.Contains(got, `MarkApplied("groups.create"): no Op constant`) {
		t.Fatalf("got:\n%s", got)
	}
}
