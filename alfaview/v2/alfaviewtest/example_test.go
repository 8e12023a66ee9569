package alfaviewtest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

// The fake speaks the REST API v2 over plain HTTP: log in with the seeded
// API key, send the token as the Authorization header, create a room and a
// group link, and read the link back.
func Example() {
	srv := alfaviewtest.NewServer(nil)
	defer srv.Close()
	hc := srv.Client()

	call := func(method, path, token string, in, out any) int {
		var body bytes.Buffer
		if in != nil {
			_ = json.NewEncoder(&body).Encode(in)
		}
		req, _ := http.NewRequest(method, srv.URL+path, &body)
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", token) // the token itself, no "Bearer"
		}
		res, err := hc.Do(req)
		if err != nil {
			panic(err)
		}
		defer res.Body.Close()
		if out != nil {
			_ = json.NewDecoder(res.Body).Decode(out)
		}
		return res.StatusCode
	}

	var login struct{ AccessToken string }
	call(http.MethodPost, "/v2/auth/api-key", "", map[string]string{
		"clientId": alfaviewtest.ClientID, "key": alfaviewtest.Key, "companyId": alfaviewtest.CompanyID}, &login)

	var room struct{ ID string }
	status := call(http.MethodPost, "/v2/rooms", login.AccessToken, map[string]any{
		"displayName": "Weekly", "type": "room", "waitingRoomEnabled": false}, &room)
	fmt.Println("create room:", status)

	var links []struct{ ID string }
	status = call(http.MethodPost, "/v2/rooms/"+room.ID+"/group-links", login.AccessToken, map[string]any{
		"create": []map[string]any{{"description": "Team", "dialInAllowed": false,
			"permissionGroupId": srv.PermissionGroupID("Participant")}}}, &links)
	fmt.Println("create group link:", status)

	var link struct{ JoinLink, AccessKey string }
	call(http.MethodGet, "/v2/group-links/"+links[0].ID, login.AccessToken, nil, &link)
	fmt.Println(strings.NewReplacer(room.ID, "<roomId>", link.AccessKey, "<accessKey>").Replace(link.JoinLink))
	fmt.Println("writes applied:", srv.AppliedCount(alfaviewtest.OpRoomsCreate), srv.AppliedCount(alfaviewtest.OpGroupLinksCreate))
	// Output:
	// create room: 201
	// create group link: 201
	// https://app.alfaview.com/#/join/01JM5Q2V7X8A9B0C1D2E3F4G5H/<roomId>/<accessKey>/v2
	// writes applied: 1 1
}
