package faultmatrix

import (
	"fmt"
	"strings"
	"testing"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/voltmx"
)

// A password written into a base URL's userinfo ("https://user:pw@host") is
// a credential like any other: NewClient's errors about the URL and the
// printed Client must not show it. Error strings and printouts end up in
// logs.
func TestBaseURLPasswordNeverShown(t *testing.T) {
	const pw = "hunter2-in-the-url"
	newClient := map[string]func(base string) (any, error){
		"reach360": func(base string) (any, error) {
			return reach360.NewClient("key", reach360.WithBaseURL(base))
		},
		"alfaview": func(base string) (any, error) {
			return alfaview.NewClient(alfaview.APIKeyCredentials{ClientID: "id", Secret: "s", CompanyID: "c"}, alfaview.WithBaseURL(base))
		},
		"shares": func(base string) (any, error) {
			return shares.NewClient(shares.BearerToken("token"), shares.WithBaseURL(base))
		},
		"voltmx": func(base string) (any, error) {
			return voltmx.NewClient(base, voltmx.BasicAuth{Username: "admin", Password: "p"})
		},
		"voltmx claims login": func(base string) (any, error) {
			return voltmx.NewClient("https://es.example.test", voltmx.ClaimsLogin{LoginURL: base, UserID: "admin", Password: "p"})
		},
		"viviot": func(base string) (any, error) {
			return viviot.NewClient(viviot.BearerToken("token"), viviot.WithBaseURL(base))
		},
	}
	for name, build := range newClient {
		t.Run(name, func(t *testing.T) {
			for _, base := range []string{
				"http://ops:" + pw + "@api.example.test",   // refused: plain http to a remote host
				"gopher://ops:" + pw + "@api.example.test", // refused: not http(s)
				"https://ops:" + pw + "@api.exa mple.test", // refused: does not parse
			} {
				_, err := build(base)
				if err == nil {
					t.Errorf("NewClient accepted %q", strings.ReplaceAll(base, pw, "…"))
					continue
				}
				if strings.Contains(err.Error(), pw) {
					t.Errorf("the error shows the URL's password: %v", err)
				}
			}
			c, err := build("https://ops:" + pw + "@api.example.test")
			if err != nil {
				if strings.Contains(err.Error(), pw) {
					t.Errorf("the error shows the URL's password: %v", err)
				}
				return
			}
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d"} {
				if out := fmt.Sprintf(verb, c); strings.Contains(out, pw) {
					t.Errorf("%s of the client shows the URL's password: %s", verb, out)
				}
			}
		})
	}
}
