package fakekit

import (
	"context"
	"fmt"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
)

// fakePorts hands out port numbers so that each in-memory server, and each
// client end of a connection, has an address of its own in logs and in
// Request.RemoteAddr.
var fakePorts atomic.Uint32

func fakeAddr() *net.TCPAddr {
	return &net.TCPAddr{
		IP:   net.IPv4(127, 0, 0, 1),
		Port: 20000 + int(fakePorts.Add(1)%40000),
	}
}

// memListener is a net.Listener whose connections are net.Pipe pairs
// handed over a channel, so that a goroutine waiting in Accept or Dial is
// durably blocked in the synctest sense and virtual time can advance.
type memListener struct {
	addr      *net.TCPAddr
	conns     chan net.Conn
	done      chan struct{}
	closeOnce sync.Once
}

func newMemListener() *memListener {
	return &memListener{
		addr:  fakeAddr(),
		conns: make(chan net.Conn),
		done:  make(chan struct{}),
	}
}

// Accept waits for a DialContext, or returns net.ErrClosed after Close.
func (l *memListener) Accept() (net.Conn, error) {
	// Checked first so that a dial racing with Close is not accepted by a
	// server that is shutting down.
	select {
	case <-l.done:
		return nil, net.ErrClosed
	default:
	}
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close makes Accept and DialContext fail from now on.
func (l *memListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return nil
}

// Addr is the loopback-looking address that the server's URL names.
func (l *memListener) Addr() net.Addr { return l.addr }

// DialContext connects to the listener if address is its address, and
// fails like a refused TCP connection once the listener is closed.
func (l *memListener) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	if address != l.addr.String() {
		return nil, &net.OpError{Op: "dial", Net: network,
			Err: fmt.Errorf("fakekit: %s is not the in-memory server at %s", address, l.addr)}
	}
	local := fakeAddr()
	client, server := net.Pipe()
	select {
	case l.conns <- &memConn{Conn: server, local: l.addr, remote: local}:
		return &memConn{Conn: client, local: local, remote: l.addr}, nil
	case <-l.done:
		_, _ = client.Close(), server.Close()
		return nil, &net.OpError{Op: "dial", Net: network, Addr: l.addr,
			Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	case <-ctx.Done():
		_, _ = client.Close(), server.Close()
		return nil, &net.OpError{Op: "dial", Net: network, Addr: l.addr, Err: ctx.Err()}
	}
}

// memConn gives a pipe end TCP loopback addresses, so that both sides treat
// the connection as local.
type memConn struct {
	net.Conn
	local, remote net.Addr
}

func (c *memConn) LocalAddr() net.Addr  { return c.local }
func (c *memConn) RemoteAddr() net.Addr { return c.remote }
