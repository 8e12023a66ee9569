package readme_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var (
	goBlock = regexp.MustCompile("(?s)```go\n(.*?)```")
	region  = regexp.MustCompile(`(?s)// README:begin (\w+)\n(.*?)\n// README:end`)
)

// TestREADMESnippets keeps README.md honest: every Go block in it is a
// region of this package's code (so it compiles and, through the Examples,
// runs against the fakes), and every region is shown in the README.
func TestREADMESnippets(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	regions := map[string]string{}
	for _, f := range []string{"snippets_test.go", "examples_test.go"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range region.FindAllStringSubmatch(string(src), -1) {
			regions[m[1]] = strings.TrimSpace(m[2])
		}
	}
	if len(regions) < 8 {
		t.Fatalf("found %d README regions, want at least 8", len(regions))
	}
	shown := map[string]bool{}
	for _, m := range goBlock.FindAllStringSubmatch(string(readme), -1) {
		block := strings.TrimSpace(m[1])
		name := ""
		for n, code := range regions {
			if code == block {
				name = n
			}
		}
		if name == "" {
			t.Errorf("README block is not a region of internal/readme (copy it from there):\n%s", block)
			continue
		}
		shown[name] = true
	}
	for n := range regions {
		if !shown[n] {
			t.Errorf("region %q is not shown in README.md", n)
		}
	}
}
