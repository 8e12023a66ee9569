package sharestest

import (
	"net/http"
	"strconv"
)

// ActivationTime is the activationTime of the fake's remote activations
// [inferred: the reference types it as a number; the open-source
// integrations' fixtures show 30].
const ActivationTime = 30

// activation is the answer of POST /v1/devices/{id}/remote-activation.
type activation struct {
	DeviceID       int64  `json:"deviceId"`
	ErrorCode      string `json:"errorCode"`
	ErrorMessage   string `json:"errorMessage"`
	ActivationTime int    `json:"activationTime"`
}

// remoteActivate opens a lock of the fake: 200 with errorCode "OK" for a
// known device, 404 "Device/Gateway not found" otherwise. A failed
// activation (200 with another errorCode) is what a test injects.
func (s *Server) remoteActivate(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		badInput().write(w)
		return
	}
	s.mu.Lock()
	rp := apiReply(http.StatusNotFound, codeNotFound, "Device/Gateway not found")
	if _, ok := s.devices[id]; ok {
		s.Server.MarkApplied(OpDevicesRemoteActivate)
		rp = reply{http.StatusOK, activation{DeviceID: id, ErrorCode: "OK", ErrorMessage: "OK", ActivationTime: ActivationTime}}
	}
	s.mu.Unlock()
	rp.write(w)
}
