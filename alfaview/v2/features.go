package alfaview

import (
	"context"
	"net/http"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// FeatureState is the setting of one room feature.
type FeatureState string

// The feature states of the models RoomFeatures and RoomFeaturesEdit.
const (
	FeatureEnabled  FeatureState = "enabled"
	FeatureDisabled FeatureState = "disabled"
	// FeatureDefault follows the company's default.
	FeatureDefault FeatureState = "default"
)

// RoomFeatures are a room's feature settings (models RoomFeatures and
// RoomFeaturesEdit, which have the same fields). alfaview answers with
// every feature set. In a request a feature left empty is left out, which
// for Rooms.Create and Rooms.UpdateFeatures means "default" or "unchanged";
// where the API wants every feature (RoomUpdate.Features,
// MeetingCreate.RoomFeatures) the empty ones are sent as FeatureDefault.
type RoomFeatures struct {
	// AllowCopyRoomInfo lets moderators copy the participant list.
	AllowCopyRoomInfo FeatureState `json:"allowCopyRoomInfo,omitempty"`
	// BlockWebclient hides the "join in the browser" button from guests.
	BlockWebclient FeatureState `json:"blockWebclient,omitempty"`
	// CenteredVideoGrid centres participant videos on the stage.
	CenteredVideoGrid FeatureState `json:"centeredVideoGrid,omitempty"`
	// DisableCameraOff prevents turning the camera off.
	DisableCameraOff FeatureState `json:"disableCameraOff,omitempty"`
	// DisableJoinAndLeaveNotifications mutes join and leave notifications.
	DisableJoinAndLeaveNotifications FeatureState `json:"disableJoinAndLeaveNotifications,omitempty"`
	// DisableMiniWindow hides the floating window of a minimised client.
	DisableMiniWindow FeatureState `json:"disableMiniWindow,omitempty"`
	// RaiseHands lets participants and spectators raise their hand.
	RaiseHands FeatureState `json:"raiseHands,omitempty"`
	// ShareContentOnlyToModerators shows screen shares to moderators only.
	ShareContentOnlyToModerators FeatureState `json:"shareContentOnlyToModerators,omitempty"`
	// ShowRaisedHandsOnlyToModerators shows raised hands to moderators only.
	ShowRaisedHandsOnlyToModerators FeatureState `json:"showRaisedHandsOnlyToModerators,omitempty"`
	// SixteenByNineVideos uses a 16:9 aspect ratio for videos.
	SixteenByNineVideos FeatureState `json:"sixteenByNineVideos,omitempty"`
	// SortVideoGridAlphabetically orders videos by name, not join time.
	SortVideoGridAlphabetically FeatureState `json:"sortVideoGridAlphabetically,omitempty"`
}

// fields lists the features with their Go names, for check and complete.
func (f *RoomFeatures) fields() []struct {
	name  string
	state *FeatureState
} {
	return []struct {
		name  string
		state *FeatureState
	}{
		{"AllowCopyRoomInfo", &f.AllowCopyRoomInfo},
		{"BlockWebclient", &f.BlockWebclient},
		{"CenteredVideoGrid", &f.CenteredVideoGrid},
		{"DisableCameraOff", &f.DisableCameraOff},
		{"DisableJoinAndLeaveNotifications", &f.DisableJoinAndLeaveNotifications},
		{"DisableMiniWindow", &f.DisableMiniWindow},
		{"RaiseHands", &f.RaiseHands},
		{"ShareContentOnlyToModerators", &f.ShareContentOnlyToModerators},
		{"ShowRaisedHandsOnlyToModerators", &f.ShowRaisedHandsOnlyToModerators},
		{"SixteenByNineVideos", &f.SixteenByNineVideos},
		{"SortVideoGridAlphabetically", &f.SortVideoGridAlphabetically},
	}
}

// check reports features set to a state the API does not know.
func (f RoomFeatures) check(v *validate.Checker, field string) {
	for _, x := range f.fields() {
		s := *x.state
		v.Check(s == "" || s == FeatureEnabled || s == FeatureDisabled || s == FeatureDefault,
			field+"."+x.name, "must be enabled, disabled or default")
	}
}

// complete returns f with every empty feature set to FeatureDefault.
func (f RoomFeatures) complete() RoomFeatures {
	for _, x := range f.fields() {
		if *x.state == "" {
			*x.state = FeatureDefault
		}
	}
	return f
}

var (
	opGetFeatures    = op("rooms.getFeatures", http.MethodGet)
	opUpdateFeatures = op("rooms.updateFeatures", http.MethodPatch)
	opDeleteFeatures = op("rooms.deleteFeatures", http.MethodDelete)
)

// GetFeatures returns the feature settings of room roomID.
func (s *RoomsService) GetFeatures(ctx context.Context, roomID string, opts ...CallOption) (*RoomFeatures, error) {
	if err := check(opGetFeatures).NotEmpty("roomID", roomID).Err(); err != nil {
		return nil, err
	}
	return object[RoomFeatures](ctx, s.c, &transport.Request{Op: opGetFeatures, Path: featuresPath(roomID)}, opts)
}

// UpdateFeatures changes the features f sets in room roomID (model
// RoomFeaturesEdit); the features f leaves empty stay as they are.
func (s *RoomsService) UpdateFeatures(ctx context.Context, roomID string, f *RoomFeatures, opts ...CallOption) error {
	v := check(opUpdateFeatures).NotEmpty("roomID", roomID).Check(f != nil, "f", "must not be nil")
	if f != nil {
		f.check(v, "f")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: opUpdateFeatures, Path: featuresPath(roomID), Body: f}, nil, opts)
}

// DeleteFeatures sets every feature of room roomID to FeatureDefault.
func (s *RoomsService) DeleteFeatures(ctx context.Context, roomID string, opts ...CallOption) error {
	if err := check(opDeleteFeatures).NotEmpty("roomID", roomID).Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: opDeleteFeatures, Path: featuresPath(roomID)}, nil, opts)
}

func featuresPath(roomID string) []string { return []string{"v2", "rooms", roomID, "features"} }
