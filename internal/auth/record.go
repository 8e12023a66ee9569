package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// recordFormat is the version of the record layout. A Client refuses a
// record of a newer format rather than misread it; a change that old
// Clients cannot read needs a new number.
const recordFormat = 1

// record is what a Cache keeps in its TokenStore. Every write increments
// Seq, and a claim carries a random ID, so no two writes produce the same
// bytes and CompareAndSwap on the bytes is a compare-and-swap on versions.
type record struct {
	Format int    `json:"format"`
	Seq    uint64 `json:"seq"`
	// Session is a hash of the credentials' identity (never a secret), so
	// a store shared by mistake between two sessions is noticed.
	Session string       `json:"session"`
	Token   *storedToken `json:"token,omitempty"`
	// RefreshAt is when the writer scheduled the token's refresh, so every
	// Client that adopts the token refreshes it on the same schedule.
	RefreshAt time.Time `json:"refresh_at,omitzero"`
	Claim     *claim    `json:"claim,omitempty"`
}

type storedToken struct {
	Value  string    `json:"value,omitempty"`
	Expiry time.Time `json:"expiry,omitzero"`
	Extra  string    `json:"extra,omitempty"`
}

// claim says a Client is refreshing the token, and until when the others
// should wait for it.
type claim struct {
	ID    string    `json:"id"`
	Until time.Time `json:"until"`
}

var errForeignSession = errors.New("it holds the session of other credentials (another vendor, user or OAuth client): give each set of credentials a store (key) of its own")

func sessionID(identity string) string {
	sum := sha256.Sum256([]byte("grantkit-session\x00" + identity))
	return hex.EncodeToString(sum[:12])
}

// decodeRecord reads a stored record; nil or empty bytes are no record.
func decodeRecord(raw []byte, session string) (record, error) {
	if len(raw) == 0 {
		return record{}, nil
	}
	var r record
	if err := json.Unmarshal(raw, &r); err != nil || r.Format == 0 {
		// The error text of encoding/json may quote the bytes, which
		// hold tokens: say what is wrong without them.
		return record{}, errors.New("it holds something that is not a grantkit session record")
	}
	if r.Format > recordFormat {
		return record{}, fmt.Errorf("its record has format %d, newer than this SDK's %d: upgrade every program that shares it", r.Format, recordFormat)
	}
	if r.Session != session {
		return record{}, errForeignSession
	}
	return r, nil
}

func (r record) encode() []byte {
	r.Format = recordFormat
	b, err := json.Marshal(r)
	if err != nil {
		// Strings and times always encode.
		panic(err)
	}
	return b
}

// token returns the stored token; ok is false when the record holds none.
func (r record) token() (Token, bool) {
	if r.Token == nil {
		return Token{}, false
	}
	return Token{Value: r.Token.Value, Expiry: r.Token.Expiry, Extra: r.Token.Extra}, true
}

func toStored(t Token) *storedToken {
	return &storedToken{Value: t.Value, Expiry: t.Expiry, Extra: t.Extra}
}

// claimedByOther reports whether a claim that is not mine holds at now.
func (r record) claimedByOther(mine string, now time.Time) bool {
	return r.Claim != nil && r.Claim.ID != mine && now.Before(r.Claim.Until)
}

func newClaimID() string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // never fails: crypto/rand panics rather than return an error
	return hex.EncodeToString(b[:])
}
