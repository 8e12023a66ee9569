package auth_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// A vendor Client holds the engine behind an unexported pointer. fmt calls no
// methods there, and a bad verb prints the pointee's fields, so the
// credential must sit one more pointer away.
func TestEngineHoldingStaticAuthPrintsNoSecret(t *testing.T) {
	const secret = "sekrit-static-token"
	cache := auth.NewCache(func(context.Context) (auth.Token, error) {
		return auth.Token{Value: secret, Extra: secret}, nil
	}, 0, nil)
	if _, err := cache.Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	for name, a := range map[string]transport.Auth{
		"session": &auth.Session{Cache: cache},
		"bearer":  auth.Bearer(secret),
		"basic":   auth.Basic("user", secret),
		"header":  auth.Header("X-Api-Key", secret),
	} {
		c, err := transport.New(transport.Config{Vendor: "v", DefaultBaseURL: "https://example.com", Auth: a})
		if err != nil {
			t.Fatal(err)
		}
		type vendorClient struct{ t *transport.Client }
		held := vendorClient{t: c}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x", "%q"} {
			for _, v := range []any{held, &held, struct{ c vendorClient }{held}, c, *c, a, cache} {
				out := fmt.Sprintf(verb, v)
				if strings.Contains(out, secret) || strings.Contains(out, "c2Vrcml0") || strings.Contains(out, "dXNlcjpzZWtyaXQ") {
					t.Errorf("%s: %s of %T prints the credential: %s", name, verb, v, out)
				}
			}
		}
	}
}
