//! UDP sockets (`dgram`): making a bound non-blocking socket, reading what has arrived, and
//! the socket options Node's dgram sets. The natives and the poll that drives them are the
//! parent's (`net_binding.rs`): a UDP socket is one more handle of its poll.

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use mio::net::UdpSocket;

use crate::sockaddr::{bind_to, new_socket};

/// Datagrams read per poll from one socket, so a flood cannot starve the loop.
const MESSAGES_PER_POLL: usize = 64;
/// The largest UDP payload.
const MAX_DATAGRAM: usize = 65536;

/// Reads what has arrived (up to MESSAGES_PER_POLL datagrams), giving each to `got` with its
/// sender; `readable` turns false once a read would block.
pub(super) fn receive(
    s: &mut UdpSocket,
    readable: &mut bool,
    buf: &mut Vec<u8>,
    mut got: impl FnMut(Vec<u8>, SocketAddr),
) {
    if !*readable {
        return;
    }
    buf.resize(MAX_DATAGRAM, 0);
    for _ in 0..MESSAGES_PER_POLL {
        match s.recv_from(buf) {
            Ok((n, from)) => got(buf[..n].to_vec(), from),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                *readable = false;
                return;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            // An ICMP error queued on the socket (a connected socket's peer refused a datagram):
            // reading it clears it; libuv drops these too.
            Err(_) => {}
        }
    }
}

/// A non-blocking UDP socket bound to `addr` (SO_REUSEADDR and IPV6_V6ONLY as asked).
pub(super) fn bind(addr: SocketAddr, reuse: bool, v6only: bool) -> io::Result<UdpSocket> {
    use std::os::fd::AsRawFd;
    let fd = new_socket(addr, libc::SOCK_DGRAM)?;
    if reuse {
        crate::sockaddr::set_option(fd.as_raw_fd(), libc::SOL_SOCKET, libc::SO_REUSEADDR, 1)?;
    }
    if addr.is_ipv6() {
        crate::sockaddr::set_option(
            fd.as_raw_fd(),
            libc::IPPROTO_IPV6,
            libc::IPV6_V6ONLY,
            v6only as libc::c_int,
        )?;
    }
    bind_to(fd.as_raw_fd(), addr)?;
    Ok(UdpSocket::from_std(std::net::UdpSocket::from(fd)))
}

/// Whether the socket is an IPv6 one (its address family decides what it can send to).
pub(super) fn is_v6(s: &UdpSocket) -> bool {
    s.local_addr().map(|a| a.is_ipv6()).unwrap_or(false)
}

/// Dissolves a connected socket's association (connecting to AF_UNSPEC).
pub(super) fn disconnect(s: &UdpSocket) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let mut unspec: libc::sockaddr = unsafe { std::mem::zeroed() };
    unspec.sa_family = libc::AF_UNSPEC as libc::sa_family_t;
    let r = unsafe {
        libc::connect(
            s.as_raw_fd(),
            &unspec,
            std::mem::size_of::<libc::sockaddr>() as libc::socklen_t,
        )
    };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Sets one of Node's options: broadcast, ttl, multicastTTL, multicastLoopback.
pub(super) fn set_option(s: &UdpSocket, name: &str, value: i32) -> io::Result<()> {
    match (name, is_v6(s)) {
        ("broadcast", _) => s.set_broadcast(value != 0),
        ("ttl", _) => s.set_ttl(value as u32),
        ("multicastTTL", false) => s.set_multicast_ttl_v4(value as u32),
        ("multicastLoopback", false) => s.set_multicast_loop_v4(value != 0),
        ("multicastLoopback", true) => s.set_multicast_loop_v6(value != 0),
        ("multicastTTL", true) => {
            use std::os::fd::AsRawFd;
            crate::sockaddr::set_option(
                s.as_raw_fd(),
                libc::IPPROTO_IPV6,
                libc::IPV6_MULTICAST_HOPS,
                value,
            )
        }
        _ => Err(io::Error::from_raw_os_error(libc::EINVAL)),
    }
}

/// Joins (or leaves) a multicast group, on the given interface address or any.
pub(super) fn membership(s: &UdpSocket, group: &str, iface: &str, join: bool) -> io::Result<()> {
    let invalid = || io::Error::from_raw_os_error(libc::EINVAL);
    match group.parse::<IpAddr>().map_err(|_| invalid())? {
        IpAddr::V4(g) => {
            let iface = if iface.is_empty() {
                Ipv4Addr::UNSPECIFIED
            } else {
                iface.parse().map_err(|_| invalid())?
            };
            if join {
                s.join_multicast_v4(&g, &iface)
            } else {
                s.leave_multicast_v4(&g, &iface)
            }
        }
        IpAddr::V6(g) => {
            if join {
                s.join_multicast_v6(&g, 0)
            } else {
                s.leave_multicast_v6(&g, 0)
            }
        }
    }
}
