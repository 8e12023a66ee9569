// Package badinput holds no code, only the cross-vendor bad-input suite of
// issue 9: every public method of every vendor package, given parameters it
// must refuse (empty or blank ids, zero ids, page sizes out of range, unknown
// enum values, an end before its start, both or neither of a one-of pair, nil
// params, empty required lists, malformed addresses), fails before any request
// with an error that wraps the vendor's ErrInvalidParams and names the field;
// and every NewClient given a bad credential or option fails naming the
// setting, again before any request.
//
// The suite also fails when a vendor package gains a public method that takes
// parameters but has no row in the table, so that new methods arrive with
// their validation tested.
package badinput
