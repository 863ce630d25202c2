//! A loopback port that refuses connections for as long as its guard lives.
//!
//! Binding a listener to port 0 and dropping it leaves a port that is free only until another
//! test binds it, so a "refused" request can reach someone else's server. This guard holds a
//! TCP socket that is bound but never listens: a connection to it is answered with a reset
//! (ECONNREFUSED), and since the socket does not set `SO_REUSEADDR`, no other socket (nor the
//! kernel's choice for port 0) can take the port while the guard lives.

#![allow(dead_code)]

use std::net::{Ipv4Addr, SocketAddrV4};

/// Keeps the port reserved; closes the socket when dropped.
pub struct RefusedPort {
    fd: libc::c_int,
    addr: SocketAddrV4,
}

impl RefusedPort {
    /// Reserves a port on 127.0.0.1 on which nothing will ever listen.
    pub fn new() -> Self {
        // SAFETY: plain socket calls on a descriptor this guard owns; the sockaddr is a
        // zero-initialised `sockaddr_in` whose size is passed along.
        unsafe {
            let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
            assert!(fd >= 0, "socket: {}", std::io::Error::last_os_error());
            let mut sin: libc::sockaddr_in = std::mem::zeroed();
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_addr.s_addr = u32::from(Ipv4Addr::LOCALHOST).to_be();
            sin.sin_port = 0;
            let len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
            let bound = libc::bind(fd, std::ptr::addr_of!(sin).cast(), len);
            assert!(bound == 0, "bind: {}", std::io::Error::last_os_error());
            let mut out: libc::sockaddr_in = std::mem::zeroed();
            let mut out_len = len;
            let named = libc::getsockname(fd, std::ptr::addr_of_mut!(out).cast(), &mut out_len);
            assert!(
                named == 0,
                "getsockname: {}",
                std::io::Error::last_os_error()
            );
            let addr = SocketAddrV4::new(Ipv4Addr::LOCALHOST, u16::from_be(out.sin_port));
            Self { fd, addr }
        }
    }

    /// `127.0.0.1:<port>`.
    pub fn addr(&self) -> SocketAddrV4 {
        self.addr
    }
}

impl Drop for RefusedPort {
    fn drop(&mut self) {
        // SAFETY: the descriptor is owned by this guard and closed once.
        unsafe {
            libc::close(self.fd);
        }
    }
}
