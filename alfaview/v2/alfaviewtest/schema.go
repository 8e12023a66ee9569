package alfaviewtest

import (
	"encoding/json"
	"fmt"
	"math"
	"net/mail"
	"slices"
	"strings"
	"time"
)

// The fake checks request bodies against the official SDK's models the way
// the API's server framework does. The SDK's ErrorModel and ErrorDetail
// carry Huma's (github.com/danielgtaylor/huma, v2) field docs word for word
// and its list models are named like Huma's generic Go types
// (PaginatedBodyListRoom), so the fake answers as Huma does (inferred):
// a body that is not JSON is 400, a body that breaks the schema is 422 with
// one ErrorDetail per problem, in Huma's words ("expected required property
// displayName to be present", location "body"; "unexpected property",
// location "body.mode"). Unknown properties are rejected, as Huma rejects
// them by default; unlike Huma, the fake matches property names
// case-sensitively.

type kind int

const (
	kindString kind = iota
	kindBool
	kindInt
	kindObject
	kindArray
)

// schema is the part of a JSON schema the SDK's models use.
type schema struct {
	kind     kind
	props    []prop   // kindObject, in the SDK's order
	items    *schema  // kindArray
	minItems int      // kindArray
	enum     []string // kindString
	format   string   // kindString: "date-time" or "email"
	min, max *int64   // kindInt
}

// prop is an object property. A required property (listInvalidProperties:
// "can't be null") must be present and not null; an optional one may be
// absent or null, which the fake takes as absent.
type prop struct {
	name     string
	required bool
	s        *schema
}

func req(name string, s *schema) prop { return prop{name: name, required: true, s: s} }
func opt(name string, s *schema) prop { return prop{name: name, s: s} }

func object(props ...prop) *schema  { return &schema{kind: kindObject, props: props} }
func arrayOf(items *schema) *schema { return &schema{kind: kindArray, items: items} }
func boolean() *schema              { return &schema{kind: kindBool} }
func str() *schema                  { return &schema{kind: kindString} }
func dateTime() *schema             { return &schema{kind: kindString, format: "date-time"} }
func email() *schema                { return &schema{kind: kindString, format: "email"} }
func enum(values ...string) *schema { return &schema{kind: kindString, enum: values} }

func integer(min, max *int64) *schema { return &schema{kind: kindInt, min: min, max: max} }

func bound(n int64) *int64 { return &n }

// validate checks v at loc against s and appends what is wrong to errs.
func validate(loc string, v any, s *schema, errs *[]errorDetail) {
	add := func(loc string, v any, format string, args ...any) {
		*errs = append(*errs, errorDetail{Location: loc, Message: fmt.Sprintf(format, args...), Value: v})
	}
	switch s.kind {
	case kindBool:
		if _, ok := v.(bool); !ok {
			add(loc, v, "expected boolean")
		}
	case kindInt:
		n, ok := v.(json.Number)
		f, err := n.Float64()
		if !ok || err != nil || f != math.Trunc(f) {
			add(loc, v, "expected integer")
			return
		}
		if s.min != nil && f < float64(*s.min) {
			add(loc, v, "expected number >= %d", *s.min)
		}
		if s.max != nil && f > float64(*s.max) {
			add(loc, v, "expected number <= %d", *s.max)
		}
	case kindString:
		text, ok := v.(string)
		if !ok {
			add(loc, v, "expected string")
			return
		}
		if msg := formatProblem(s.format, text); msg != "" {
			add(loc, text, "%s", msg)
		}
		if len(s.enum) > 0 && !slices.Contains(s.enum, text) {
			add(loc, text, "%s", oneOf(s.enum))
		}
	case kindArray:
		items, ok := v.([]any)
		if !ok {
			add(loc, v, "expected array")
			return
		}
		if len(items) < s.minItems {
			add(loc, items, "expected array length >= %d", s.minItems)
		}
		for i, item := range items {
			validate(fmt.Sprintf("%s[%d]", loc, i), item, s.items, errs)
		}
	case kindObject:
		m, ok := v.(map[string]any)
		if !ok {
			add(loc, v, "expected object")
			return
		}
		for _, p := range s.props {
			val, present := m[p.name]
			switch {
			case !present && p.required:
				add(loc, m, "expected required property %s to be present", p.name)
			case !present, val == nil && !p.required:
			default:
				validate(loc+"."+p.name, val, p.s, errs)
			}
		}
		var unknown []string
		for k := range m {
			if !slices.ContainsFunc(s.props, func(p prop) bool { return p.name == k }) {
				unknown = append(unknown, k)
			}
		}
		slices.Sort(unknown)
		for _, k := range unknown {
			add(loc+"."+k, m, "unexpected property")
		}
	}
}

// formatProblem returns Huma's message for text that is not in format, or "".
func formatProblem(format, text string) string {
	switch format {
	case "date-time":
		if _, err := time.Parse(time.RFC3339Nano, text); err != nil {
			return "expected string to be RFC 3339 date-time"
		}
	case "email":
		addr, err := mail.ParseAddress(text)
		if err != nil {
			return "expected string to be RFC 5322 email: " + err.Error()
		}
		if addr.Name != "" || strings.TrimSpace(text) != addr.Address {
			return "expected string to be RFC 5322 email (addr-spec only, no display name)"
		}
	}
	return ""
}

// The request models, from lib/Model/*.php at the SDK's newest commit.
var (
	permissionsSchema = object(req("admin", boolean()), req("chat", boolean()), req("join", boolean()),
		req("promote", boolean()), req("screen", boolean()), req("upload", boolean()), req("video", boolean()),
		req("vip", boolean()), req("voice", boolean()))
	permissionsEditSchema = object(opt("admin", boolean()), opt("chat", boolean()), opt("join", boolean()),
		opt("promote", boolean()), opt("screen", boolean()), opt("upload", boolean()), opt("video", boolean()),
		opt("vip", boolean()), opt("voice", boolean()))
	participantPermissionsSchema = object(req("participantId", str()), req("permissions", permissionsSchema))

	featureNames = []string{"allowCopyRoomInfo", "blockWebclient", "centeredVideoGrid", "disableCameraOff",
		"disableJoinAndLeaveNotifications", "disableMiniWindow", "raiseHands", "shareContentOnlyToModerators",
		"showRaisedHandsOnlyToModerators", "sixteenByNineVideos", "sortVideoGridAlphabetically"}
	roomFeaturesSchema     = featuresSchema(req)
	roomFeaturesEditSchema = featuresSchema(opt)

	nonNegative      = bound(0)
	roomQuotasSchema = object(
		req("activeParticipants", integer(nonNegative, nil)),
		req("maxVideoTilesPerPage", integer(nonNegative, nil)),
		req("spectatorOnlyParticipants", integer(nonNegative, nil)))
	roomCreateSchema = object(
		opt("defaultPermissions", permissionsSchema),
		req("displayName", str()),
		opt("features", roomFeaturesEditSchema),
		opt("parentId", str()),
		opt("permissions", arrayOf(participantPermissionsSchema)),
		opt("quotas", roomQuotasSchema),
		opt("subrooms", arrayOf(object(opt("displayName", str())))),
		req("type", enum(RoomTypeDepartment, RoomTypeRoom)),
		req("waitingRoomEnabled", boolean()),
		opt("waitingRoomWelcomeNote", str()))
	roomUpdateSchema = object(
		opt("defaultPermissions", permissionsSchema),
		opt("displayName", str()),
		opt("features", roomFeaturesSchema),
		opt("permissions", arrayOf(participantPermissionsSchema)),
		opt("quotas", roomQuotasSchema),
		opt("subrooms", arrayOf(object(opt("displayName", str()), opt("id", str())))),
		opt("waitingRoomEnabled", boolean()),
		opt("waitingRoomWelcomeNote", str()))
	subroomEditSchema = object(opt("displayName", str()))

	languageSettingsEditSchema = object(
		opt("defaultSpokenLanguage", str()),
		opt("targetTranscriptionLanguages", arrayOf(str())),
		opt("transcriptionEnabled", boolean()),
		opt("transcriptionType", enum(TranscriptionSimple, TranscriptionDigitalInterpreter)))

	groupLinkCreateSchema = object(
		req("description", str()),
		req("dialInAllowed", boolean()),
		req("permissionGroupId", str()),
		opt("validFrom", dateTime()),
		opt("validUntil", dateTime()))
	guestLinkCreateSchema = object(
		req("dialInAllowed", boolean()),
		req("displayName", str()),
		req("emailAddress", email()),
		req("locale", str()),
		req("permissionGroupId", str()),
		opt("sendEmail", boolean()),
		opt("validFrom", dateTime()),
		opt("validUntil", dateTime()))
	createGroupLinksSchema = object(
		req("create", &schema{kind: kindArray, items: groupLinkCreateSchema, minItems: 1}),
		opt("origin", str()))
	createGuestLinksSchema = object(
		req("create", &schema{kind: kindArray, items: guestLinkCreateSchema, minItems: 1}),
		opt("origin", str()),
		opt("timezone", str()))
	groupLinkUpdateSchema = object(
		opt("description", str()),
		opt("dialInAllowed", boolean()),
		opt("permissionGroupId", str()),
		opt("validFrom", dateTime()),
		opt("validUntil", dateTime()))
	// GuestLinkUpdate requires displayName and sendEmail even though it is a
	// PATCH body (listInvalidProperties at HEAD).
	guestLinkUpdateSchema = object(
		opt("dialInAllowed", boolean()),
		req("displayName", str()),
		opt("emailAddress", email()),
		opt("locale", str()),
		opt("permissionGroupId", str()),
		req("sendEmail", boolean()),
		opt("timezone", str()),
		opt("validFrom", dateTime()),
		opt("validUntil", dateTime()))

	userPermissionsSchema = object(
		req("manageCompany", boolean()),
		req("roomAdmin", boolean()),
		req("roomCreate", boolean()),
		req("roomList", boolean()),
		req("userAdmin", boolean()),
		req("userList", boolean()),
		req("userShow", boolean()))
	userInvitationSchema = object(
		req("permissions", userPermissionsSchema),
		req("user", object(
			req("emailAddress", email()),
			req("firstName", str()),
			req("lastName", str()),
			opt("locale", str()),
			opt("title", str()))))

	earlyAccess         = integer(bound(0), bound(30))
	meetingCreateSchema = object(
		opt("agenda", str()),
		opt("earlyAccessMinutes", earlyAccess),
		req("end", dateTime()),
		opt("groupLinks", arrayOf(groupLinkCreateSchema)),
		opt("guestLinks", arrayOf(guestLinkCreateSchema)),
		req("roomFeatures", roomFeaturesSchema),
		req("start", dateTime()),
		opt("subroomDisplayNames", arrayOf(str())),
		req("timezone", str()),
		req("title", str()),
		req("waitingRoomEnabled", boolean()),
		opt("waitingRoomWelcomeNote", str()))
	meetingUpdateSchema = object(
		opt("agenda", str()),
		opt("earlyAccessMinutes", earlyAccess),
		opt("end", dateTime()),
		opt("start", dateTime()),
		opt("timezone", str()),
		opt("title", str()))
	meetingCancelSchema = object(opt("reason", str()), req("sendNotification", boolean()))

	apiCredentialsSchema      = object(req("clientId", str()), req("companyId", str()), req("key", str()))
	passwordCredentialsSchema = object(req("password", str()), req("username", str()))
	groupLinkAuthSchema       = object(
		req("accessKey", str()),
		req("companyId", str()),
		req("displayName", str()),
		opt("externalId", str()),
		req("roomId", str()))
	guestLinkAuthSchema = object(
		req("accessKey", str()),
		req("companyId", str()),
		opt("displayName", str()),
		req("roomId", str()))
)

func featuresSchema(p func(string, *schema) prop) *schema {
	props := make([]prop, len(featureNames))
	for i, name := range featureNames {
		props[i] = p(name, enum(string(FeatureEnabled), string(FeatureDisabled), string(FeatureDefault)))
	}
	return object(props...)
}
