package alfaviewtest

import (
	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
)

// Options returns the options that point an alfaview/v2 Client at this
// fake: its URL as the base URL and an HTTP client that reaches it (the
// only way in with InMemory).
//
//	c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
func (s *Server) Options() []alfaview.Option {
	return []alfaview.Option{alfaview.WithBaseURL(s.URL), alfaview.WithHTTPClient(s.Client())}
}

// APIKeyCredentials returns the API key the fake accepts: ClientID, Key and
// CompanyID.
func (s *Server) APIKeyCredentials() alfaview.APIKeyCredentials {
	return alfaview.APIKeyCredentials{ClientID: ClientID, Key: Key, CompanyID: CompanyID}
}

// PasswordCredentials returns the seeded user's login: Username and
// Password.
func (s *Server) PasswordCredentials() alfaview.PasswordCredentials {
	return alfaview.PasswordCredentials{Username: Username, Password: Password}
}
