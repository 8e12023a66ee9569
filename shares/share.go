package shares

import (
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// ShareRef identifies a share just created or changed.
type ShareRef struct {
	ShareID int64 `json:"shareId"`
	// Token is the share's UUID; the API may leave it out (the reference's
	// create example answers with shareId only).
	Token string `json:"token"`
}

// Share is a share as List and Get return it (the reference's GET
// /v2/shares and GET /v2/shares/{id} answers). Dates are zero and times nil
// when the share has none.
type Share struct {
	ID             int64         `json:"id"`
	Organization   *Organization `json:"organization"`
	CreatorAccount *Account      `json:"creatorAccount"`
	// ExternalID is the id an integration gave the share, the value the
	// List filter of the same name matches [inferred: the reference names
	// the filter; its share view does not show the field, so it is read
	// when present and "" otherwise].
	ExternalID string `json:"externalId"`

	StartDate Date       `json:"startDate"`
	StartTime *TimeOfDay `json:"startTime"`
	EndDate   Date       `json:"endDate"`
	EndTime   *TimeOfDay `json:"endTime"`

	Schedule    []ScheduleEntry `json:"schedule"`
	Permissions Permissions     `json:"permissions"`
	Source      SourceView      `json:"source"`
	Receiver    ReceiverView    `json:"receiver"`
}

// Organization owns devices and shares.
type Organization struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Personal bool   `json:"personal"`
}

// Account is a Bold account: the one that created a share, or a
// registered receiver's. A share's creatorAccount carries no email address
// or phone number.
type Account struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	EmailAddress string `json:"emailAddress"`
	PhoneNumber  string `json:"phoneNumber"`
}

// SourceView is what a share gives access to: one of Device and
// DeviceGroup is set.
type SourceView struct {
	Device      *Device      `json:"device"`
	DeviceGroup *DeviceGroup `json:"deviceGroup"`
}

// Device is a lock.
type Device struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Location string `json:"location"`
	Remarks  string `json:"remarks"`
	// CarouselImageURL is the picture of the lock the app shows.
	CarouselImageURL string `json:"carouselImageUrl"`
}

// DeviceGroup is a group of locks.
type DeviceGroup struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Remarks  string `json:"remarks"`
	Location string `json:"location"`
}

// ReceiverView is who a share gives access to: one of User and UserGroup
// is set.
type ReceiverView struct {
	User      *User      `json:"user"`
	UserGroup *UserGroup `json:"userGroup"`
}

// User is a person who can receive shares, as the organization knows them.
// Until they register with Bold (Registered), Account is nil and
// Invitation holds the link that lets them: hand Invitation.URL on to a
// receiver who lost the invitation mail.
type User struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	EmailAddress string `json:"emailAddress"`
	// EmailAddressVerify says the address is to be verified;
	// EmailAddressVerified that it was.
	EmailAddressVerify   bool `json:"emailAddressVerify"`
	EmailAddressVerified bool `json:"emailAddressVerified"`
	// PhoneNumber is in E.164 form ("+31850607337").
	PhoneNumber         string `json:"phoneNumber"`
	PhoneNumberVerify   bool   `json:"phoneNumberVerify"`
	PhoneNumberVerified bool   `json:"phoneNumberVerified"`
	// Registered says the user has a Bold account, which Account describes.
	Registered bool     `json:"registered"`
	Account    *Account `json:"account"`
	// Invitation is the pending invitation to register, if any.
	Invitation *Invitation `json:"invitation"`
}

// Invitation is a user's invitation to register with Bold.
type Invitation struct {
	// Token is the invitation's UUID.
	Token string `json:"token"`
	// URL opens the invitation.
	URL string `json:"url"`
	// Expiration is when the invitation stops working; zero when the
	// answer had none or one that is not an ISO 8601 date-time with a zone.
	Expiration time.Time `json:"expiration,omitzero"`
	// IsExpired is the server's word on whether Expiration has passed.
	IsExpired bool `json:"isExpired"`
}

// UnmarshalJSON reads an invitation without failing on its expiration:
// one malformed date must not fail a whole List.
func (inv *Invitation) UnmarshalJSON(b []byte) error {
	var w struct {
		Token      string `json:"token"`
		URL        string `json:"url"`
		Expiration any    `json:"expiration"`
		IsExpired  bool   `json:"isExpired"`
	}
	if err := transport.DecodeJSON(b, &w); err != nil {
		return err
	}
	*inv = Invitation{Token: w.Token, URL: w.URL, IsExpired: w.IsExpired}
	if s, ok := w.Expiration.(string); ok {
		inv.Expiration = parseDateTime(s)
	}
	return nil
}

// parseDateTime reads the reference's "Date/time with a timezone (ISO 8601,
// e.g. 2022-06-23T13:53:02+02:00)", with or without fractional seconds or
// the colon in the offset; anything else is the zero time.
func parseDateTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// UserGroup is a group of users. Name is [inferred]: of the user group's
// fields in the share view, the part of the reference this package was
// written from shows the id only.
type UserGroup struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}
