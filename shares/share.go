package shares

// ShareRef identifies a share just created or changed.
type ShareRef struct {
	ShareID int64 `json:"shareId"`
	// Token is the share's UUID; the API may leave it out (the reference's
	// create example answers with shareId only).
	Token string `json:"token"`
}

// Share is a share as List and Get return it. Dates are zero and times nil
// when the share has none.
type Share struct {
	ID             int64         `json:"id"`
	Organization   *Organization `json:"organization"`
	CreatorAccount *Account      `json:"creatorAccount"`
	// ExternalID is the id an integration gave the share, the value the
	// List filter of the same name matches.
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

// Account is a Bold account, such as the one that created a share.
type Account struct {
	ID        int64  `json:"id"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
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
}

// DeviceGroup is a group of locks.
type DeviceGroup struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// ReceiverView is who a share gives access to: one of User and UserGroup
// is set.
type ReceiverView struct {
	User      *User      `json:"user"`
	UserGroup *UserGroup `json:"userGroup"`
}

// User is a person who can receive shares.
type User struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	EmailAddress string `json:"emailAddress"`
	PhoneNumber  string `json:"phoneNumber"`
}

// UserGroup is a group of users.
type UserGroup struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}
