package alfaviewtest

import (
	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
)

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
