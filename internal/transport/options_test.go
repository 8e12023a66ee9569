package transport_test

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// WithMaxRetries and WithRetry combine whatever their order: the count from
// WithMaxRetries, the waits from WithRetry.
func TestMaxRetriesAndRetryPolicyInEitherOrder(t *testing.T) {
	policy := transport.WithRetry[cfg](transport.RetryPolicy{MaxRetries: 9, MaxRetryAfter: 7 * time.Second})
	maxRetries := transport.WithMaxRetries[cfg](2)
	for name, opts := range map[string][]option{
		"max retries first": {maxRetries, policy},
		"policy first":      {policy, maxRetries},
	} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := newMock(t)
				rec := &recorder{script: []reply{{status: http.StatusServiceUnavailable, header: http.Header{"Retry-After": {"100"}}}}}
				mt.RegisterResponder(http.MethodGet, baseURL+"/things/1", rec.respond)
				c := newClient(t, mt, opts...)
				_, err := c.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
				assert.Error(t, err)
				assert.Equal(t, 3, rec.count(), "two retries, from WithMaxRetries")
				assert.Equal(t, []time.Duration{7 * time.Second, 7 * time.Second}, rec.waits(), "Retry-After capped by WithRetry's MaxRetryAfter")
			})
		})
	}
}
