package main

import (
	"context"
	"errors"

	"github.com/redis/go-redis/v9"
)

// Store is a grantkit-go TokenStore (shares.TokenStore, voltmx.TokenStore,
// viviot.TokenStore, alfaview.TokenStore: one interface) kept in one Redis
// key. Every Client given a Store on the same key, in any process, shares
// that session. Copy this file into your program; it is all a store needs.
//
// The key holds tokens (for Bold, the only refresh token that still works):
// run Redis with persistence (appendonly yes) and a maxmemory-policy that
// never evicts the key (noeviction, or volatile-* with no TTL on it), and
// restrict who may read it (ACL, TLS). Redis replication is asynchronous: a
// failover may lose the last write, and with it a rotated refresh token
// (OnRefresh still has it), so point Store at the primary of a setup you
// trust with it.
type Store struct {
	rdb redis.UniversalClient
	key string
}

// New returns a Store of the session in key.
func New(rdb redis.UniversalClient, key string) *Store {
	return &Store{rdb: rdb, key: key}
}

// Load returns the stored record, or nil if the key does not exist.
func (s *Store) Load(ctx context.Context) ([]byte, error) {
	b, err := s.rdb.Get(ctx, s.key).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	return b, err
}

// compareAndSwap runs in Redis as one atomic step: no other command runs
// between its GET and its SET. An absent key compares equal to "", which
// the SDK never stores.
var compareAndSwap = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur == false then cur = '' end
if cur ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`)

// CompareAndSwap stores new if the key holds old (old nil: if the key does
// not exist), and reports whether it did.
func (s *Store) CompareAndSwap(ctx context.Context, old, new []byte) (bool, error) {
	n, err := compareAndSwap.Run(ctx, s.rdb, []string{s.key}, old, new).Int()
	return n == 1, err
}
