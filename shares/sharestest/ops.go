package sharestest

// Operation names for AppliedCount: every write the fake applies counts
// under the name of the shares operation that sends it. Each constant is
// "Op" and the operation's name with its parts capitalized.
const (
	// OpSharesCreate counts a share created (Shares.Create).
	OpSharesCreate = "shares.create"
	// OpSharesUpdate counts a share changed (Shares.Update).
	OpSharesUpdate = "shares.update"
	// OpSharesDelete counts a share deleted (Shares.Delete).
	OpSharesDelete = "shares.delete"
	// OpSharesCreateWebKey counts a web key created (Shares.CreateWebKey).
	OpSharesCreateWebKey = "shares.createWebKey"
	// OpDevicesRemoteActivate counts a lock opened remotely
	// (Devices.RemoteActivate).
	OpDevicesRemoteActivate = "devices.remoteActivate"
	// OpOAuthToken counts a refresh the token endpoint granted, which spent the
	// refresh token it was given (an OAuth2 client's refresh).
	OpOAuthToken = "oauth.token"
)
