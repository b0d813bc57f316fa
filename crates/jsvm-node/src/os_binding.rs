//! The `os` module's system calls: the machine name, process priorities and the network
//! interfaces (getifaddrs), as libuv gives them to Node.

use crate::set_fn::set_fn;
use jsvm::engine::rquickjs::{Array, Ctx, Object, Result};
use std::net::{Ipv4Addr, Ipv6Addr};

/// One address of an interface, as `os.networkInterfaces()` lists it: name, family (4 or 6),
/// address, netmask, mac, internal, scope id.
type Entry = (String, u8, String, String, String, bool, u32);

fn machine() -> String {
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    if unsafe { libc::uname(&mut u) } != 0 {
        return String::new();
    }
    let bytes: Vec<u8> = u
        .machine
        .iter()
        .take_while(|c| **c != 0)
        .map(|c| *c as u8)
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn mac_text(mac: &[u8; 6]) -> String {
    mac.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// The addresses of `getifaddrs`, IPv4 and IPv6 only, each with its interface's link-layer
/// address (from the interface's AF_PACKET entry; zeros when it has none).
fn interfaces() -> Vec<Entry> {
    let mut list: *mut libc::ifaddrs = std::ptr::null_mut();
    if unsafe { libc::getifaddrs(&mut list) } != 0 {
        return Vec::new();
    }
    let mut macs: Vec<(String, [u8; 6])> = Vec::new();
    let mut entries = Vec::new();
    let mut at = list;
    while !at.is_null() {
        // SAFETY: getifaddrs gave a list that lives until freeifaddrs below.
        let ifa = unsafe { &*at };
        at = ifa.ifa_next;
        let up = ifa.ifa_flags & libc::IFF_UP as u32 != 0;
        let running = ifa.ifa_flags & libc::IFF_RUNNING as u32 != 0;
        if ifa.ifa_addr.is_null() || !up || !running {
            continue;
        }
        let name = unsafe { std::ffi::CStr::from_ptr(ifa.ifa_name) }
            .to_string_lossy()
            .into_owned();
        let internal = ifa.ifa_flags & libc::IFF_LOOPBACK as u32 != 0;
        let family = unsafe { (*ifa.ifa_addr).sa_family } as i32;
        match family {
            libc::AF_PACKET => {
                let ll = unsafe { &*(ifa.ifa_addr as *const libc::sockaddr_ll) };
                let mut mac = [0u8; 6];
                mac.copy_from_slice(&ll.sll_addr[..6]);
                macs.push((name, mac));
            }
            libc::AF_INET => {
                let addr = unsafe { &*(ifa.ifa_addr as *const libc::sockaddr_in) };
                let mask = match ifa.ifa_netmask.is_null() {
                    true => 0,
                    false => unsafe {
                        (*(ifa.ifa_netmask as *const libc::sockaddr_in))
                            .sin_addr
                            .s_addr
                    },
                };
                let address = Ipv4Addr::from(u32::from_be(addr.sin_addr.s_addr)).to_string();
                let netmask = Ipv4Addr::from(u32::from_be(mask)).to_string();
                entries.push((name, 4, address, netmask, String::new(), internal, 0));
            }
            libc::AF_INET6 => {
                let addr = unsafe { &*(ifa.ifa_addr as *const libc::sockaddr_in6) };
                let mask = match ifa.ifa_netmask.is_null() {
                    true => [0; 16],
                    false => unsafe {
                        (*(ifa.ifa_netmask as *const libc::sockaddr_in6))
                            .sin6_addr
                            .s6_addr
                    },
                };
                let address = Ipv6Addr::from(addr.sin6_addr.s6_addr).to_string();
                let netmask = Ipv6Addr::from(mask).to_string();
                let scope = addr.sin6_scope_id;
                entries.push((name, 6, address, netmask, String::new(), internal, scope));
            }
            _ => {}
        }
    }
    unsafe { libc::freeifaddrs(list) };
    for e in &mut entries {
        let mac = macs
            .iter()
            .find(|(n, _)| *n == e.0)
            .map(|(_, m)| *m)
            .unwrap_or([0; 6]);
        e.4 = mac_text(&mac);
    }
    entries
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    set_fn(ctx, binding, "machine", machine)?;
    // Each address as [name, family, address, netmask, mac, internal, scopeid] (a list of
    // lists: the engine's conversions take no 7-tuples).
    set_fn(
        ctx,
        binding,
        "interfaces",
        |ctx: Ctx<'js>| -> Result<Vec<Object<'js>>> {
            interfaces()
                .into_iter()
                .map(|(name, family, address, netmask, mac, internal, scope)| {
                    let o = Object::new(ctx.clone())?;
                    o.set("name", name)?;
                    o.set("family", family)?;
                    o.set("address", address)?;
                    o.set("netmask", netmask)?;
                    o.set("mac", mac)?;
                    o.set("internal", internal)?;
                    o.set("scopeid", scope)?;
                    Ok(o)
                })
                .collect()
        },
    )?;
    // [priority of `pid`, 0], or [0, errno] (a priority may be negative).
    set_fn(ctx, binding, "getPriority", |pid: i32| -> Vec<i32> {
        unsafe {
            *libc::__errno_location() = 0;
            let p = libc::getpriority(libc::PRIO_PROCESS, pid as libc::id_t);
            match *libc::__errno_location() {
                0 => vec![p, 0],
                e => vec![0, e],
            }
        }
    })?;
    // 0, or the errno.
    set_fn(
        ctx,
        binding,
        "setPriority",
        |pid: i32, priority: i32| -> i32 {
            match unsafe { libc::setpriority(libc::PRIO_PROCESS, pid as libc::id_t, priority) } {
                0 => 0,
                _ => std::io::Error::last_os_error()
                    .raw_os_error()
                    .unwrap_or(libc::EINVAL),
            }
        },
    )?;
    // libuv's name and text of an errno (as a negative number): [code, message].
    set_fn(ctx, binding, "uvErrname", |errno: i32| -> Vec<String> {
        let (code, message) = crate::net_binding::uv_err(errno);
        vec![code.to_string(), message.to_string()]
    })?;
    // Every libuv error as [errno, code, message], for util.getSystemErrorMap().
    set_fn(
        ctx,
        binding,
        "uvErrorMap",
        |ctx: Ctx<'js>| -> Result<Array<'js>> {
            let all = Array::new(ctx.clone())?;
            for (i, (errno, code, message)) in crate::uv_errors::uv_errors().enumerate() {
                let entry = Array::new(ctx.clone())?;
                entry.set(0, errno)?;
                entry.set(1, code)?;
                entry.set(2, message)?;
                all.set(i, entry)?;
            }
            Ok(all)
        },
    )?;
    Ok(())
}
