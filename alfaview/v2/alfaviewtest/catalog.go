package alfaviewtest

import (
	"slices"
	"strconv"
	"strings"
)

// The seeded permission groups. Moderator, Participant and Spectator are the
// JSON v1 API's groups (vendor note alfaview.md); Guest is the fourth group
// MeetingCreate's groupLinks names ("moderator, participant, guest,
// spectator"). Their permissions are inferred from the names.
func (s *Server) seedPermissionGroups() {
	all := Permissions{Chat: true, Join: true, Promote: true, Screen: true, Upload: true, Video: true, VIP: true, Voice: true}
	s.addPermissionGroup("Moderator", all)
	s.addPermissionGroup("Participant", Permissions{Chat: true, Join: true, Screen: true, Upload: true, Video: true, Voice: true})
	s.addPermissionGroup("Guest", Permissions{Chat: true, Join: true, Video: true, Voice: true})
	s.addPermissionGroup("Spectator", Permissions{Chat: true, Join: true})
}

func (s *Server) addPermissionGroup(name string, p Permissions) PermissionGroup {
	g := PermissionGroup{ID: s.ids.UUID(), Name: name, Permissions: p}
	s.groups = append(s.groups, g)
	return g
}

// listPermissionGroups is GET /v2/permission-groups → PermissionGroup[].
func (s *Server) listPermissionGroups(*call) (reply, *problem) {
	return ok(slices.Clone(s.groups))
}

// roomTypeLimit is what model RoomTypeData says of one room type. The fake
// names its room types after Room's type values and picks the numbers
// (inferred).
type roomTypeLimit struct {
	total, maxActive, maxSpectator, maxSubrooms int
}

var roomTypeLimits = map[string]roomTypeLimit{
	RoomTypeDepartment: {total: 100, maxActive: 250, maxSpectator: 1000, maxSubrooms: 50},
	RoomTypeRoom:       {total: 100, maxActive: 250, maxSpectator: 1000, maxSubrooms: 50},
	RoomTypeMeeting:    {total: 1000, maxActive: 250, maxSpectator: 1000, maxSubrooms: 50},
}

// roomTypeJSON is model RoomTypeData.
type roomTypeJSON struct {
	MaxActiveParticipants        int    `json:"maxActiveParticipants"`
	MaxSpectatorOnlyParticipants int    `json:"maxSpectatorOnlyParticipants"`
	MaxSubRooms                  int    `json:"maxSubRooms"`
	Name                         string `json:"name"`
	Total                        int    `json:"total"`
	Used                         int    `json:"used"`
}

// listRoomTypes is GET /v2/room-types → RoomTypeData[], used counting the
// rooms of each type.
func (s *Server) listRoomTypes(*call) (reply, *problem) {
	out := []roomTypeJSON{}
	for _, name := range []string{RoomTypeDepartment, RoomTypeRoom, RoomTypeMeeting} {
		l := roomTypeLimits[name]
		used := 0
		for _, r := range s.rooms {
			if r.Type == name {
				used++
			}
		}
		out = append(out, roomTypeJSON{MaxActiveParticipants: l.maxActive, MaxSpectatorOnlyParticipants: l.maxSpectator,
			MaxSubRooms: l.maxSubrooms, Name: name, Total: l.total, Used: used})
	}
	return ok(out)
}

// transcriptionLanguages are the languages GET /v2/languages lists, as
// ISO 639-1 codes (inferred); each translates into every other.
var transcriptionLanguages = []string{"de", "en", "es", "fr", "it"}

// listLanguages is GET /v2/languages → Languages.
func (s *Server) listLanguages(*call) (reply, *problem) {
	type translation struct {
		In  string   `json:"in"`
		Out []string `json:"out"`
	}
	out := struct {
		Transcription []string      `json:"transcription"`
		Translation   []translation `json:"translation"`
	}{Transcription: slices.Clone(transcriptionLanguages)}
	for _, in := range transcriptionLanguages {
		t := translation{In: in}
		for _, o := range transcriptionLanguages {
			if o != in {
				t.Out = append(t.Out, o)
			}
		}
		out.Translation = append(out.Translation, t)
	}
	return ok(out)
}

// oneOf is Huma's message for a value outside allowed.
func oneOf(allowed []string) string {
	return "expected value to be one of \"" + strings.Join(allowed, ", ") + "\""
}

func itoa(i int) string { return strconv.Itoa(i) }
