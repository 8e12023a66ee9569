package redact

import "strconv"

// JSON is the json.Marshal form of a secret: the JSON string "[REDACTED]",
// or "" for an empty one. Credential types implement MarshalJSON with it,
// so that a struct holding one does not put the secret in a JSON log line
// or an encoded config.
func JSON(secret string) []byte {
	return []byte(strconv.Quote(String(secret)))
}
