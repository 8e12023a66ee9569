// Command reexport writes a vendor package's reexport.go: the names every
// grantkit-go vendor package offers alike (the shared client options, the
// retry policy, per-call options, the engine's request errors, the common
// sentinels and the module version), each an alias of or a thin wrapper
// around internal/transport, with doc comments in that vendor's words.
//
// It is run by go generate from a //go:generate line in the package's
// doc.go; TestGeneratedFilesAreCurrent fails when a reexport.go differs from
// what its line would write now.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	var p Params
	var out string
	fs := flags(&p, &out)
	fs.Parse(os.Args[1:]) // ExitOnError
	src, err := Generate(p)
	if err != nil {
		fmt.Fprintln(os.Stderr, "reexport:", err)
		os.Exit(2)
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "reexport:", err)
		os.Exit(1)
	}
}

// flags declares the command line into p and out.
func flags(p *Params, out *string) *flag.FlagSet {
	fs := flag.NewFlagSet("reexport", flag.ExitOnError)
	fs.StringVar(&p.Package, "pkg", "", "Go package name (required)")
	fs.StringVar(&p.Vendor, "vendor", "", "the vendor's name in prose, e.g. \"Articulate\" (required)")
	fs.StringVar(&p.Fake, "fake", "", "the fake's package name, e.g. reach360test (required)")
	fs.StringVar(&p.Base, "base", "", "what WithBaseURL replaces, e.g. https://api.reach360.com (required)")
	fs.StringVar(&p.BaseNote, "base-note", "", "an extra sentence for WithBaseURL")
	fs.StringVar(&p.Creates, "creates", "", "the operations that are not idempotent, in prose (required)")
	fs.StringVar(&p.Product, "product", "my-app/1.2", "the example product token for WithUserAgent")
	fs.StringVar(out, "o", "reexport.go", "output file")
	return fs
}
