package reach360test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/reach360"
)

// The JSON the fake sends is spelled out here, from the vendor's
// documentation, rather than borrowed from the reach360 types: a wrong tag
// in the client must not be mirrored by the fake.

type groupJSON struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	URL          string `json:"url"`
	MembersURL   string `json:"membersUrl"`
	ReportersURL string `json:"reportersUrl"`
	ManagersURL  string `json:"managersUrl"`
}

type userJSON struct {
	ID                 string  `json:"id"`
	Email              string  `json:"email"`
	GroupsURL          string  `json:"groupsUrl"`
	ManagingGroupsURL  *string `json:"managingGroupsUrl"`
	ReportingGroupsURL *string `json:"reportingGroupsUrl"`
	Role               string  `json:"role"`
	FirstName          string  `json:"firstName"`
	LastName           string  `json:"lastName"`
	LastActiveAt       *string `json:"lastActiveAt"`
	LearnerReportURL   string  `json:"learnerReportUrl"`
	FavoritesURL       string  `json:"favoritesUrl"`
	URL                string  `json:"url"`
	Articulate360User  bool    `json:"articulate360User"`
}

type groupsPage struct {
	Groups  []groupJSON `json:"groups"`
	NextURL *string     `json:"nextUrl"`
}

type usersPage struct {
	Users   []userJSON `json:"users"`
	NextURL *string    `json:"nextUrl"`
}

type errorJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// lastActiveLayout is how the API writes times: UTC with milliseconds.
const lastActiveLayout = "2006-01-02T15:04:05.000Z"

func (s *Server) groupJSON(g *group) groupJSON {
	u := s.URL + "/groups/" + url.PathEscape(g.ID)
	return groupJSON{ID: g.ID, Name: g.Name, URL: u,
		MembersURL: u + "/users", ReportersURL: u + "/reporters", ManagersURL: u + "/managers"}
}

func (s *Server) userJSON(u *user) userJSON {
	self := s.URL + "/users/" + url.PathEscape(u.ID)
	j := userJSON{ID: u.ID, Email: u.Email, Role: u.Role, FirstName: u.FirstName, LastName: u.LastName,
		URL: self, GroupsURL: self + "/groups", FavoritesURL: self + "/favorites",
		LearnerReportURL:  s.URL + "/reports/learners/" + url.PathEscape(u.ID),
		Articulate360User: u.Articulate360User}
	if !u.LastActiveAt.IsZero() {
		t := u.LastActiveAt.UTC().Format(lastActiveLayout)
		j.LastActiveAt = &t
	}
	// The Reporters article's user objects: a reporter has a
	// reportingGroupsUrl and a null managingGroupsUrl; a manager the
	// reverse [inferred]; everyone else null for both.
	switch u.Role {
	case reach360.RoleReporter:
		link := self + "/reporting-groups"
		j.ReportingGroupsURL = &link
	case reach360.RoleManager:
		link := self + "/managing-groups"
		j.ManagingGroupsURL = &link
	}
	return j
}

func (g groupJSON) public() reach360.Group {
	return reach360.Group{ID: g.ID, Name: g.Name, URL: g.URL, MembersURL: g.MembersURL,
		ReportersURL: g.ReportersURL, ManagersURL: g.ManagersURL}
}

func (j userJSON) public() reach360.User {
	u := reach360.User{ID: j.ID, Email: j.Email, FirstName: j.FirstName, LastName: j.LastName, Role: j.Role,
		URL: j.URL, GroupsURL: j.GroupsURL, LearnerReportURL: j.LearnerReportURL, FavoritesURL: j.FavoritesURL,
		Articulate360User: j.Articulate360User}
	if j.LastActiveAt != nil {
		u.LastActiveAtRaw = *j.LastActiveAt
		u.LastActiveAt, _ = time.Parse(time.RFC3339Nano, *j.LastActiveAt)
	}
	if j.ReportingGroupsURL != nil {
		u.ReportingGroupsURL = *j.ReportingGroupsURL
	}
	if j.ManagingGroupsURL != nil {
		u.ManagingGroupsURL = *j.ManagingGroupsURL
	}
	return u
}

func writeError(w http.ResponseWriter, e *apiError) {
	fakekit.WriteJSON(w, e.Status, errorJSON{Code: e.Code, Message: e.Message})
}

// listQuery is a list request's page: where it starts, its size and its
// filter value.
type listQuery struct {
	from   int64
	limit  int
	filter string
}

const (
	defaultLimit = 50
	maxLimit     = 100
)

// parseList reads a list request. A first page has limit and the filter
// parameter; later pages have only the cursor from nextUrl, which carries
// all of it, so a client that re-adds parameters to a nextUrl instead of
// following it as sent gets 400.
func parseList(r *http.Request, filterParam string) (listQuery, *apiError) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return listQuery{}, badRequest("malformed query string")
	}
	if c, ok := q["cursor"]; ok {
		if len(q) > 1 {
			return listQuery{}, badRequest("cursor cannot be combined with other parameters: follow nextUrl as sent")
		}
		lq, ok := decodeCursor(c[0])
		if !ok {
			return listQuery{}, badRequest("invalid cursor")
		}
		return lq, nil
	}
	lq := listQuery{limit: defaultLimit, filter: q.Get(filterParam)}
	if v, ok := q["limit"]; ok {
		n, err := strconv.Atoi(v[0])
		if err != nil || n < 1 || n > maxLimit {
			return listQuery{}, badRequest("limit must be an integer between 1 and %d", maxLimit)
		}
		lq.limit = n
	}
	return lq, nil
}

// The cursor is opaque to clients: base64url of "from.limit". Filtered
// lists match at most one entry, so a cursor never needs a filter.
func encodeCursor(lq listQuery) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d.%d", lq.from, lq.limit))
}

func decodeCursor(c string) (listQuery, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return listQuery{}, false
	}
	fromText, limitText, ok := strings.Cut(string(raw), ".")
	from, err1 := strconv.ParseInt(fromText, 10, 64)
	limit, err2 := strconv.Atoi(limitText)
	if !ok || err1 != nil || err2 != nil || from < 0 || limit < 1 || limit > maxLimit {
		return listQuery{}, false
	}
	return listQuery{from: from, limit: limit}, true
}

// nextURL is the absolute link to the page starting at next (0: none),
// on the fake's own URL and the request's path.
func (s *Server) nextURL(r *http.Request, lq listQuery, next int64) *string {
	if next == 0 {
		return nil
	}
	lq.from = next
	u := s.URL + r.URL.EscapedPath() + "?cursor=" + encodeCursor(lq)
	return &u
}
