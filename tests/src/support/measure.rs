//! Runs a child process and measures it: its own peak resident set size (from `wait4`'s
//! `rusage`, so that other children of the test, cargo above all, do not count) and its wall
//! time.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a measured run produced.
#[derive(Debug)]
pub struct Measured {
    /// The exit code; `None` when a signal ended the process.
    pub code: Option<i32>,
    /// Everything it wrote to stdout.
    pub stdout: Vec<u8>,
    /// Everything it wrote to stderr.
    pub stderr: Vec<u8>,
    /// Its peak resident set size, in KiB (`ru_maxrss`).
    pub peak_rss_kib: u64,
    /// From spawn to exit.
    pub wall: Duration,
}

/// Runs `command` to its end, capturing its output, and measures it.
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4 below, which also returns its rusage"
)]
pub fn run_measured(command: &mut Command) -> Measured {
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the process starts");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let err_reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr.read_to_end(&mut text);
        text
    });
    let mut out = Vec::new();
    let _ = stdout.read_to_end(&mut out);
    let err = err_reader.join().unwrap_or_default();
    let pid = libc::pid_t::try_from(child.id()).expect("a pid fits pid_t");
    let mut status: libc::c_int = 0;
    // SAFETY: a zeroed `rusage` is a valid out-parameter; `pid` is our own unwaited child, so
    // wait4 reaps exactly it (std's `Child` is not waited on afterwards).
    let (reaped, usage) = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let reaped = libc::wait4(pid, &mut status, 0, &mut usage);
        (reaped, usage)
    };
    let wall = started.elapsed();
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Measured {
        code,
        stdout: out,
        stderr: err,
        // Linux reports ru_maxrss in KiB.
        peak_rss_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0),
        wall,
    }
}
