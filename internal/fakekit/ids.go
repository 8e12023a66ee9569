package fakekit

import (
	"fmt"
	"math/rand/v2"
)

// IDs makes up the ids, keys and codes a fake hands out, from a generator
// seeded by name: a fake gives the same ones on every run, so a failing
// test reads the same when run again. It is not safe for concurrent use;
// a fake calls it under its own lock.
type IDs struct{ r *rand.Rand }

// NewIDs returns a generator seeded with the first 32 bytes of seed.
func NewIDs(seed string) *IDs {
	var s [32]byte
	copy(s[:], seed)
	return &IDs{r: rand.New(rand.NewChaCha8(s))}
}

// UUID returns a version 4 UUID.
func (g *IDs) UUID() string {
	var b [16]byte
	for i := range 2 {
		v := g.r.Uint64()
		for j := range 8 {
			b[i*8+j] = byte(v >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

const keyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// Key returns n ASCII letters and digits.
func (g *IDs) Key(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = keyAlphabet[g.r.IntN(len(keyAlphabet))]
	}
	return string(b)
}

// Digits returns n decimal digits.
func (g *IDs) Digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}
