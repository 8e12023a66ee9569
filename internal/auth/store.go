package auth

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"time"
)

// TokenStore keeps one session token where every Client configured with it
// finds it: Clients in this process, in other processes (replicas), and in
// the next run of the program. Through it they share one token instead of
// each logging in, and agree on which of them refreshes it, so that a
// refresh token the vendor rotates (Bold) is spent exactly once.
//
// The Client stores one record: a small JSON document, opaque to the store,
// holding the token, when it should be refreshed, and which Client (if any)
// is refreshing it right now. A store holds the session of one set of
// credentials; give each its own (its own key in a shared database). A
// Client refuses, with ErrTokenStore, a record written for other
// credentials (another vendor, user or OAuth client).
//
// An implementation must guarantee:
//
//   - Load returns the bytes of the last CompareAndSwap that returned true,
//     unchanged, or nil when nothing is stored. It never returns bytes older
//     than those of a CompareAndSwap that has already returned true, in any
//     process.
//   - CompareAndSwap stores new and returns true if the stored bytes equal
//     old at that moment (old empty: if nothing is stored), and otherwise
//     changes nothing and returns false. Comparing and writing are one
//     atomic step for every process that uses the store: of several calls
//     with the same old, at most one returns true. An error may leave the
//     write done or not; the Client copes with both.
//   - What it stores stays until it is replaced: no expiry, no eviction.
//     For Bold the record holds the only refresh token that still works.
//   - Both methods return promptly once ctx is done. The Client gives each
//     call at most StoreTimeout.
//   - It is safe for concurrent use.
//
// That is all. In Redis it is a GET and a Lua script of GET, compare, SET
// (see examples/tokenstore-redis); in SQL an UPDATE … WHERE value = old.
// The Client builds everything else on top of it: the record carries a
// claim ("this Client is refreshing, until T"), made and released with
// CompareAndSwap, so one Client refreshes while the others wait for its
// record or, if their own token is still valid, keep using it; a claim
// lapses ClaimTTL after it was made, so a Client that crashed mid-refresh
// (or whose store failed as it released its claim) delays the others by at
// most that. Claims are judged by each host's
// clock: hosts that share a store should keep their clocks within seconds
// of each other (NTP), as the vendors' token expiries already require.
//
// What the store sees: the access token, its expiry, and the state a refresh
// needs — Bold's refresh token, a Viviot session cookie or JWT, a Volt MX
// access secret. Never a password, API key or client secret. Protect it as
// you would those tokens (access control, TLS, encryption at rest), and
// never log what it holds.
//
// When the store fails (an error, or no answer within StoreTimeout), a
// Client never loses a token it fetched: it keeps it in memory, and a
// rotated refresh token has already been handed to the vendor's callback
// (shares.OAuth2.OnRefresh). While the token it holds is valid the Client
// keeps using it. When it needs a new one, a Client whose vendor rotates
// refresh tokens (shares) fails the call with an error wrapping
// ErrTokenStore, because a refresh outside the store would fork the
// rotation chain between replicas; the others (alfaview, Volt MX, Viviot)
// log in on their own, as without a store, and share again once the store
// answers. A rotated refresh token the store did not take stays in the
// Client's memory: its next refresh starts from it (never from the spent
// one stored), and its next call once the store answers writes it there.
type TokenStore interface {
	// Load returns the stored record, or nil if there is none.
	Load(ctx context.Context) ([]byte, error)
	// CompareAndSwap replaces the record old (nil: none) with new, and
	// reports whether it did.
	CompareAndSwap(ctx context.Context, old, new []byte) (swapped bool, err error)
}

// ErrTokenStore is wrapped by the errors a Client returns when its
// TokenStore failed, did not answer in time, or holds a record it cannot
// use.
var ErrTokenStore = errors.New("token store")

const (
	// StoreTimeout bounds each call to a TokenStore.
	StoreTimeout = 5 * time.Second
	// ClaimTTL is how long a Client's claim to refresh the stored token
	// holds others off. It outlasts any refresh (shares gives one a
	// minute), so a claim lapses only when its holder died or could not
	// release it.
	ClaimTTL = 2 * time.Minute
)

// MemoryStore is a TokenStore in this process's memory: Clients given the
// same MemoryStore share one session. Each Cache without a store of its own
// uses one. The zero value is ready to use.
type MemoryStore struct {
	mu   sync.Mutex
	data []byte
}

// Load returns a copy of the stored record.
func (s *MemoryStore) Load(ctx context.Context) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return bytes.Clone(s.data), nil
}

// CompareAndSwap stores a copy of new if the record is old.
func (s *MemoryStore) CompareAndSwap(ctx context.Context, old, new []byte) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !bytes.Equal(s.data, old) {
		return false, nil
	}
	s.data = bytes.Clone(new)
	return true, nil
}
