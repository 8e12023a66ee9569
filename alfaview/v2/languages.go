package alfaview

import (
	"context"
	"net/http"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// TranscriptionType is the kind of transcription room administrators can
// choose in the alfaview client.
type TranscriptionType string

// The transcription types of the models LanguageSettings and
// LanguageSettingsEdit.
const (
	TranscriptionSimple             TranscriptionType = "simple_transcription"
	TranscriptionDigitalInterpreter TranscriptionType = "digital_interpreter"
)

// LanguageSettings are a room's transcription and translation settings
// (model LanguageSettings).
type LanguageSettings struct {
	// DefaultSpokenLanguage is the language usually spoken in the room.
	DefaultSpokenLanguage string `json:"defaultSpokenLanguage,omitempty"`
	// TargetTranscriptionLanguages are translated into all the time while
	// transcription is enabled, whether or not anyone selected them. Pick
	// them from Rooms.ListLanguages.
	TargetTranscriptionLanguages []string          `json:"targetTranscriptionLanguages"`
	TranscriptionEnabled         bool              `json:"transcriptionEnabled"`
	TranscriptionType            TranscriptionType `json:"transcriptionType"`
}

// LanguageSettingsEdit changes some of a room's language settings (model
// LanguageSettingsEdit). Nil fields and an empty TranscriptionType stay as
// they are; TargetTranscriptionLanguages, when non-nil, is the complete new
// list (an empty slice clears it).
type LanguageSettingsEdit struct {
	DefaultSpokenLanguage        *string           `json:"defaultSpokenLanguage,omitempty"`
	TargetTranscriptionLanguages []string          `json:"targetTranscriptionLanguages,omitzero"`
	TranscriptionEnabled         *bool             `json:"transcriptionEnabled,omitempty"`
	TranscriptionType            TranscriptionType `json:"transcriptionType,omitempty"`
}

// Languages are the languages available for transcription and translation
// (model Languages).
type Languages struct {
	// Transcription are the languages that can be transcribed.
	Transcription []string `json:"transcription"`
	// Translation are the language pairs that can be translated.
	Translation []Translation `json:"translation"`
}

// Translation is a spoken language and the languages it can be translated
// into (model Translation).
type Translation struct {
	In  string   `json:"in"`
	Out []string `json:"out"`
}

var (
	opGetLanguageSettings    = op("rooms.getLanguageSettings", http.MethodGet)
	opUpdateLanguageSettings = op("rooms.updateLanguageSettings", http.MethodPatch)
	opListLanguages          = op("rooms.listLanguages", http.MethodGet)
)

// GetLanguageSettings returns the language settings of room roomID.
func (s *RoomsService) GetLanguageSettings(ctx context.Context, roomID string, opts ...CallOption) (*LanguageSettings, error) {
	if err := check(opGetLanguageSettings).NotEmpty("roomID", roomID).Err(); err != nil {
		return nil, err
	}
	return object[LanguageSettings](ctx, s.c, &transport.Request{Op: opGetLanguageSettings, Path: languageSettingsPath(roomID)}, opts)
}

// UpdateLanguageSettings changes the language settings e sets in room
// roomID.
func (s *RoomsService) UpdateLanguageSettings(ctx context.Context, roomID string, e *LanguageSettingsEdit, opts ...CallOption) error {
	v := check(opUpdateLanguageSettings).NotEmpty("roomID", roomID).Check(e != nil, "e", "must not be nil")
	if e != nil {
		v.Check(e.TranscriptionType == "" || e.TranscriptionType == TranscriptionSimple || e.TranscriptionType == TranscriptionDigitalInterpreter,
			"TranscriptionType", "must be simple_transcription or digital_interpreter")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: opUpdateLanguageSettings, Path: languageSettingsPath(roomID), Body: e}, nil, opts)
}

// ListLanguages returns the languages available for transcription and
// translation (GET /v2/languages).
func (s *RoomsService) ListLanguages(ctx context.Context, opts ...CallOption) (*Languages, error) {
	return object[Languages](ctx, s.c, &transport.Request{Op: opListLanguages, Path: []string{"v2", "languages"}}, opts)
}

func languageSettingsPath(roomID string) []string {
	return []string{"v2", "rooms", roomID, "language-settings"}
}
