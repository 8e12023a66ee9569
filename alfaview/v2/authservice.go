package alfaview

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/grantkit/grantkit-go/internal/redact"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// AuthService reads the access token's details and authenticates guests
// (the official SDK's AuthenticationApi; its API key and password logins
// are what NewClient's credentials do). Reach it as Client.Auth.
type AuthService struct{ c *Client }

// TokenInfo describes the access token the Client uses (model TokenInfo).
type TokenInfo struct {
	// Active says whether the token is still accepted.
	Active    bool      `json:"active"`
	ExpiresAt time.Time `json:"expiresAt"`
	// Permissions are the company permissions of the token's user.
	Permissions UserPermissions `json:"permissions"`
}

// AuthenticateGroupLinkParams authenticate a guest by a group link's access
// key (model AuthenticateGroupLinkRequestBody). All but ExternalID are
// required.
type AuthenticateGroupLinkParams struct {
	AccessKey string `json:"accessKey"`
	CompanyID string `json:"companyId"`
	// DisplayName is the guest's name in the room.
	DisplayName string `json:"displayName"`
	RoomID      string `json:"roomId"`
	// ExternalID, when set, derives a stable user id for the guest, so
	// that one person cannot be in the room twice at once; it must be
	// unique per person.
	ExternalID string `json:"externalId,omitempty"`
}

// AuthenticateGuestLinkParams authenticate a guest by a guest link's access
// key (model AuthenticateGuestLinkRequestBody). All but DisplayName are
// required.
type AuthenticateGuestLinkParams struct {
	AccessKey string `json:"accessKey"`
	CompanyID string `json:"companyId"`
	RoomID    string `json:"roomId"`
	// DisplayName, when set, replaces the name stored with the link.
	DisplayName string `json:"displayName,omitempty"`
}

// GuestAuthInfo is what a guest needs to join (models
// GroupLinkAuthenticationInfo and GuestLinkAuthenticationInfo, which have
// the same fields). AccessToken, ClientLaunchURL, ParticipantID and
// TokenExpiresAt are empty when the link is not valid yet or any more:
// compare ValidFrom and ValidUntil with the time.
type GuestAuthInfo struct {
	// AccessToken is the guest's token. It prints masked; string() it to
	// hand it on.
	AccessToken AccessToken `json:"accessToken"`
	// ClientLaunchURL starts the alfaview client for the guest. It holds
	// the guest's token, so it prints masked too; string() it to hand it
	// on.
	ClientLaunchURL LaunchURL `json:"clientLaunchUrl"`
	DisplayName     string    `json:"displayName"`
	// ParticipantID is the id of the group or guest link.
	ParticipantID  string    `json:"participantId"`
	TokenExpiresAt time.Time `json:"tokenExpiresAt,omitzero"`
	ValidFrom      time.Time `json:"validFrom"`
	ValidUntil     time.Time `json:"validUntil"`
}

// LaunchURL is a URL that starts the alfaview client, for a guest to join
// with. The SDK does not say what it holds; alfaview's support article on
// joining by group link builds it as
// alfaview://apis.alfaview.com:443?companyId=…&roomId=…&token=<accessToken>,
// so it is taken to carry the guest's access token (inferred). Its printed,
// logged and JSON forms mask every query value; string(u) is the URL.
type LaunchURL string

// String returns the URL with every query value masked.
func (u LaunchURL) String() string {
	p, err := url.Parse(string(u))
	if err != nil {
		return redact.String(string(u))
	}
	return redact.URLValue(p)
}

// GoString is the %#v form, masked like String.
func (u LaunchURL) GoString() string { return "alfaview.LaunchURL(" + strconv.Quote(u.String()) + ")" }

// Format prints String for every verb (GoString for %#v), so no verb shows
// the token.
func (u LaunchURL) Format(f fmt.State, verb rune) { redact.Format(f, verb, u.String(), u.GoString()) }

// LogValue is String, for slog.
func (u LaunchURL) LogValue() slog.Value { return slog.StringValue(u.String()) }

// MarshalJSON writes String; marshal string(u) to send the URL on.
func (u LaunchURL) MarshalJSON() ([]byte, error) { return json.Marshal(u.String()) }

var (
	opTokenInfo             = op("auth.tokenInfo", http.MethodGet)
	opAuthenticateGroupLink = &transport.Operation{Name: "auth.groupLink", Method: http.MethodPost, Idempotent: true}
	opAuthenticateGuestLink = &transport.Operation{Name: "auth.guestLink", Method: http.MethodPost, Idempotent: true}
)

// TokenInfo returns the details of the Client's access token, logging in
// first if it holds none. It is a cheap way to check credentials at
// start-up.
func (s *AuthService) TokenInfo(ctx context.Context, opts ...CallOption) (*TokenInfo, error) {
	return object[TokenInfo](ctx, s.c, &transport.Request{Op: opTokenInfo, Path: []string{"v2", "auth", "token-info"}}, opts)
}

// AuthenticateGroupLink authenticates a guest who holds a group link's
// access key. It sends none of the Client's credentials. An access key
// that exists answers even outside the link's validity; see GuestAuthInfo.
func (s *AuthService) AuthenticateGroupLink(ctx context.Context, p *AuthenticateGroupLinkParams, opts ...CallOption) (*GuestAuthInfo, error) {
	v := check(opAuthenticateGroupLink).Check(p != nil, "p", "must not be nil")
	if p != nil {
		v.NotEmpty("AccessKey", p.AccessKey).NotEmpty("CompanyID", p.CompanyID).
			NotEmpty("DisplayName", p.DisplayName).NotEmpty("RoomID", p.RoomID)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return object[GuestAuthInfo](ctx, s.c, &transport.Request{Op: opAuthenticateGroupLink,
		Path: []string{"v2", "auth", "group-link"}, Body: p, NoAuth: true, Secrets: []string{p.AccessKey}}, opts)
}

// AuthenticateGuestLink authenticates a guest who holds a guest link's
// access key. It sends none of the Client's credentials. An access key
// that exists answers even outside the link's validity; see GuestAuthInfo.
func (s *AuthService) AuthenticateGuestLink(ctx context.Context, p *AuthenticateGuestLinkParams, opts ...CallOption) (*GuestAuthInfo, error) {
	v := check(opAuthenticateGuestLink).Check(p != nil, "p", "must not be nil")
	if p != nil {
		v.NotEmpty("AccessKey", p.AccessKey).NotEmpty("CompanyID", p.CompanyID).NotEmpty("RoomID", p.RoomID)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return object[GuestAuthInfo](ctx, s.c, &transport.Request{Op: opAuthenticateGuestLink,
		Path: []string{"v2", "auth", "guest-link"}, Body: p, NoAuth: true, Secrets: []string{p.AccessKey}}, opts)
}
