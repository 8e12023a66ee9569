// Command tokenstore-redis shares one Bold OAuth2 session between Clients
// through Redis, as replicas of a service would: Bold rotates the refresh
// token on every use, so Clients that each kept their own would spend it
// against each other, and the second refresh would fail with
// invalid_grant. With a Store on the same key they refresh once between
// them, and a Client started later refreshes nothing while the stored
// access token is valid.
//
// It runs against the fake API of package sharestest and a Redis server at
// REDIS_ADDR (default 127.0.0.1:6379), where it uses the key
// grantkit-example:bold-session and deletes it when done:
//
//	cd examples/tokenstore-redis && go run .
//
// This directory is a module of its own, so that the SDK does not depend
// on a Redis client; store.go is the whole TokenStore.
package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
)

func main() {
	addr := cmp.Or(os.Getenv("REDIS_ADDR"), "127.0.0.1:6379")
	if err := run(context.Background(), addr, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tokenstore-redis:", err)
		os.Exit(1)
	}
}

const key = "grantkit-example:bold-session"

func run(ctx context.Context, addr string, w io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	admin := redis.NewClient(&redis.Options{Addr: addr})
	defer admin.Close()
	if err := admin.Del(ctx, key).Err(); err != nil {
		return fmt.Errorf("redis at %s: %w (set REDIS_ADDR)", addr, err)
	}
	defer admin.Del(context.WithoutCancel(ctx), key)

	srv := sharestest.NewServer(nil)
	defer srv.Close()
	srv.AddDevice(srv.AddOrganization("Office").ID, "Front door")
	// The refresh token every replica is deployed with.
	grant := shares.OAuth2{
		ClientID:     sharestest.ClientID,
		ClientSecret: sharestest.ClientSecret,
		RefreshToken: srv.AddRefreshToken(),
		OnRefresh: func(_ context.Context, t shares.Token) error {
			fmt.Fprintf(w, "refreshed: the new refresh token is in Redis, and here for your own records (%s)\n", t)
			return nil
		},
	}

	// Three replicas, each with its own Redis connection and token cache,
	// as separate processes would have, all calling at once.
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for i := range 3 {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		defer rdb.Close()
		c, err := shares.NewClient(&grant, shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()),
			shares.WithTokenStore(New(rdb, key)))
		if err != nil {
			return err
		}
		wg.Go(func() {
			if _, err := c.Shares.List(ctx, nil); err != nil {
				errs <- fmt.Errorf("replica %d: %w", i+1, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		return err
	}
	fmt.Fprintf(w, "3 replicas listed shares with %d token refresh between them\n", srv.AuthCount())

	// A restart: a new Client, deployed with the same (now spent) refresh
	// token, finds the session in Redis.
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	c, err := shares.NewClient(&grant, shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()),
		shares.WithTokenStore(New(rdb, key)))
	if err != nil {
		return err
	}
	if _, err := c.Shares.List(ctx, nil); err != nil {
		return fmt.Errorf("restarted: %w", err)
	}
	fmt.Fprintf(w, "a restarted Client listed shares; token refreshes so far: %d\n", srv.AuthCount())
	return nil
}
