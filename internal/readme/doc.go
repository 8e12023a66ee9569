// Package readme holds, as compiled and tested code, every Go snippet of the
// repository's README.md. The snippets live in snippets_test.go between
// "README:begin <name>" and "README:end" markers; TestREADMESnippets fails
// when the README and the code drift apart, and each snippet runs as a
// testable Example against the fakes.
package readme
