package main

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func noEnv(string) string { return "" }

func TestAllVendorsPassOnTheFakes(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), nil, noEnv, &out, &errOut); code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, &out, &errOut)
	}
	for _, w := range workflows {
		if !strings.Contains(out.String(), "✔ "+w.name+" ") {
			t.Errorf("no passing section for %s:\n%s", w.name, &out)
		}
	}
	for _, want := range []string{
		"https://app.alfaview.com/#/join/", // alfaview join links in the documented format
		"v2: created room ",
		`v2: guest "Quickstart guest" logged in by access key; token [REDACTED] until `,
		"iterated 26 groups over 3 pages of 10",
		"web key: https://",
		"created inactive group",
		"read back: scope Guest, codes Shared",
		"all 5 vendors passed",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, &out)
		}
	}
}

// With -faults every fake answers 429 + Retry-After, 503 and a cut
// connection; the run must still pass and the report must count retries.
func TestFaultsAreRiddenThrough(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for Retry-After: 1 on the real clock")
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"-faults", "-vendor", "reach360,alfaview"}, noEnv, &out, &errOut); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, &out, &errOut)
	}
	stats := regexp.MustCompile(`(\d+) HTTP requests, (\d+) retries, [^;]+; the fake injected (\d+) faults`).FindAllStringSubmatch(out.String(), -1)
	if len(stats) != 2 {
		t.Fatalf("want two stats lines:\n%s", &out)
	}
	// Three faults per fake: reach360 has one, alfaview two (v1 and v2).
	for i, fakes := range []int{1, 2} {
		m := stats[i]
		retries, _ := strconv.Atoi(m[2])
		faults, _ := strconv.Atoi(m[3])
		if faults != 3*fakes || retries < 2*fakes {
			t.Errorf("want %d faults ridden through by at least %d retries, got %s", 3*fakes, 2*fakes, m[0])
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-vendor", "zoom"}, `unknown vendor "zoom"`},
		{[]string{"-vendor", "reach360", "-live"}, "-live needs REACH360_API_KEY"},
		{[]string{"-live", "-faults"}, "cannot be combined"},
	} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), tc.args, noEnv, &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d, want 2", tc.args, code)
		}
		if !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, &errOut, tc.want)
		}
	}
}

// A workflow that fails makes the run exit 1 and says which vendor failed.
func TestFailureExitsNonZero(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"-vendor", "viviot"}, noEnv, &out, &errOut); code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, &out)
	}
	if !strings.Contains(out.String(), "✘ viviot") || !strings.Contains(out.String(), "context canceled") {
		t.Errorf("report does not show the failure:\n%s", &out)
	}
}
