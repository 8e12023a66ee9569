package viviottest

// Operation names for AppliedCount: every write the fake applies counts
// under the name of the viviot operation that sends it. Each constant is
// "Op" and the operation's name with its parts capitalized.
const (
	// OpAccessTemplatesCreate counts an access template created
	// (AccessTemplates.Create).
	OpAccessTemplatesCreate = "accessTemplates.create"
	// OpAccessTemplatesUpdate counts an access template changed
	// (AccessTemplates.Update).
	OpAccessTemplatesUpdate = "accessTemplates.update"
	// OpAccessTemplatesDelete counts an access template deleted
	// (AccessTemplates.Delete).
	OpAccessTemplatesDelete = "accessTemplates.delete"
)

// The operation names by their first spelling.
const (
	// Deprecated: use OpAccessTemplatesCreate.
	OpCreate = OpAccessTemplatesCreate
	// Deprecated: use OpAccessTemplatesUpdate.
	OpUpdate = OpAccessTemplatesUpdate
	// Deprecated: use OpAccessTemplatesDelete.
	OpDelete = OpAccessTemplatesDelete
)
