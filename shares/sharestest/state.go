package sharestest

import "time"

// Account is a Bold account; every token of the fake acts for one owner
// account, which is the creator of the shares. A registered user has one
// too (User.Account), with the email address and phone number the owner's
// creatorAccount view leaves out.
type Account struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	EmailAddress string `json:"emailAddress,omitempty"`
	PhoneNumber  string `json:"phoneNumber,omitempty"`
}

// Organization owns devices and shares.
type Organization struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Personal bool   `json:"personal"`
}

// Device is a lock of an organization.
type Device struct {
	ID               int64  `json:"id"`
	OrganizationID   int64  `json:"-"`
	Name             string `json:"name"`
	Location         string `json:"location"`
	Remarks          string `json:"remarks"`
	CarouselImageURL string `json:"carouselImageUrl"`
}

// DeviceGroup is a group of locks of an organization.
type DeviceGroup struct {
	ID             int64  `json:"id"`
	OrganizationID int64  `json:"-"`
	Name           string `json:"name"`
	Remarks        string `json:"remarks"`
	Location       string `json:"location"`
}

// User is a person who can receive shares. AddUser makes one who has not
// registered with Bold yet and holds a pending Invitation; RegisterUser
// gives them an Account.
type User struct {
	ID                   int64       `json:"id"`
	FirstName            string      `json:"firstName"`
	LastName             string      `json:"lastName"`
	EmailAddress         string      `json:"emailAddress"`
	EmailAddressVerify   bool        `json:"emailAddressVerify"`
	EmailAddressVerified bool        `json:"emailAddressVerified"`
	PhoneNumber          string      `json:"phoneNumber"`
	PhoneNumberVerify    bool        `json:"phoneNumberVerify"`
	PhoneNumberVerified  bool        `json:"phoneNumberVerified"`
	Registered           bool        `json:"registered"`
	Account              *Account    `json:"account,omitempty"`
	Invitation           *Invitation `json:"invitation,omitempty"`
}

// Invitation is a user's invitation to register with Bold.
type Invitation struct {
	Token string `json:"token"`
	URL   string `json:"url"`
	// Expiration is when the invitation lapses; the view's isExpired is
	// worked out from it on the fake's clock.
	Expiration time.Time `json:"expiration"`
	IsExpired  bool      `json:"isExpired"`
}

// InvitationBaseURL starts the URL of every invitation the fake issues
// [inferred: the reference shows the field, not its form].
const InvitationBaseURL = "https://invite.sharestest.invalid/"

// InvitationTTL is how long an invitation of AddUser stays valid
// [inferred].
const InvitationTTL = 14 * 24 * time.Hour

// UserGroup is a group of users.
type UserGroup struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// AddOrganization adds an organization and returns it.
func (s *Server) AddOrganization(name string) Organization {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := Organization{ID: s.nextID("organization"), Name: name}
	s.orgs[o.ID] = o
	return o
}

// AddDevice adds a lock to organization orgID and returns it. Shares of it
// must name that organization.
func (s *Server) AddDevice(orgID int64, name string) Device {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := Device{ID: s.nextID("device"), OrganizationID: orgID, Name: name}
	s.devices[d.ID] = d
	return d
}

// AddDeviceGroup adds a group of locks to organization orgID and returns it.
func (s *Server) AddDeviceGroup(orgID int64, name string) DeviceGroup {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := DeviceGroup{ID: s.nextID("deviceGroup"), OrganizationID: orgID, Name: name}
	s.deviceGroups[g.ID] = g
	return g
}

// AddUser adds a user who can receive shares and returns it. The user has
// not registered: their Invitation is pending for InvitationTTL.
func (s *Server) AddUser(firstName, lastName, email string) User {
	s.mu.Lock()
	defer s.mu.Unlock()
	tok := newUUID()
	u := User{ID: s.nextID("user"), FirstName: firstName, LastName: lastName, EmailAddress: email,
		EmailAddressVerify: email != "",
		Invitation:         &Invitation{Token: tok, URL: InvitationBaseURL + tok, Expiration: s.clock.Now().Add(InvitationTTL).Truncate(time.Second)}}
	s.users[u.ID] = u
	return u
}

// RegisterUser marks user id as registered, as if they had accepted the
// invitation: the invitation goes, an Account with the user's name and
// address comes, and the address counts as verified. It returns the user
// and whether they exist.
func (s *Server) RegisterUser(id int64) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[id]
	if !ok {
		return User{}, false
	}
	u.Registered, u.Invitation, u.EmailAddressVerified = true, nil, u.EmailAddress != ""
	u.Account = &Account{ID: s.nextID("account"), FirstName: u.FirstName, LastName: u.LastName,
		EmailAddress: u.EmailAddress, PhoneNumber: u.PhoneNumber}
	s.users[u.ID] = u
	return u, true
}

// AddUserGroup adds a group of users and returns it.
func (s *Server) AddUserGroup(name string) UserGroup {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := UserGroup{ID: s.nextID("userGroup"), Name: name}
	s.userGroups[g.ID] = g
	return g
}

// SetExternalID gives share id the external id the list filter externalId
// matches (integrations set it through channels the reference does not
// show) and reports whether the share exists.
func (s *Server) SetExternalID(id int64, externalID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.shares[id]
	if sh != nil {
		sh.externalID = externalID
	}
	return sh != nil
}

// ShareCount reports how many shares exist.
func (s *Server) ShareCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.shares)
}

// share is a stored share. Dates and times keep the text the client sent
// (already checked), "" when absent.
type share struct {
	id               int64
	token            string
	orgID            int64
	startDate        string
	startTime        string
	endDate          string
	endTime          string
	schedule         []scheduleEntry
	permissions      permissions
	deviceID         int64
	deviceGroupID    int64
	userID           int64
	userGroupID      int64
	personalSettings *personalSettings
	autoRemoveAfter  string
	externalID       string
	webKey           string
}

type scheduleEntry struct {
	DayOfWeek  string  `json:"dayOfWeek"`
	Period     *period `json:"period,omitempty"`
	Recurrence string  `json:"recurrence"`
}

type period struct {
	StartTime string `json:"startTime"`
	EndTime   string `json:"endTime"`
}

type permissions struct {
	Administrate   bool `json:"administrate"`
	RemoteActivate bool `json:"remoteActivate"`
	AssignKeyfob   bool `json:"assignKeyfob"`
}

type personalSettings struct {
	Notifications bool `json:"notifications"`
}

// shareView is a share as GET answers with it. Absent dates and times are
// null [inferred: the reference shows no share without them].
type shareView struct {
	ID             int64           `json:"id"`
	Organization   Organization    `json:"organization"`
	CreatorAccount Account         `json:"creatorAccount"`
	ExternalID     string          `json:"externalId,omitempty"`
	StartDate      *string         `json:"startDate"`
	StartTime      *string         `json:"startTime"`
	EndDate        *string         `json:"endDate"`
	EndTime        *string         `json:"endTime"`
	Schedule       []scheduleEntry `json:"schedule"`
	Permissions    permissions     `json:"permissions"`
	Source         sourceView      `json:"source"`
	Receiver       receiverView    `json:"receiver"`
}

type sourceView struct {
	Device      *Device      `json:"device,omitempty"`
	DeviceGroup *DeviceGroup `json:"deviceGroup,omitempty"`
}

type receiverView struct {
	User      *User      `json:"user,omitempty"`
	UserGroup *UserGroup `json:"userGroup,omitempty"`
}

// view renders sh. s.mu is held.
func (s *Server) view(sh *share) shareView {
	v := shareView{
		ID:             sh.id,
		Organization:   s.orgs[sh.orgID],
		CreatorAccount: s.owner,
		ExternalID:     sh.externalID,
		StartDate:      orNull(sh.startDate),
		StartTime:      orNull(sh.startTime),
		EndDate:        orNull(sh.endDate),
		EndTime:        orNull(sh.endTime),
		Schedule:       sh.schedule,
		Permissions:    sh.permissions,
	}
	if v.Schedule == nil {
		v.Schedule = []scheduleEntry{}
	}
	if d, ok := s.devices[sh.deviceID]; ok {
		v.Source.Device = &d
	}
	if g, ok := s.deviceGroups[sh.deviceGroupID]; ok {
		v.Source.DeviceGroup = &g
	}
	if u, ok := s.users[sh.userID]; ok {
		if u.Invitation != nil {
			inv := *u.Invitation
			inv.IsExpired = !s.clock.Now().Before(inv.Expiration)
			u.Invitation = &inv
		}
		v.Receiver.User = &u
	}
	if g, ok := s.userGroups[sh.userGroupID]; ok {
		v.Receiver.UserGroup = &g
	}
	return v
}

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Error codes the fake answers with. Only invalidInputErrorError is
// documented; the others are [inferred], and clients should go by status.
const (
	codeInvalidInput = "invalidInputErrorError"
	codeUnauthorized = "invalidAuthenticationToken"
	codeForbidden    = "insufficientRights"
	codeNotFound     = "notFound"
)

// apiError is the API's error body; its fields are in the documented order.
type apiError struct {
	Message      string `json:"message"`
	Code         string `json:"code"`
	ErrorMessage string `json:"errorMessage"`
	ErrorCode    string `json:"errorCode"`
}
