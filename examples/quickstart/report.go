package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync/atomic"
	"time"
)

// attemptCounter is the slog.Handler given to every client with WithLogger.
// The SDK logs one Debug record per HTTP attempt with an "attempt" number,
// so counting records and attempts above 1 counts requests and retries. It
// passes records on to next (the -v handler) when there is one.
type attemptCounter struct {
	next   slog.Handler
	counts *counts
}

type counts struct{ requests, retries atomic.Int64 }

func newAttemptCounter(next slog.Handler) *attemptCounter {
	return &attemptCounter{next: next, counts: new(counts)}
}

func (h *attemptCounter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelDebug
}

func (h *attemptCounter) Handle(ctx context.Context, r slog.Record) error {
	h.counts.requests.Add(1)
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "attempt" && a.Value.Kind() == slog.KindInt64 && a.Value.Int64() > 1 {
			h.counts.retries.Add(1)
		}
		return true
	})
	if h.next != nil {
		return h.next.Handle(ctx, r)
	}
	return nil
}

func (h *attemptCounter) WithAttrs(attrs []slog.Attr) slog.Handler {
	if h.next == nil {
		return h
	}
	return &attemptCounter{next: h.next.WithAttrs(attrs), counts: h.counts}
}

func (h *attemptCounter) WithGroup(name string) slog.Handler {
	if h.next == nil {
		return h
	}
	return &attemptCounter{next: h.next.WithGroup(name), counts: h.counts}
}

func printSection(w io.Writer, color bool, vendor string, s *session, err error, elapsed time.Duration) {
	mark, paint := "✔", "\x1b[32m"
	if err != nil {
		mark, paint = "✘", "\x1b[31m"
	}
	title := fmt.Sprintf("%s %s", mark, vendor)
	if color {
		title = paint + title + "\x1b[0m"
	}
	fmt.Fprintf(w, "\n%s  %s\n", title, s.where)
	for _, l := range s.lines {
		fmt.Fprintf(w, "    %s\n", l)
	}
	stats := fmt.Sprintf("%d HTTP requests, %d retries, %s", s.counter.counts.requests.Load(), s.counter.counts.retries.Load(), elapsed.Round(time.Millisecond))
	if s.faultsServed != nil {
		stats += fmt.Sprintf("; the fake injected %d faults", s.faultsServed())
	}
	fmt.Fprintf(w, "    %s\n", stats)
	if err != nil {
		fmt.Fprintf(w, "    error: %v\n", err)
	}
}

// useColor paints the section titles on terminals, unless NO_COLOR is set.
func useColor(w io.Writer, getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
