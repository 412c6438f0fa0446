package mail

import (
	"net"
	"strconv"
)

// Addr exposes where s connects, for the tests of the default ports.
func Addr(s *SMTP) string { return net.JoinHostPort(s.host, strconv.Itoa(s.port)) }
