// Package transport is the one HTTP engine behind every grantkit-go vendor
// package. It builds requests, attaches credentials, sends them through
// go-retryablehttp with the project's retry policy, reads and size-caps
// responses, hands failures to the vendor's error decoder and decodes
// successes into typed results.
//
// Vendor packages describe their API as Operations and Requests and never
// touch net/http's client, retries, backoff or logging themselves.
package transport
