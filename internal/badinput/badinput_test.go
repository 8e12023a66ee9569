package badinput

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// suites are the vendors under test; the coverage guard below fails for a
// vendor package that has no suite here.
func suites() []vendorSuite {
	return []vendorSuite{alfaviewSuite(), alfaviewV2Suite(), reach360Suite(), sharesSuite(), voltmxSuite(), viviotSuite()}
}

// TestBadInput runs every row: the call fails with the vendor's
// ErrInvalidParams naming the field, without a panic, a request or a login.
func TestBadInput(t *testing.T) {
	for _, s := range suites() {
		t.Run(s.name(), func(t *testing.T) {
			t.Parallel()
			s.run(t)
		})
	}
}

// TestControl proves the fixtures can fail the zero-request assertions: a
// valid call through the same fixture reaches the fake, and logs in.
func TestControl(t *testing.T) {
	for _, s := range suites() {
		t.Run(s.name(), func(t *testing.T) {
			t.Parallel()
			s.runControl(t)
		})
	}
}

// TestDeliberatelyUnchecked runs the exemptions by class of input: each
// still reaches the fake, so none has become a check without a row.
func TestDeliberatelyUnchecked(t *testing.T) {
	for _, s := range suites() {
		t.Run(s.name(), func(t *testing.T) {
			t.Parallel()
			s.runUnchecked(t)
		})
	}
}

// exempt lists the public functions and methods that take parameters but
// have no row, each with the reason no input of theirs is invalid or why
// they cannot send a request. Keys are "<vendor>.<name as go/doc has it>".
var exempt = map[string]string{
	// Shared options whose every value is valid.
	"*.WithHTTPClient":     "any *http.Client is usable; nil selects the shared pooled client",
	"*.WithLogger":         "any *slog.Logger is usable; nil logs nothing",
	"*.WithTimeout":        "every duration is valid: d <= 0 documents 'no per-attempt bound'",
	"*.WithRequestTimeout": "every duration is valid: d <= 0 documents 'no per-attempt bound'",
	"*.WithRateLimit":      "every rate is valid: perSecond <= 0 documents 'no limit', a burst below 1 is 1",

	// Printing, not requests.
	"*.Client.Format":                      "fmt.Formatter: prints the client, sends nothing",
	"shares.SharesService.Format":          "fmt.Formatter: prints the service, sends nothing",
	"shares.DevicesService.Format":         "fmt.Formatter: prints the service, sends nothing",
	"viviot.AccessTemplatesService.Format": "fmt.Formatter: prints the service, sends nothing",
	"alfaview/v2.Ptr":                      "returns a pointer to its argument, for the update types' fields; sends nothing",
	"alfaview/v2.UsersService.List":        "a filter: an address no user has lists nobody, and nil lists everyone",
	"alfaview.FindPermissionGroup":         "searches a slice the caller holds; sends nothing, and no name is invalid",
	"alfaview.WithRequestID":               "a context helper; sends nothing, and an empty id is documented as ignored",
	"alfaview.WithOrigin":                  "any string is an origin alfaview can record; \"\" sends none",
	"alfaview.RoomsService.Destroy":        "deprecated; it only calls RoomsService.Delete, whose rows cover it",
	"*.WithPrefetch":                       "a bool: both values are valid",
	"shares.DateOf":                        "converts a time.Time; sends nothing",
	"shares.TimeOfDayOf":                   "converts a time.Time; sends nothing",
	"shares.WeekdayOf":                     "converts a time.Weekday; sends nothing",
	"shares.ParseDate":                     "a parser: reports bad text as its own error and sends nothing",
	"shares.ParseTimeOfDay":                "a parser: reports bad text as its own error and sends nothing",
	"voltmx.WithServerLocation":            "nil is valid and documented: dates with zone abbreviations keep a zero Time",
	"alfaview.WithTokenStore":              "every alfaview credential has a session to share, and nil keeps it in memory",
	"viviot.ParseGUID":                     "a parser: reports bad text as its own error and sends nothing",
	"viviot.MustParseGUID":                 "a parser for constants that panics by contract; sends nothing",
}

// TestEveryMethodHasRows is the coverage guard: every exported function of
// a vendor package, and every exported method of its Client and its
// services, that takes parameters (beyond a lone context) needs rows in the
// table or an entry in exempt. Rows and exemptions naming something the
// package does not have fail too, so the table cannot go stale.
func TestEveryMethodHasRows(t *testing.T) {
	have := map[string]bool{}
	for _, s := range suites() {
		have[s.name()] = true
		t.Run(s.name(), func(t *testing.T) {
			for i := range s.clientType().NumField() {
				f := s.clientType().Field(i)
				if f.IsExported() && !strings.HasSuffix(f.Type.String(), "Service") {
					t.Errorf("Client.%s is a %s: the guard finds services by their *Service type names", f.Name, f.Type)
				}
			}
			api := publicAPI(t, filepath.Join("..", "..", s.name()))
			covered := s.covered()
			for name, takesParams := range api {
				key := s.name() + "." + name
				reason, isExempt := exempt[key]
				if !isExempt {
					reason, isExempt = exempt["*."+name]
				}
				switch {
				case !takesParams && covered[name] > 0:
					t.Errorf("%s takes no parameters but has rows", key)
				case !takesParams:
				case covered[name] > 0 && isExempt:
					t.Errorf("%s has rows and is exempt (%s): drop one", key, reason)
				case covered[name] == 0 && !isExempt:
					t.Errorf("%s takes parameters but has no bad-input row: add rows (or an exemption with its reason)", key)
				}
			}
			for name := range covered {
				if _, ok := api[name]; !ok {
					t.Errorf("rows name %s.%s, which the package does not export", s.name(), name)
				}
			}
			for _, name := range s.uncheckedMethods() {
				if _, ok := api[name]; !ok {
					t.Errorf("unchecked inputs name %s.%s, which the package does not export", s.name(), name)
				}
			}
			for key := range exempt {
				vendor, name, _ := strings.Cut(key, ".")
				if vendor == s.name() {
					if _, ok := api[name]; !ok {
						t.Errorf("exempt names %s, which the package does not export", key)
					}
				}
			}
		})
	}
	entries, err := filepath.Glob(filepath.Join("..", "..", "*", "doc.go"))
	if err != nil {
		t.Fatal(err)
	}
	// A vendor API's later major version lives beside it (alfaview/v2).
	versions, _ := filepath.Glob(filepath.Join("..", "..", "*", "v[0-9]*", "doc.go"))
	for _, e := range append(entries, versions...) {
		vendor, _ := filepath.Rel(filepath.Join("..", ".."), filepath.Dir(e))
		vendor = filepath.ToSlash(vendor)
		if !have[vendor] {
			t.Errorf("vendor package %s has no bad-input suite", vendor)
		}
	}
	for key := range exempt {
		vendor, _, _ := strings.Cut(key, ".")
		if vendor != "*" && !have[vendor] {
			t.Errorf("exempt names %s, of no vendor under test", key)
		}
	}
}

// publicAPI returns the exported functions of the package in dir and the
// exported methods of its Client and *Service types, as go/doc names them
// ("NewClient", "WithLanguage", "LinksService.Delete", "Client.Format"),
// each with whether it takes parameters beyond a lone context.Context.
func publicAPI(t *testing.T, dir string) map[string]bool {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	pkgName := ""
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		if pkgName != "" && f.Name.Name != pkgName {
			t.Fatalf("%s holds packages %s and %s, want 1", dir, pkgName, f.Name.Name)
		}
		pkgName = f.Name.Name
		files = append(files, f)
	}
	slices.SortFunc(files, func(a, b *ast.File) int { return strings.Compare(fset.File(a.Pos()).Name(), fset.File(b.Pos()).Name()) })
	p, err := doc.NewFromFiles(fset, files, "github.com/grantkit/grantkit-go/"+filepath.Base(dir))
	if err != nil {
		t.Fatalf("go/doc %s: %v", dir, err)
	}
	api := map[string]bool{}
	addFuncs := func(prefix string, fs []*doc.Func) {
		for _, f := range fs {
			if ast.IsExported(f.Name) {
				api[prefix+f.Name] = takesParams(f.Decl.Type)
			}
		}
	}
	addFuncs("", p.Funcs)
	for _, typ := range p.Types {
		addFuncs("", typ.Funcs)
		if typ.Name == "Client" || strings.HasSuffix(typ.Name, "Service") {
			addFuncs(typ.Name+".", typ.Methods)
		}
	}
	return api
}

// takesParams reports whether ft has a parameter other than a lone
// context.Context and the trailing ...CallOption every I/O method takes
// (whose bad values have rows of their own, callOptionRows).
func takesParams(ft *ast.FuncType) bool {
	params := ft.Params.List
	if n := len(params); n > 0 {
		if ell, ok := params[n-1].Type.(*ast.Ellipsis); ok {
			if id, ok := ell.Elt.(*ast.Ident); ok && id.Name == "CallOption" {
				params = params[:n-1]
			}
		}
	}
	if len(params) == 0 {
		return false
	}
	var n int
	for _, f := range params {
		n += max(len(f.Names), 1)
	}
	if n != 1 {
		return n > 1
	}
	sel, ok := params[0].Type.(*ast.SelectorExpr)
	if !ok {
		return true
	}
	pkg, ok := sel.X.(*ast.Ident)
	return !ok || pkg.Name != "context" || sel.Sel.Name != "Context"
}
