// Package fakecheck holds the checks every fake's own tests run alike.
package fakecheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// AppliedOps fails t unless the fake in fakeDir, its Op constants and the
// client package in sdkDir agree on operation names: every exported Op…
// string constant of the fake is the Name of a transport.Operation of the
// client, every argument the fake passes to MarkApplied is the value of an
// Op constant, and every Op constant's value is passed to MarkApplied
// somewhere. So AppliedCount(OpX) counts what the client's operation X
// applied, and no write is counted under a name a test cannot spell.
func AppliedOps(t testing.TB, sdkDir, fakeDir string) {
	t.Helper()
	fake, err := parseDir(fakeDir)
	if err != nil {
		t.Fatal(err)
	}
	sdk, err := parseDir(sdkDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range appliedOpProblems(sdk, fake) {
		t.Error(p)
	}
}

// pkg is the parsed non-test files of one directory.
type pkg struct {
	Fset  *token.FileSet
	Files []*ast.File
}

func parseDir(dir string) (*pkg, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	p := &pkg{Fset: token.NewFileSet()}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(p.Fset, name, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if ast.IsGenerated(f) {
			continue // kit.go's MarkApplied only passes op on
		}
		p.Files = append(p.Files, f)
	}
	if len(p.Files) == 0 {
		return nil, fmt.Errorf("%s: no Go files", dir)
	}
	return p, nil
}

// appliedOpProblems returns what AppliedOps reports, sorted.
func appliedOpProblems(sdk, fake *pkg) []string {
	var problems []string
	ops := operationNames(sdk)
	consts := stringConsts(fake)

	opConsts := map[string]string{} // Op constant → value
	for name := range consts {
		if isOpConst(name) {
			v, err := consts.eval(name)
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
			opConsts[name] = v
			if !ops[v] {
				problems = append(problems, fmt.Sprintf("%s = %q names no transport.Operation of the client package", name, v))
			}
		}
	}
	named := map[string]bool{}
	for _, v := range opConsts {
		named[v] = true
	}

	marked := map[string]bool{}
	for _, f := range fake.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "MarkApplied" || len(call.Args) != 1 {
				return true
			}
			pos := fake.Fset.Position(call.Pos())
			v, err := consts.value(call.Args[0])
			switch {
			case err != nil:
				problems = append(problems, fmt.Sprintf("%s: MarkApplied: %v", pos, err))
			case !named[v]:
				problems = append(problems, fmt.Sprintf("%s: MarkApplied(%q): no Op constant has this value", pos, v))
			default:
				marked[v] = true
			}
			return true
		})
	}
	for name, v := range opConsts {
		if ops[v] && !marked[v] {
			problems = append(problems, fmt.Sprintf("%s = %q is never passed to MarkApplied", name, v))
		}
	}
	if len(opConsts) == 0 {
		problems = append(problems, "the fake declares no Op constants")
	}
	sort.Strings(problems)
	return problems
}

// isOpConst reports whether name is an exported operation constant: Op
// followed by an upper-case letter.
func isOpConst(name string) bool {
	rest, ok := strings.CutPrefix(name, "Op")
	return ok && rest != "" && unicode.IsUpper([]rune(rest)[0])
}

// operationNames collects the Name of every transport.Operation literal
// and the first argument of every call, with a string literal, of a
// package function that returns an Operation (alfaview/v2 declares
// op("rooms.get", …)).
func operationNames(p *pkg) map[string]bool {
	makers := map[string]bool{}
	for _, f := range p.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && returnsOperation(fd.Type) {
				makers[fd.Name.Name] = true
			}
		}
	}
	names := map[string]bool{}
	add := func(e ast.Expr) {
		if s, ok := e.(*ast.BasicLit); ok && s.Kind == token.STRING {
			if v, err := strconv.Unquote(s.Value); err == nil {
				names[v] = true
			}
		}
	}
	for _, f := range p.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CompositeLit:
				if isOperation(x.Type) {
					for _, e := range x.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok {
							if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Name" {
								add(kv.Value)
							}
						}
					}
				}
			case *ast.CallExpr:
				if id, ok := x.Fun.(*ast.Ident); ok && makers[id.Name] && len(x.Args) > 0 {
					add(x.Args[0])
				}
			}
			return true
		})
	}
	return names
}

// isOperation reports whether e is transport.Operation or a pointer to it.
func isOperation(e ast.Expr) bool {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Operation" {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && x.Name == "transport"
}

func returnsOperation(ft *ast.FuncType) bool {
	return ft.Results != nil && len(ft.Results.List) == 1 && isOperation(ft.Results.List[0].Type)
}

// constants maps a package's top-level constant names to their values'
// expressions.
type constants map[string]ast.Expr

func stringConsts(p *pkg) constants {
	c := constants{}
	for _, f := range p.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						c[n.Name] = vs.Values[i]
					}
				}
			}
		}
	}
	return c
}

func (c constants) eval(name string) (string, error) {
	e, ok := c[name]
	if !ok {
		return "", fmt.Errorf("%s is not a constant of the fake", name)
	}
	return c.value(e)
}

// value evaluates e, a string literal or the name of a constant whose
// value is one (through any chain of names).
func (c constants) value(e ast.Expr) (string, error) {
	for range len(c) + 1 {
		switch x := e.(type) {
		case *ast.BasicLit:
			if x.Kind != token.STRING {
				return "", fmt.Errorf("%s is not a string", x.Value)
			}
			return strconv.Unquote(x.Value)
		case *ast.Ident:
			next, ok := c[x.Name]
			if !ok {
				return "", fmt.Errorf("%s is not a constant of the fake", x.Name)
			}
			e = next
		default:
			return "", fmt.Errorf("argument is neither a string literal nor a constant's name")
		}
	}
	return "", fmt.Errorf("constants refer to each other in a cycle")
}
