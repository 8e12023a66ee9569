package transport

// Version is the grantkit-go release sent in every User-Agent.
const Version = "0.1.0"
