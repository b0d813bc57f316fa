//! UDP sockets (`dgram`) as handles of the loop's poll: a bound socket that JavaScript reads
//! from (`readStart`) reports each datagram as an EV_MESSAGE event with its sender's address;
//! sends are made at once (a UDP send does not wait for the peer; a full socket buffer is
//! EAGAIN, as libuv's try-send gives).

use super::*;

/// Datagrams read per poll from one socket, so a flood cannot starve the loop.
const MESSAGES_PER_POLL: usize = 64;
/// The largest UDP payload.
const MAX_DATAGRAM: usize = 65536;

pub(super) fn receive(
    id: usize,
    s: &mut UdpSocket,
    readable: &mut bool,
    buf: &mut Vec<u8>,
    out: &mut Vec<Ev>,
) {
    if !*readable {
        return;
    }
    buf.resize(MAX_DATAGRAM, 0);
    for _ in 0..MESSAGES_PER_POLL {
        match s.recv_from(buf) {
            Ok((n, from)) => out.push(Ev::Message(id, buf[..n].to_vec(), from)),
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

fn set_int(fd: i32, level: i32, name: i32, value: libc::c_int) -> io::Result<()> {
    let r = unsafe {
        libc::setsockopt(
            fd,
            level,
            name,
            (&value as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// A non-blocking UDP socket bound to `addr` (SO_REUSEADDR and IPV6_V6ONLY as asked).
fn bind(addr: SocketAddr, reuse: bool, v6only: bool) -> io::Result<UdpSocket> {
    let domain = if addr.is_ipv6() {
        libc::AF_INET6
    } else {
        libc::AF_INET
    };
    unsafe {
        let fd = libc::socket(
            domain,
            libc::SOCK_DGRAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            0,
        );
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        use std::os::fd::FromRawFd;
        let socket = std::net::UdpSocket::from_raw_fd(fd);
        if reuse {
            set_int(fd, libc::SOL_SOCKET, libc::SO_REUSEADDR, 1)?;
        }
        if addr.is_ipv6() {
            set_int(fd, libc::IPPROTO_IPV6, libc::IPV6_V6ONLY, v6only as libc::c_int)?;
        }
        let (storage, len) = sockaddr_of(addr);
        if libc::bind(fd, (&storage as *const libc::sockaddr_storage).cast(), len) != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(UdpSocket::from_std(socket))
    }
}

/// The address `host`:`port` names for a socket of the given family (v6 or not).
fn target(host: &str, port: u16, v6: bool) -> std::result::Result<SocketAddr, i32> {
    let addrs = resolve(host, port)?;
    addrs
        .iter()
        .find(|a| a.is_ipv6() == v6)
        .copied()
        .ok_or(-libc::EAFNOSUPPORT)
}

fn with_socket<T>(
    net: &Rc<RefCell<Net>>,
    id: f64,
    f: impl FnOnce(&UdpSocket) -> std::result::Result<T, i32>,
) -> std::result::Result<T, i32> {
    match net.borrow().handles.get(&(id as usize)).map(|h| &h.sock) {
        Some(Sock::Udp(s)) => f(s),
        _ => Err(-libc::EBADF),
    }
}

fn status(r: std::result::Result<(), i32>) -> i32 {
    r.err().unwrap_or(0)
}

pub(super) fn install<'js>(ctx: &Ctx<'js>, o: &Object<'js>, net: Rc<RefCell<Net>>) -> Result<()> {
    let n = net.clone();
    // flags: 1 reuseAddr, 2 ipv6Only. The handle's id, or a negative errno.
    set_fn(
        ctx,
        o,
        "udpBind",
        move |v6: bool, host: String, port: i32, flags: i32| -> i64 {
            let port = port.clamp(0, 65535) as u16;
            let addr = if host.is_empty() {
                let ip = if v6 {
                    IpAddr::V6(Ipv6Addr::UNSPECIFIED)
                } else {
                    IpAddr::V4(Ipv4Addr::UNSPECIFIED)
                };
                SocketAddr::new(ip, port)
            } else {
                match target(&host, port, v6) {
                    Ok(a) => a,
                    Err(e) => return e as i64,
                }
            };
            match bind(addr, flags & 1 != 0, flags & 2 != 0) {
                Ok(s) => match n.borrow_mut().add(Sock::Udp(s)) {
                    Ok(id) => id as i64,
                    Err(e) => errno_of(&e) as i64,
                },
                Err(e) => errno_of(&e) as i64,
            }
        },
    )?;
    let n = net.clone();
    // Sends `data` to host:port (to the connected peer when host is empty): the byte count or
    // a negative errno.
    set_fn(
        ctx,
        o,
        "udpSend",
        move |id: f64, data: Value<'js>, host: String, port: i32| -> i64 {
            let Some(bytes) = bytes_of(&data, false) else {
                return -libc::EINVAL as i64;
            };
            let r = with_socket(&n, id, |s| {
                let sent = if host.is_empty() {
                    s.send(&bytes)
                } else {
                    let v6 = s.local_addr().map(|a| a.is_ipv6()).unwrap_or(false);
                    let to = target(&host, port.clamp(0, 65535) as u16, v6)?;
                    s.send_to(&bytes, to)
                };
                sent.map_err(|e| errno_of(&e))
            });
            match r {
                Ok(sent) => sent as i64,
                Err(e) => e as i64,
            }
        },
    )?;
    let n = net.clone();
    set_fn(
        ctx,
        o,
        "udpConnect",
        move |id: f64, host: String, port: i32| -> i32 {
            status(with_socket(&n, id, |s| {
                let v6 = s.local_addr().map(|a| a.is_ipv6()).unwrap_or(false);
                let to = target(&host, port.clamp(0, 65535) as u16, v6)?;
                s.connect(to).map_err(|e| errno_of(&e))
            }))
        },
    )?;
    let n = net.clone();
    set_fn(ctx, o, "udpDisconnect", move |id: f64| -> i32 {
        status(with_socket(&n, id, |s| {
            use std::os::fd::AsRawFd;
            // Connecting to AF_UNSPEC dissolves a datagram socket's association.
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
                return Err(errno_of(&io::Error::last_os_error()));
            }
            Ok(())
        }))
    })?;
    let n = net.clone();
    // broadcast, ttl, multicastTTL, multicastLoopback: 0 or a negative errno.
    set_fn(
        ctx,
        o,
        "udpSetOption",
        move |id: f64, name: String, value: i32| -> i32 {
            status(with_socket(&n, id, |s| {
                let v6 = s.local_addr().map(|a| a.is_ipv6()).unwrap_or(false);
                let r = match (name.as_str(), v6) {
                    ("broadcast", _) => s.set_broadcast(value != 0),
                    ("ttl", _) => s.set_ttl(value as u32),
                    ("multicastTTL", false) => s.set_multicast_ttl_v4(value as u32),
                    ("multicastLoopback", false) => s.set_multicast_loop_v4(value != 0),
                    ("multicastLoopback", true) => s.set_multicast_loop_v6(value != 0),
                    ("multicastTTL", true) => {
                        use std::os::fd::AsRawFd;
                        set_int(
                            s.as_raw_fd(),
                            libc::IPPROTO_IPV6,
                            libc::IPV6_MULTICAST_HOPS,
                            value,
                        )
                    }
                    _ => return Err(-libc::EINVAL),
                };
                r.map_err(|e| errno_of(&e))
            }))
        },
    )?;
    let n = net;
    // Joins (or leaves) a multicast group, on the given interface address or any.
    set_fn(
        ctx,
        o,
        "udpMembership",
        move |id: f64, group: String, iface: String, join: bool| -> i32 {
            status(with_socket(&n, id, |s| {
                let Ok(group) = group.parse::<IpAddr>() else {
                    return Err(-libc::EINVAL);
                };
                let r = match group {
                    IpAddr::V4(g) => {
                        let iface = if iface.is_empty() {
                            Ipv4Addr::UNSPECIFIED
                        } else {
                            iface.parse().map_err(|_| -libc::EINVAL)?
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
                };
                r.map_err(|e| errno_of(&e))
            }))
        },
    )
}
