// Command reexport writes a vendor package's reexport.go: the names every
// grantkit-go vendor package offers alike (the shared client options, the
// retry policy, per-call options, the engine's request errors, the common
// sentinels and the module version), each an alias of or a thin wrapper
// around internal/transport, with doc comments in that vendor's words.
//
// With -kit it writes a fake's kit.go instead (go doc of a <vendor>test
// package then lists every method a test calls on its Server): the aliases
// of internal/fakekit's names, Options, and one method per exported method
// of *fakekit.Server, forwarding to the fake's Server field with fakekit's
// doc comment.
//
// It is run by go generate from a //go:generate line in the package's
// doc.go (a fake's server.go); TestGeneratedFilesAreCurrent fails when a
// generated file differs from what its line would write now.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	var c command
	fs := flags(&c)
	fs.Parse(os.Args[1:]) // ExitOnError
	src, err := c.generate(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "reexport:", err)
		os.Exit(2)
	}
	if err := os.WriteFile(c.out(), src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "reexport:", err)
		os.Exit(1)
	}
}

// command is one run's command line.
type command struct {
	Params
	SDK    string // -sdk, for -kit
	IsKit  bool
	Output string
}

// generate returns the file the command line asks for; dir is where go
// generate runs it, the package's directory.
func (c *command) generate(dir string) ([]byte, error) {
	if !c.IsKit {
		return Generate(c.Params)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	root, err := findRoot(abs)
	if err != nil {
		return nil, err
	}
	return GenerateKit(KitParams{Package: c.Package, SDK: c.SDK}, root)
}

// out is the file to write: -o, else reexport.go (kit.go with -kit).
func (c *command) out() string {
	switch {
	case c.Output != "":
		return c.Output
	case c.IsKit:
		return "kit.go"
	}
	return "reexport.go"
}

// flags declares the command line into c.
func flags(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet("reexport", flag.ExitOnError)
	fs.StringVar(&c.Package, "pkg", "", "Go package name (required)")
	fs.StringVar(&c.Vendor, "vendor", "", "the vendor's name in prose, e.g. \"Articulate\" (required)")
	fs.StringVar(&c.Fake, "fake", "", "the fake's package name, e.g. reach360test (required)")
	fs.StringVar(&c.Base, "base", "", "what WithBaseURL replaces, e.g. https://api.reach360.com (required)")
	fs.StringVar(&c.BaseNote, "base-note", "", "an extra sentence for WithBaseURL")
	fs.StringVar(&c.Creates, "creates", "", "the operations that are not idempotent, in prose (required)")
	fs.StringVar(&c.Product, "product", "my-app/1.2", "the example product token for WithUserAgent")
	fs.StringVar(&c.Session, "session", "", "what a TokenStore shares, e.g. \"access token\"; turns on the TokenStore block")
	fs.StringVar(&c.Login, "login", "", "with -session: the verb that opens a session, e.g. \"authenticate\"")
	fs.StringVar(&c.StoreSees, "store-sees", "", "with -session: what the store holds and never holds")
	fs.StringVar(&c.StoreNote, "store-note", "", "with -session: a vendor's reason to share a session")
	fs.StringVar(&c.StoreRefuses, "store-refuses", "", "with -session: the credentials NewClient refuses WithTokenStore with")
	fs.BoolVar(&c.StoreFails, "store-fails", false, "with -session: a failing store fails calls instead of falling back")
	fs.BoolVar(&c.Prefetch, "prefetch", false, "the package has paged lists: adds WithPrefetch, which sets config.prefetch")
	fs.BoolVar(&c.IsKit, "kit", false, "write a fake's kit.go instead; needs only -pkg and -sdk")
	fs.StringVar(&c.SDK, "sdk", "", "with -kit: the client package's directory in the module, e.g. reach360 or alfaview/v2")
	fs.StringVar(&c.Output, "o", "", "output file (default reexport.go, or kit.go with -kit)")
	return fs
}
