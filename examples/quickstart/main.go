// Command quickstart walks one real workflow per vendor through grantkit-go's
// public API and prints a short report per vendor.
//
// With no flags it needs no credentials and no network: it starts the
// in-memory fakes (alfaviewtest for alfaview's JSON API v1 and REST API v2,
// reach360test, sharestest, voltmxtest, viviottest) and runs every workflow
// against them.
//
//	go run ./examples/quickstart                   # all five, on the fakes
//	go run ./examples/quickstart -faults           # the fakes answer 429, 503 and cut connections; watch the retries
//	go run ./examples/quickstart -vendor reach360 -live   # the real Reach 360 API, from REACH360_API_KEY
//	go run ./examples/quickstart -v                # every HTTP attempt, as the SDK logs it at Debug
//
// -live switches the chosen vendors to their real APIs, with the environment
// variables of each vendor's example program (listed by -h). Live runs create
// real objects and delete them again at the end.
//
// It exits non-zero if any step of any workflow fails.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// workflow is one vendor's walk through its API.
type workflow struct {
	name string
	// env lists the variables -live reads; the first ones are required.
	env      []string
	required int
	run      func(ctx context.Context, s *session) error
}

var workflows = []workflow{
	{name: "alfaview", env: []string{"ALFAVIEW_CLIENT_ID", "ALFAVIEW_SECRET", "ALFAVIEW_COMPANY_ID", "ALFAVIEW_ROOM_ID", "ALFAVIEW_KEY"}, required: 4, run: runAlfaview},
	{name: "reach360", env: []string{"REACH360_API_KEY", "REACH360_REGION"}, required: 1, run: runReach360},
	{name: "shares", env: []string{"BOLD_TOKEN", "BOLD_ORG_ID", "BOLD_DEVICE_ID", "BOLD_USER_ID"}, required: 4, run: runShares},
	{name: "voltmx", env: []string{"VOLTMX_URL", "VOLTMX_USER", "VOLTMX_PASSWORD", "VOLTMX_LOGIN_URL"}, required: 3, run: runVoltMX},
	{name: "viviot", env: []string{"VIVIOT_USER", "VIVIOT_PASSWORD", "VIVIOT_THINGS", "VIVIOT_URL"}, required: 3, run: runViviot},
}

// session is what a workflow gets: where to run, a logger that counts the
// SDK's attempts, and a place for its report lines and clean-up steps.
type session struct {
	live    bool
	faults  bool
	getenv  func(string) string
	logger  *slog.Logger
	counter *attemptCounter
	// faultsServed reports how many injected faults the fake answered with.
	faultsServed func() int

	mu      sync.Mutex
	where   string
	lines   []string
	cleanup []func(context.Context) error
}

func (s *session) printf(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lines = append(s.lines, fmt.Sprintf(format, args...))
}

// atEnd registers a clean-up step (closing a fake, deleting what a live run
// created); they run in reverse order after the workflow.
func (s *session) atEnd(f func(context.Context) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cleanup = append(s.cleanup, f)
}

func (s *session) closeFake(close func()) {
	s.atEnd(func(context.Context) error { close(); return nil })
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	fs.SetOutput(stderr)
	names := make([]string, len(workflows))
	for i, w := range workflows {
		names[i] = w.name
	}
	vendorFlag := fs.String("vendor", "all", "vendors to run, comma-separated: "+strings.Join(names, ", ")+", or all")
	live := fs.Bool("live", false, "use the real APIs of the chosen vendors instead of the fakes")
	faults := fs.Bool("faults", false, "make the fakes answer 429 with Retry-After, 503 and cut connections")
	verbose := fs.Bool("v", false, "log every HTTP attempt (method, path, status, attempt, duration) to stderr")
	timeout := fs.Duration("timeout", 60*time.Second, "give up after this long")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: quickstart [flags]\n\nFlags:\n")
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\nEnvironment for -live (required ones first):\n")
		for _, w := range workflows {
			fmt.Fprintf(stderr, "  %-9s %s (optional: %s)\n", w.name, strings.Join(w.env[:w.required], ", "), strings.Join(w.env[w.required:], ", "))
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	chosen, err := choose(*vendorFlag)
	if err != nil {
		fmt.Fprintln(stderr, "quickstart:", err)
		return 2
	}
	if *live && *faults {
		fmt.Fprintln(stderr, "quickstart: -faults injects faults into the fakes; it cannot be combined with -live")
		return 2
	}
	if *live {
		if missing := missingEnv(chosen, getenv); len(missing) > 0 {
			fmt.Fprintf(stderr, "quickstart: -live needs %s (see -h)\n", strings.Join(missing, ", "))
			return 2
		}
	}

	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	var debug slog.Handler
	if *verbose {
		debug = slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug})
	}

	sessions := make([]*session, len(chosen))
	errs := make([]error, len(chosen))
	elapsed := make([]time.Duration, len(chosen))
	var wg sync.WaitGroup
	for i, w := range chosen {
		counter := newAttemptCounter(debug)
		sessions[i] = &session{live: *live, faults: *faults, getenv: getenv, logger: slog.New(counter), counter: counter}
		wg.Go(func() {
			start := time.Now()
			errs[i] = runWorkflow(ctx, w, sessions[i])
			elapsed[i] = time.Since(start)
		})
	}
	wg.Wait()

	color := useColor(stdout, getenv)
	failed := 0
	for i, w := range chosen {
		if errs[i] != nil {
			failed++
		}
		printSection(stdout, color, w.name, sessions[i], errs[i], elapsed[i])
	}
	if failed > 0 {
		fmt.Fprintf(stdout, "\n%d of %d vendors failed\n", failed, len(chosen))
		return 1
	}
	fmt.Fprintf(stdout, "\nall %d vendors passed\n", len(chosen))
	return 0
}

// runWorkflow runs w and then its clean-up steps, which get their own short
// deadline so a workflow that ran out of time still deletes what it created.
func runWorkflow(ctx context.Context, w workflow, s *session) error {
	err := w.run(ctx, s)
	cleanCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	for i := len(s.cleanup) - 1; i >= 0; i-- {
		if cerr := s.cleanup[i](cleanCtx); cerr != nil {
			err = errors.Join(err, fmt.Errorf("clean up: %w", cerr))
		}
	}
	return err
}

func choose(flagValue string) ([]workflow, error) {
	if flagValue == "all" {
		return workflows, nil
	}
	var chosen []workflow
	for _, name := range strings.Split(flagValue, ",") {
		name = strings.TrimSpace(strings.ToLower(name))
		i := slices.IndexFunc(workflows, func(w workflow) bool { return w.name == name })
		if i < 0 {
			return nil, fmt.Errorf("unknown vendor %q in -vendor", name)
		}
		if !slices.ContainsFunc(chosen, func(w workflow) bool { return w.name == name }) {
			chosen = append(chosen, workflows[i])
		}
	}
	return chosen, nil
}

func missingEnv(chosen []workflow, getenv func(string) string) []string {
	var missing []string
	for _, w := range chosen {
		for _, v := range w.env[:w.required] {
			if getenv(v) == "" {
				missing = append(missing, v)
			}
		}
	}
	return missing
}
