package alfaviewtest_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

func ids(r resp) []string {
	var out []string
	for _, v := range r.list() {
		out = append(out, v.(map[string]any)["id"].(string))
	}
	return out
}

func TestGroupLinks(t *testing.T) {
	clock := alfaviewtest.NewManualClock(time.Date(2030, 3, 1, 8, 0, 0, 0, time.UTC))
	srv, c := newServer(t, alfaviewtest.WithClock(clock))
	room := c.room("Class")
	participant, moderator := srv.PermissionGroupID("Participant"), srv.PermissionGroupID("Moderator")

	r := c.want(http.StatusCreated, http.MethodPost, "/v2/rooms/"+room+"/group-links", `{"create":[`+
		`{"description":"students","dialInAllowed":false,"permissionGroupId":"`+participant+`"},`+
		`{"description":"teachers","dialInAllowed":true,"permissionGroupId":"`+moderator+`","validFrom":"2030-03-01T10:00:00+01:00","validUntil":null}]}`)
	created := ids(r)
	require.Len(t, created, 2)
	links := srv.GroupLinks(room)
	require.Len(t, links, 2)
	assert.Equal(t, created, []string{links[0].ID, links[1].ID}, "ids in request order")
	students, teachers := links[0], links[1]
	assert.Equal(t, alfaviewtest.GroupLink{ID: students.ID, RoomID: room, Description: "students", PermissionGroupID: participant,
		AccessKey: students.AccessKey, JoinLink: "https://app.alfaview.com/#/join/" + alfaviewtest.CompanyID + "/" + room + "/" + students.AccessKey + "/v2",
		CreatedAt: clock.Now(), CreatedBy: srv.UserID()}, students)
	assert.Regexp(t, `^[A-Za-z0-9]{32}$`, students.AccessKey)
	assert.Regexp(t, `^[0-9]{8}$`, teachers.DialInCode)
	assert.Equal(t, time.Date(2030, 3, 1, 9, 0, 0, 0, time.UTC), *teachers.ValidFrom, "stored in UTC")
	assert.Nil(t, teachers.ValidUntil)

	got := c.want(http.StatusOK, http.MethodGet, "/v2/group-links/"+students.ID, "").obj()
	assert.Equal(t, "", got["origin"], "origin is required in GroupLink, so it is sent empty")
	assert.NotContains(t, got, "validFrom")

	c.want(http.StatusNoContent, http.MethodPatch, "/v2/group-links/"+students.ID, `{"description":"pupils","dialInAllowed":true}`)
	c.want(http.StatusNoContent, http.MethodPatch, "/v2/group-links/"+teachers.ID, `{"dialInAllowed":false,"validFrom":null}`)
	links = srv.GroupLinks(room)
	assert.Equal(t, "pupils", links[0].Description)
	assert.Regexp(t, `^[0-9]{8}$`, links[0].DialInCode)
	assert.Equal(t, "", links[1].DialInCode, "no code without dial-in")
	assert.Equal(t, teachers.ValidFrom, links[1].ValidFrom, "null leaves a field as it is")
	c.want(http.StatusNoContent, http.MethodPatch, "/v2/group-links/"+students.ID, `{"description":"pupils"}`)
	assert.Equal(t, 2, srv.AppliedCount(alfaviewtest.OpGroupLinksUpdate))

	r = c.call(http.MethodPatch, "/v2/group-links/"+teachers.ID, `{"validUntil":"2030-03-01T08:00:00Z","permissionGroupId":"nope"}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity,
		detail("body.permissionGroupId", "unknown permission group"), detail("body.validUntil", "validUntil must be after validFrom"))
	assertProblem(t, c.call(http.MethodPatch, "/v2/group-links/nope", `{}`), http.StatusNotFound)
	assertProblem(t, c.call(http.MethodGet, "/v2/group-links/nope", ""), http.StatusNotFound)

	for _, tc := range []struct {
		body string
		want []map[string]any
	}{
		{`{"create":[]}`, []map[string]any{detail("body.create", "expected array length >= 1")}},
		{`{"origin":"x"}`, []map[string]any{detail("body", "expected required property create to be present")}},
		{`{"create":[{"description":"d","allowDialIn":true,"permissionGroupId":"` + participant + `","validUntil":"tomorrow"}]}`, []map[string]any{
			detail("body.create[0]", "expected required property dialInAllowed to be present"),
			detail("body.create[0].validUntil", "expected string to be RFC 3339 date-time"),
			detail("body.create[0].allowDialIn", "unexpected property")}},
		{`{"create":[{"description":"d","dialInAllowed":true,"permissionGroupId":"` + participant + `"},` +
			`{"description":"d","dialInAllowed":true,"permissionGroupId":"nope","validFrom":"2030-01-02T00:00:00Z","validUntil":"2030-01-01T00:00:00Z"}]}`,
			[]map[string]any{detail("body.create[1].permissionGroupId", "unknown permission group"),
				detail("body.create[1].validUntil", "validUntil must be after validFrom")}},
	} {
		assertProblem(t, withoutValues(c.call(http.MethodPost, "/v2/rooms/"+room+"/group-links", tc.body)), http.StatusUnprocessableEntity, tc.want...)
	}
	assert.Len(t, srv.GroupLinks(room), 2, "a create with one bad link makes none")
	assertProblem(t, c.call(http.MethodPost, "/v2/rooms/nope/group-links",
		`{"create":[{"description":"d","dialInAllowed":true,"permissionGroupId":"`+participant+`"}]}`), http.StatusNotFound)

	other := c.room("Other")
	assertProblem(t, c.call(http.MethodDelete, "/v2/rooms/"+other+"/group-links/"+students.ID, ""), http.StatusNotFound)
	c.want(http.StatusNoContent, http.MethodDelete, "/v2/rooms/"+room+"/group-links/"+students.ID, "")
	assertProblem(t, c.call(http.MethodDelete, "/v2/rooms/"+room+"/group-links/"+students.ID, ""), http.StatusNotFound)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpGroupLinksCreate))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpGroupLinksDelete))

	c.want(http.StatusNoContent, http.MethodDelete, "/v2/rooms/"+room, "")
	assert.Empty(t, srv.GroupLinks(""), "a room's links go with it")
}

func TestGuestLinks(t *testing.T) {
	srv, c := newServer(t)
	room := c.room("Class")
	participant := srv.PermissionGroupID("Participant")
	guest := func(email string) string {
		return `{"dialInAllowed":false,"displayName":"G","emailAddress":"` + email + `","locale":"en","permissionGroupId":"` + participant + `","sendEmail":true}`
	}
	r := c.want(http.StatusCreated, http.MethodPost, "/v2/rooms/"+room+"/guest-links",
		`{"create":[`+guest("a@example.com")+`,`+guest("b@example.com")+`],"origin":"crm","timezone":"America/New_York"}`)
	require.Len(t, ids(r), 2)
	links := srv.GuestLinks(room)
	assert.Equal(t, ids(r), []string{links[0].ID, links[1].ID})
	assert.Equal(t, "crm", links[0].Origin)
	assert.Equal(t, "https://app.alfaview.com/#/join/"+alfaviewtest.CompanyID+"/"+room+"/"+links[0].AccessKey+"/v2", links[0].JoinURL)

	r = c.call(http.MethodPost, "/v2/rooms/"+room+"/guest-links", `{"create":[`+guest("Ann <a@example.com>")+`,`+guest("nope")+`],"timezone":"Mars/Olympus"}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity,
		detail("body.create[0].emailAddress", "expected string to be RFC 5322 email (addr-spec only, no display name)"),
		detail("body.create[1].emailAddress", "expected string to be RFC 5322 email: mail: missing '@' or angle-addr"))
	r = c.call(http.MethodPost, "/v2/rooms/"+room+"/guest-links", `{"create":[`+guest("c@example.com")+`],"timezone":"Mars/Olympus"}`)
	assertProblem(t, r, http.StatusUnprocessableEntity, map[string]any{"location": "body.timezone", "message": "unknown time zone", "value": "Mars/Olympus"})
	for _, tz := range []string{"UTC", "Local", "Europe/Berlin"} {
		c.want(http.StatusCreated, http.MethodPost, "/v2/rooms/"+room+"/guest-links", `{"create":[`+guest("c@example.com")+`],"timezone":"`+tz+`"}`)
	}

	id := links[0].ID
	r = c.call(http.MethodPatch, "/v2/guest-links/"+id, `{"locale":"de"}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity,
		detail("body", "expected required property displayName to be present"),
		detail("body", "expected required property sendEmail to be present"))
	c.want(http.StatusNoContent, http.MethodPatch, "/v2/guest-links/"+id, `{"displayName":"Ann","sendEmail":false,"locale":"de","permissionGroupId":null}`)
	got := c.want(http.StatusOK, http.MethodGet, "/v2/guest-links/"+id, "").obj()
	assert.Equal(t, "Ann", got["displayName"])
	assert.Equal(t, "de", got["locale"])
	assert.Equal(t, participant, got["permissionGroupId"])
	assert.NotContains(t, got, "description", "guest links have no description")
	assertProblem(t, c.call(http.MethodGet, "/v2/guest-links/nope", ""), http.StatusNotFound)

	c.want(http.StatusNoContent, http.MethodDelete, "/v2/rooms/"+room+"/guest-links/"+id, "")
	assertProblem(t, c.call(http.MethodDelete, "/v2/rooms/"+room+"/guest-links/"+id, ""), http.StatusNotFound)
	assert.Equal(t, 4, srv.AppliedCount(alfaviewtest.OpGuestLinksCreate))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpGuestLinksUpdate))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpGuestLinksDelete))
}

func TestLinkPaging(t *testing.T) {
	srv, c := newServer(t)
	a, b := c.room("A"), c.room("B")
	participant := srv.PermissionGroupID("Participant")
	for i := range 130 {
		room := a
		if i%2 == 1 {
			room = b
		}
		srv.AddGroupLink(alfaviewtest.GroupLink{RoomID: room, Description: fmt.Sprint(i), PermissionGroupID: participant})
		srv.AddGuestLink(alfaviewtest.GuestLink{RoomID: room, DisplayName: fmt.Sprint(i), EmailAddress: "g@example.com",
			Locale: "en", PermissionGroupID: participant})
	}
	for _, kind := range []string{"group-links", "guest-links"} {
		walk := func(path, query string) []int {
			var pages []int
			token := ""
			for {
				q := query
				if token != "" {
					q += "&pageToken=" + url.QueryEscape(token)
				}
				r := c.want(http.StatusOK, http.MethodGet, path+"?"+q, "")
				pages = append(pages, len(r.obj()["data"].([]any)))
				next, has := r.obj()["nextPageToken"]
				if !has {
					return pages
				}
				token = next.(string)
			}
		}
		assert.Equal(t, []int{100, 30}, walk("/v2/"+kind, ""), "default limit 100 (lib/Api)")
		assert.Equal(t, []int{130}, walk("/v2/"+kind, "limit=500"))
		assert.Equal(t, []int{40, 25}, walk("/v2/rooms/"+a+"/"+kind, "limit=40"))

		r := c.want(http.StatusOK, http.MethodGet, "/v2/rooms/"+a+"/"+kind+"?limit=1", "")
		token := r.obj()["nextPageToken"].(string)
		for _, path := range []string{"/v2/" + kind, "/v2/rooms/" + b + "/" + kind} {
			assertProblem(t, withoutValues(c.call(http.MethodGet, path+"?pageToken="+url.QueryEscape(token), "")),
				http.StatusUnprocessableEntity, detail("query.pageToken", "invalid page token for this list and filter"))
		}
		assertProblem(t, c.call(http.MethodGet, "/v2/"+kind+"?limit=501", ""), http.StatusUnprocessableEntity,
			map[string]any{"location": "query.limit", "message": "expected number <= 500", "value": 501.0})
		// "Returns an empty array if the room does not exist" (docs/Api/GuestsApi.md).
		r = c.want(http.StatusOK, http.MethodGet, "/v2/rooms/nope/"+kind, "")
		assert.Equal(t, map[string]any{"data": []any{}}, r.obj())
		assert.False(t, strings.ContainsAny(token, "+/="), "tokens are URL-safe")
	}
}
