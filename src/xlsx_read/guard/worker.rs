//! Reading a file in a child process, so that what no `catch_unwind` can stop (an out-of-memory
//! abort, a crash, a hang) costs one file, not the batch.
//!
//! Two ways to run a child:
//!
//! - [`run_isolated`]: one process per job. The input goes to the child's stdin, the job's
//!   result is everything the child writes to stdout, and exit status 0 means success.
//! - [`WorkerPool`]: long-lived children that each serve many jobs, speaking the protocol below
//!   over stdin/stdout; the child side is [`serve`]. A child that dies, overruns its timeout or
//!   breaks the protocol is killed and replaced by a fresh one on the next call.
//!
//! Both cap the child's address space with `setrlimit(RLIMIT_AS)` between `fork` and `exec`
//! (Linux and Android only; elsewhere there is no cap) and enforce a wall-clock timeout by
//! killing the child. The parent keeps the last 4 KiB of the child's stderr to tell an
//! allocation failure ("memory allocation of N bytes failed", then `SIGABRT`) from a crash.
//!
//! # Protocol
//!
//! All integers are little-endian.
//!
//! 1. On start the child writes the hello, [`HELLO`] (`\0styr-worker/1\n`). The parent ignores
//!    up to 64 KiB of output before it (a test harness or runtime may print a banner), and
//!    refuses a child that exits or stays silent instead.
//! 2. Request: `u32` length, then that many bytes.
//! 3. Response: `u32` length, then that many bytes: one tag byte and the body. Tag [`TAG_OK`]
//!    (0): the body is the handler's result. Tag [`TAG_PANICKED`] (1): the handler panicked;
//!    the body is the panic message (UTF-8, with its source location) and the child goes on
//!    serving. Tag [`TAG_FAILED`] (2): the child could not answer (the result did not fit a
//!    frame); the body says why.
//! 4. The child exits when its stdin ends. It owns stdout for the protocol: anything else the
//!    handler prints to stdout is redirected to stderr (Unix).

use std::ffi::OsString;
use std::fmt;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::human_size;
use crate::diag::{Diagnostic, Location};
use crate::tx;

/// Written by [`serve`] before anything else.
pub const HELLO: &[u8] = b"\0styr-worker/1\n";
/// Response tags.
pub const TAG_OK: u8 = 0;
pub const TAG_PANICKED: u8 = 1;
pub const TAG_FAILED: u8 = 2;

/// Output before the hello that is tolerated.
const MAX_BANNER: usize = 64 * 1024;
/// How much of the child's stderr is kept.
const STDERR_TAIL: usize = 4096;
/// How long a child that closed its stdout gets to exit before it is killed.
const EXIT_GRACE: Duration = Duration::from_secs(2);

/// Limits for one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerLimits {
    /// Wall-clock time for one job.
    pub timeout: Duration,
    /// For a pool: how long a new child may take to send its hello.
    pub startup: Duration,
    /// Address-space cap in bytes (`RLIMIT_AS`, Linux only); `None` for no cap.
    pub memory: Option<u64>,
    /// The largest result accepted from a child.
    pub max_output: usize,
}

impl Default for WorkerLimits {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            startup: Duration::from_secs(10),
            memory: Some(2 << 30),
            max_output: 256 << 20,
        }
    }
}

/// How a child process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
}

impl fmt::Display for Exit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exit::Code(c) => write!(f, "exit code {c}"),
            Exit::Signal(s) => match signal_name(*s) {
                Some(name) => write!(f, "signal {s} ({name})"),
                None => write!(f, "signal {s}"),
            },
        }
    }
}

#[cfg(unix)]
fn signal_name(signal: i32) -> Option<&'static str> {
    Some(match signal {
        libc::SIGABRT => "SIGABRT",
        libc::SIGKILL => "SIGKILL",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGBUS => "SIGBUS",
        libc::SIGILL => "SIGILL",
        libc::SIGFPE => "SIGFPE",
        libc::SIGTERM => "SIGTERM",
        _ => return None,
    })
}

#[cfg(not(unix))]
fn signal_name(_: i32) -> Option<&'static str> {
    None
}

/// Why a job in a child process failed. See the codes table in [`guard`](super).
#[derive(Debug)]
pub enum WorkerFailure {
    /// The job overran the timeout; the child was killed.
    Timeout(Duration),
    /// An allocation failed under the cap, or the kernel killed the child (`SIGKILL`).
    OutOfMemory { limit: Option<u64> },
    /// Any other abnormal end, with the last line the child wrote to stderr.
    Crashed { exit: Exit, stderr: String },
    /// The handler panicked; the panic was caught and the child lives on.
    Panicked(String),
    /// The child could not be started.
    Spawn(io::Error),
    /// The child did not speak the protocol (no hello, a bad frame, an oversized result).
    Protocol(String),
}

impl WorkerFailure {
    pub fn code(&self) -> &'static str {
        match self {
            WorkerFailure::Timeout(_) => "R040",
            WorkerFailure::OutOfMemory { .. } => "R041",
            WorkerFailure::Crashed { .. } => "R042",
            WorkerFailure::Panicked(_) => "R043",
            WorkerFailure::Protocol(_) => "R044",
            WorkerFailure::Spawn(_) => "R045",
        }
    }

    pub fn describe(&self) -> String {
        match self {
            WorkerFailure::Timeout(d) => {
                tx!("R040", "seconds" => d.as_secs_f64().to_string())
            }
            WorkerFailure::OutOfMemory { limit: Some(l) } => {
                tx!("R041", "limit" => human_size(*l))
            }
            WorkerFailure::OutOfMemory { limit: None } => tx!("R041-unlimited"),
            WorkerFailure::Crashed { exit, .. } => tx!("R042", "exit" => exit.to_string()),
            WorkerFailure::Panicked(_) => tx!("R043"),
            WorkerFailure::Spawn(e) => tx!("R045", "error" => e.to_string()),
            WorkerFailure::Protocol(msg) => tx!("R044", "error" => msg),
        }
    }

    pub fn hint(&self) -> String {
        tx!(match self {
            WorkerFailure::Timeout(_) | WorkerFailure::OutOfMemory { .. } => "R040-hint",
            WorkerFailure::Crashed { .. } | WorkerFailure::Panicked(_) => "R042-hint",
            WorkerFailure::Spawn(_) | WorkerFailure::Protocol(_) => "R045-hint",
        })
    }

    /// The finding, located at `file`.
    pub fn diagnostic(&self, file: &Path) -> Diagnostic {
        let d = Diagnostic::error(
            self.code(),
            Location::File(file.to_path_buf()),
            self.describe(),
        )
        .hint(self.hint());
        match self {
            WorkerFailure::Panicked(msg) => d.detail(one_line_panic(msg)),
            WorkerFailure::Crashed { stderr, .. } if !stderr.is_empty() => d.detail(stderr),
            _ => d,
        }
    }
}

impl fmt::Display for WorkerFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

impl std::error::Error for WorkerFailure {}

/// Runs `exe args` once: writes `input` to its stdin, returns its stdout.
///
/// # Errors
/// [`WorkerFailure::Timeout`] when it overruns `limits.timeout` (it is killed);
/// [`WorkerFailure::OutOfMemory`] or [`WorkerFailure::Crashed`] when it exits abnormally
/// (any non-zero status); [`WorkerFailure::Protocol`] when its output exceeds
/// `limits.max_output`; [`WorkerFailure::Spawn`] when it cannot be started.
pub fn run_isolated(
    exe: &Path,
    args: &[OsString],
    input: &[u8],
    limits: &WorkerLimits,
) -> Result<Vec<u8>, WorkerFailure> {
    let deadline = deadline_after(limits.timeout);
    let mut child = command(exe, args, limits)
        .spawn()
        .map_err(WorkerFailure::Spawn)?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        kill(&mut child);
        return Err(WorkerFailure::Protocol(
            "the child's pipes are missing".into(),
        ));
    };
    let max_output = limits.max_output;
    thread::scope(|scope| {
        // A child that stops reading gets a broken pipe here, which is its business.
        scope.spawn(move || drop(stdin.write_all(input)));
        let stderr = scope.spawn(move || drain_tail(stderr));
        let (tx, rx) = mpsc::channel();
        scope.spawn(move || {
            let mut out = Vec::new();
            let read = stdout
                .take((max_output as u64).saturating_add(1))
                .read_to_end(&mut out);
            drop(tx.send(read.map(|_| out)));
        });
        let output = match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Ok(out)) if out.len() <= max_output => out,
            Ok(Ok(_)) => {
                kill(&mut child);
                return Err(WorkerFailure::Protocol(format!(
                    "its output exceeds {}",
                    human_size(max_output as u64)
                )));
            }
            Ok(Err(e)) => {
                kill(&mut child);
                return Err(WorkerFailure::Protocol(format!(
                    "cannot read its output: {e}"
                )));
            }
            Err(_) => {
                kill(&mut child);
                return Err(WorkerFailure::Timeout(limits.timeout));
            }
        };
        let Some(status) = wait_until(&mut child, deadline) else {
            kill(&mut child);
            return Err(WorkerFailure::Timeout(limits.timeout));
        };
        if status.success() {
            Ok(output)
        } else {
            let stderr = stderr.join().unwrap_or_default();
            Err(classify(status, &stderr, limits.memory))
        }
    })
}

/// Long-lived worker processes speaking the protocol in the [module docs](self).
///
/// `call` may be used from several threads; each call takes an idle worker (waiting for one if
/// all `size` are busy). A worker that fails a call other than by panicking is killed, and a
/// new one is started by the next call that needs it.
pub struct WorkerPool {
    exe: PathBuf,
    args: Vec<OsString>,
    limits: WorkerLimits,
    size: usize,
    state: Mutex<PoolState>,
    returned: Condvar,
    spawned: AtomicU64,
}

struct PoolState {
    idle: Vec<Worker>,
    /// Workers idle or checked out.
    live: usize,
}

impl WorkerPool {
    /// Starts `size` (at least 1) workers running `exe args` and waits for each one's hello.
    ///
    /// # Errors
    /// [`WorkerFailure::Spawn`] when a child cannot be started, [`WorkerFailure::Protocol`]
    /// when one does not send the hello within `limits.startup`.
    pub fn new(
        exe: &Path,
        args: &[OsString],
        size: usize,
        limits: WorkerLimits,
    ) -> Result<Self, WorkerFailure> {
        let pool = Self {
            exe: exe.to_path_buf(),
            args: args.to_vec(),
            limits,
            size: size.max(1),
            state: Mutex::new(PoolState {
                idle: Vec::new(),
                live: 0,
            }),
            returned: Condvar::new(),
            spawned: AtomicU64::new(0),
        };
        let mut workers = Vec::with_capacity(pool.size);
        for _ in 0..pool.size {
            workers.push(pool.start_worker()?);
        }
        let mut state = pool.lock();
        state.live = workers.len();
        state.idle = workers;
        drop(state);
        Ok(pool)
    }

    /// Sends `request` to an idle worker and returns the handler's result.
    ///
    /// # Errors
    /// [`WorkerFailure::Timeout`] (the worker is killed and replaced later),
    /// [`WorkerFailure::OutOfMemory`] or [`WorkerFailure::Crashed`] when the worker died,
    /// [`WorkerFailure::Panicked`] when the handler panicked (the worker lives on),
    /// [`WorkerFailure::Protocol`] for a broken frame or an oversized result, and
    /// [`WorkerFailure::Spawn`] when a replacement worker cannot be started.
    pub fn call(&self, request: &[u8]) -> Result<Vec<u8>, WorkerFailure> {
        if u32::try_from(request.len()).is_err() {
            return Err(WorkerFailure::Protocol(
                "the request does not fit a frame".into(),
            ));
        }
        let mut worker = self.checkout()?;
        match worker.exchange(request, &self.limits) {
            Ok(mut frame) => match frame.first().copied() {
                Some(TAG_OK) => {
                    self.checkin(worker);
                    frame.drain(..1);
                    Ok(frame)
                }
                Some(TAG_PANICKED) => {
                    self.checkin(worker);
                    Err(WorkerFailure::Panicked(text(&frame[1..])))
                }
                Some(TAG_FAILED) => {
                    self.checkin(worker);
                    Err(WorkerFailure::Protocol(text(&frame[1..])))
                }
                _ => {
                    self.discard(worker);
                    Err(WorkerFailure::Protocol(
                        "a response with an unknown tag".into(),
                    ))
                }
            },
            Err(failure) => {
                self.discard(worker);
                Err(failure)
            }
        }
    }

    /// The number of workers kept.
    pub fn size(&self) -> usize {
        self.size
    }

    /// How many child processes this pool has started, replacements included.
    pub fn spawned(&self) -> u64 {
        self.spawned.load(Ordering::Relaxed)
    }

    fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn start_worker(&self) -> Result<Worker, WorkerFailure> {
        self.spawned.fetch_add(1, Ordering::Relaxed);
        Worker::start(&self.exe, &self.args, &self.limits)
    }

    fn checkout(&self) -> Result<Worker, WorkerFailure> {
        let mut state = self.lock();
        loop {
            if let Some(mut worker) = state.idle.pop() {
                if worker.is_alive() {
                    return Ok(worker);
                }
                state.live -= 1; // died while idle; dropping it reaps it
                continue;
            }
            if state.live < self.size {
                state.live += 1;
                drop(state);
                return self.start_worker().inspect_err(|_| self.discard_slot());
            }
            state = self
                .returned
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn checkin(&self, worker: Worker) {
        self.lock().idle.push(worker);
        self.returned.notify_one();
    }

    fn discard(&self, worker: Worker) {
        drop(worker);
        self.discard_slot();
    }

    fn discard_slot(&self) {
        self.lock().live -= 1;
        self.returned.notify_one();
    }
}

/// One child of a pool, with a thread writing its requests, one reading its responses and
/// one keeping the tail of its stderr.
struct Worker {
    child: Child,
    requests: Option<Sender<Vec<u8>>>,
    responses: Receiver<Message>,
    stderr: Option<JoinHandle<Vec<u8>>>,
    threads: Vec<JoinHandle<()>>,
}

enum Message {
    Hello,
    Frame(Vec<u8>),
    /// Stdout ended: the child is exiting.
    Closed,
    /// The child wrote something that is not the protocol.
    Broken(String),
}

impl Worker {
    fn start(exe: &Path, args: &[OsString], limits: &WorkerLimits) -> Result<Self, WorkerFailure> {
        let mut child = command(exe, args, limits)
            .spawn()
            .map_err(WorkerFailure::Spawn)?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            kill(&mut child);
            return Err(WorkerFailure::Protocol(
                "the child's pipes are missing".into(),
            ));
        };
        let (request_tx, request_rx) = mpsc::channel();
        let (response_tx, response_rx) = mpsc::channel();
        let max_frame = limits.max_output.saturating_add(1);
        let threads = vec![
            thread::spawn(move || write_requests(stdin, request_rx)),
            thread::spawn(move || read_responses(stdout, response_tx, max_frame)),
        ];
        let mut worker = Worker {
            child,
            requests: Some(request_tx),
            responses: response_rx,
            stderr: Some(thread::spawn(move || drain_tail(stderr))),
            threads,
        };
        match worker.responses.recv_timeout(limits.startup) {
            Ok(Message::Hello) => Ok(worker),
            Ok(Message::Broken(msg)) => Err(WorkerFailure::Protocol(msg)),
            Ok(Message::Closed | Message::Frame(_)) | Err(RecvTimeoutError::Disconnected) => {
                Err(match worker.death(limits) {
                    WorkerFailure::Protocol(_) => {
                        WorkerFailure::Protocol("the child exited before it started serving".into())
                    }
                    other => other,
                })
            }
            Err(RecvTimeoutError::Timeout) => Err(WorkerFailure::Protocol(format!(
                "the child sent no hello within {} s",
                limits.startup.as_secs_f64()
            ))),
        }
    }

    fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// One request and its response frame (tag and body).
    fn exchange(
        &mut self,
        request: &[u8],
        limits: &WorkerLimits,
    ) -> Result<Vec<u8>, WorkerFailure> {
        let sent = self
            .requests
            .as_ref()
            .is_some_and(|tx| tx.send(request.to_vec()).is_ok());
        if !sent {
            return Err(self.death(limits));
        }
        match self.responses.recv_timeout(limits.timeout) {
            Ok(Message::Frame(frame)) => Ok(frame),
            Ok(Message::Hello) => Err(WorkerFailure::Protocol("a second hello".into())),
            Ok(Message::Broken(msg)) => Err(WorkerFailure::Protocol(msg)),
            Ok(Message::Closed) | Err(RecvTimeoutError::Disconnected) => Err(self.death(limits)),
            Err(RecvTimeoutError::Timeout) => Err(WorkerFailure::Timeout(limits.timeout)),
        }
    }

    /// Why the child, whose stdout has ended, died.
    fn death(&mut self, limits: &WorkerLimits) -> WorkerFailure {
        let Some(status) = wait_until(&mut self.child, deadline_after(EXIT_GRACE)) else {
            return WorkerFailure::Protocol("it closed its output but did not exit".into());
        };
        if status.success() {
            return WorkerFailure::Protocol("it exited in the middle of a request".into());
        }
        let stderr = self
            .stderr
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default();
        classify(status, &stderr, limits.memory)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        drop(self.requests.take());
        kill(&mut self.child);
        for handle in self.threads.drain(..) {
            drop(handle.join());
        }
        if let Some(handle) = self.stderr.take() {
            drop(handle.join());
        }
    }
}

fn write_requests(stdin: ChildStdin, requests: Receiver<Vec<u8>>) {
    let mut out = BufWriter::new(stdin);
    for request in requests {
        let Ok(len) = u32::try_from(request.len()) else {
            return;
        };
        let written = out
            .write_all(&len.to_le_bytes())
            .and_then(|()| out.write_all(&request))
            .and_then(|()| out.flush());
        if written.is_err() {
            return;
        }
    }
}

fn read_responses(stdout: impl Read, responses: Sender<Message>, max_frame: usize) {
    let mut input = BufReader::new(stdout);
    let message = match await_hello(&mut input) {
        Ok(()) => Message::Hello,
        Err(message) => {
            drop(responses.send(message));
            return;
        }
    };
    if responses.send(message).is_err() {
        return;
    }
    loop {
        let message = match read_frame(&mut input, max_frame) {
            Ok(Some(frame)) => Message::Frame(frame),
            Ok(None) => Message::Closed,
            Err(msg) => Message::Broken(msg),
        };
        let last = !matches!(message, Message::Frame(_));
        if responses.send(message).is_err() || last {
            return;
        }
    }
}

fn await_hello(input: &mut impl BufRead) -> Result<(), Message> {
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        match input.read(&mut byte) {
            Ok(0) | Err(_) => return Err(Message::Closed),
            Ok(_) => seen.push(byte[0]),
        }
        if seen.ends_with(HELLO) {
            return Ok(());
        }
        if seen.len() > MAX_BANNER {
            return Err(Message::Broken(
                "the child wrote 64 KiB without the worker hello; is it a styr worker?".into(),
            ));
        }
    }
}

/// One frame; `Ok(None)` when the stream ends cleanly before it.
///
/// # Errors
/// A message for an oversized or cut-off frame.
fn read_frame(input: &mut impl Read, max_len: usize) -> Result<Option<Vec<u8>>, String> {
    let mut len = [0u8; 4];
    if !read_exact_or_eof(input, &mut len).map_err(|e| e.to_string())? {
        return Ok(None);
    }
    let len = u32::from_le_bytes(len) as usize;
    if len > max_len {
        return Err(format!(
            "a response of {} is too large",
            human_size(len as u64)
        ));
    }
    let mut frame = Vec::with_capacity(len.min(64 << 20));
    input
        .take(len as u64)
        .read_to_end(&mut frame)
        .map_err(|e| e.to_string())?;
    if frame.len() != len {
        return Err("a response frame is cut off".into());
    }
    Ok(Some(frame))
}

/// Fills `buf`, or returns `Ok(false)` if the stream ends before its first byte.
fn read_exact_or_eof(input: &mut impl Read, buf: &mut [u8]) -> io::Result<bool> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) if filled == 0 => return Ok(false),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

fn command(exe: &Path, args: &[OsString], limits: &WorkerLimits) -> Command {
    let mut cmd = Command::new(exe);
    cmd.args(args)
        // Anything the reader says is in the language of the parent process.
        .env("STYR_LANG", crate::i18n::current().tag())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cap_memory(&mut cmd, limits.memory);
    cmd
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn cap_memory(cmd: &mut Command, limit: Option<u64>) {
    use std::os::unix::process::CommandExt;
    let Some(bytes) = limit else {
        return;
    };
    let rlim = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: the closure runs in the child between fork and exec. It calls only setrlimit,
    // which is async-signal-safe, and allocates nothing (`last_os_error` reads errno).
    unsafe {
        cmd.pre_exec(move || {
            if libc::setrlimit(libc::RLIMIT_AS, &rlim) == 0 {
                Ok(())
            } else {
                Err(io::Error::last_os_error())
            }
        });
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn cap_memory(_: &mut Command, _: Option<u64>) {}

fn kill(child: &mut Child) {
    drop(child.kill());
    drop(child.wait());
}

/// `timeout` from now, or as good as never for an absurdly long timeout.
fn deadline_after(timeout: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(timeout)
        .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 24 * 3600)))
        .unwrap_or(now)
}

/// The child's exit status if it exits before `deadline`.
fn wait_until(child: &mut Child, deadline: Instant) -> Option<ExitStatus> {
    // A child that closed its stdout is normally gone within a few hundred microseconds.
    let mut pause = Duration::from_micros(20);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) => {}
            Err(_) => return child.wait().ok(),
        }
        let now = Instant::now();
        if now >= deadline {
            return None;
        }
        thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_micros(500));
    }
}

/// The last [`STDERR_TAIL`] bytes of a stream.
fn drain_tail(mut input: impl Read) -> Vec<u8> {
    let mut tail = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => tail.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
        if tail.len() > 2 * STDERR_TAIL {
            tail.drain(..tail.len() - STDERR_TAIL);
        }
    }
    if tail.len() > STDERR_TAIL {
        tail.drain(..tail.len() - STDERR_TAIL);
    }
    tail
}

fn exit_of(status: ExitStatus) -> Exit {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return Exit::Signal(signal);
        }
    }
    Exit::Code(status.code().unwrap_or(-1))
}

/// What an abnormal exit means. Rust reports a failed allocation on stderr and aborts; a
/// `SIGKILL` the parent did not send comes from the kernel's out-of-memory killer.
fn classify(status: ExitStatus, stderr: &[u8], memory: Option<u64>) -> WorkerFailure {
    let stderr = String::from_utf8_lossy(stderr);
    let exit = exit_of(status);
    #[cfg(unix)]
    let killed = exit == Exit::Signal(libc::SIGKILL);
    #[cfg(not(unix))]
    let killed = false;
    if killed || stderr.contains("memory allocation of") {
        return WorkerFailure::OutOfMemory { limit: memory };
    }
    let last_line = stderr
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    WorkerFailure::Crashed {
        exit,
        stderr: last_line.to_string(),
    }
}

/// A panic message on one line, as a finding is (`panicked at FILE:LINE:COL:` and the message
/// on the next line), with a dependency's path from its crate folder on, not from the cargo
/// registry of the machine that built styr.
fn one_line_panic(msg: &str) -> String {
    let joined = msg
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>();
    let mut line = joined.join(" ");
    if let Some(at) = line.find("/registry/src/") {
        let rest = &line[at + "/registry/src/".len()..];
        if let Some(slash) = rest.find('/') {
            let start = line[..at].rfind(' ').map_or(0, |i| i + 1);
            line = format!("{}{}", &line[..start], &rest[slash + 1..]);
        }
    }
    line
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The child side of [`WorkerPool`]: answers requests from stdin with `handler` until stdin
/// ends, as described in the [module docs](self). A panic in `handler` is caught and answered
/// with [`TAG_PANICKED`] and the panic message; the loop goes on.
///
/// While it runs, `serve` owns stdout (Unix: what else is printed goes to stderr) and the
/// panic hook (restored on return).
///
/// # Errors
/// An I/O error on stdin or stdout, or a request cut off by the end of stdin.
pub fn serve(handler: impl Fn(&[u8]) -> Vec<u8>) -> io::Result<()> {
    let mut out = BufWriter::new(ProtocolOut::take()?);
    out.write_all(HELLO)?;
    out.flush()?;
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        drop(writeln!(io::stderr(), "styr worker: {message}"));
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
    }));
    let result = serve_requests(&handler, &mut out);
    panic::set_hook(previous_hook);
    result
}

fn serve_requests(handler: &dyn Fn(&[u8]) -> Vec<u8>, out: &mut impl Write) -> io::Result<()> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    loop {
        let mut len = [0u8; 4];
        if !read_exact_or_eof(&mut input, &mut len)? {
            return Ok(());
        }
        let len = u64::from(u32::from_le_bytes(len));
        // Sized once (growing by doubling costs copies and page faults on every request), but
        // not trusting a length beyond what a return can be before its bytes arrive.
        let mut request = Vec::with_capacity(usize::try_from(len.min(64 << 20)).unwrap_or(0));
        (&mut input).take(len).read_to_end(&mut request)?;
        if request.len() as u64 != len {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        LAST_PANIC.with(|p| p.borrow_mut().take());
        let (tag, body) = match panic::catch_unwind(AssertUnwindSafe(|| handler(&request))) {
            Ok(body) => (TAG_OK, body),
            Err(payload) => {
                let message = LAST_PANIC
                    .with(|p| p.borrow_mut().take())
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_string()))
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic without a message".into());
                (TAG_PANICKED, message.into_bytes())
            }
        };
        let (tag, body, len) = match u32::try_from(body.len() + 1) {
            Ok(len) => (tag, body, len),
            Err(_) => {
                let body = b"the result does not fit a frame".to_vec();
                let len = body.len() as u32 + 1;
                (TAG_FAILED, body, len)
            }
        };
        out.write_all(&len.to_le_bytes())?;
        out.write_all(&[tag])?;
        out.write_all(&body)?;
        out.flush()?;
    }
}

/// The protocol's stdout. On Unix the real stdout is moved to a new descriptor and descriptor 1
/// is pointed at stderr, so that a stray `println!` cannot corrupt the frames; dropping this
/// puts stdout back.
struct ProtocolOut {
    #[cfg(unix)]
    file: std::fs::File,
    #[cfg(not(unix))]
    stdout: io::Stdout,
}

impl ProtocolOut {
    #[cfg(unix)]
    fn take() -> io::Result<Self> {
        use std::os::fd::{FromRawFd, OwnedFd};
        io::stdout().flush()?;
        // SAFETY: fcntl and dup2 act on this process's own standard descriptors. The duplicate
        // is a fresh descriptor that nothing else owns, so OwnedFd may take it.
        unsafe {
            let fd = libc::fcntl(libc::STDOUT_FILENO, libc::F_DUPFD_CLOEXEC, 3);
            if fd < 0 {
                return Err(io::Error::last_os_error());
            }
            let owned = OwnedFd::from_raw_fd(fd);
            if libc::dup2(libc::STDERR_FILENO, libc::STDOUT_FILENO) < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(Self {
                file: std::fs::File::from(owned),
            })
        }
    }

    #[cfg(not(unix))]
    fn take() -> io::Result<Self> {
        Ok(Self {
            stdout: io::stdout(),
        })
    }
}

impl Write for ProtocolOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        #[cfg(unix)]
        return self.file.write(buf);
        #[cfg(not(unix))]
        return self.stdout.write(buf);
    }

    fn flush(&mut self) -> io::Result<()> {
        #[cfg(unix)]
        return self.file.flush();
        #[cfg(not(unix))]
        return self.stdout.flush();
    }
}

#[cfg(unix)]
impl Drop for ProtocolOut {
    fn drop(&mut self) {
        use std::os::fd::AsRawFd;
        drop(io::stdout().flush());
        // SAFETY: points descriptor 1 back at the stdout saved in `take`, still open here.
        unsafe {
            libc::dup2(self.file.as_raw_fd(), libc::STDOUT_FILENO);
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in super::super) fn all_codes() -> Vec<&'static str> {
        [
            WorkerFailure::Timeout(Duration::ZERO),
            WorkerFailure::OutOfMemory { limit: None },
            WorkerFailure::Crashed {
                exit: Exit::Code(1),
                stderr: String::new(),
            },
            WorkerFailure::Panicked(String::new()),
            WorkerFailure::Spawn(io::ErrorKind::NotFound.into()),
            WorkerFailure::Protocol(String::new()),
        ]
        .iter()
        .map(WorkerFailure::code)
        .collect()
    }

    #[test]
    fn frames_round_trip_and_oversized_or_cut_frames_are_refused() {
        let mut bytes = 3u32.to_le_bytes().to_vec();
        bytes.extend_from_slice(&[TAG_OK, b'h', b'i']);
        let mut input = &bytes[..];
        assert_eq!(
            read_frame(&mut input, 10),
            Ok(Some(vec![TAG_OK, b'h', b'i']))
        );
        assert_eq!(read_frame(&mut input, 10), Ok(None));
        assert!(read_frame(&mut &bytes[..], 2).is_err());
        assert!(read_frame(&mut &bytes[..4], 10).is_err());
        assert!(read_frame(&mut &bytes[..2], 10).is_err());
    }

    #[test]
    fn hello_is_found_after_a_banner() {
        let mut bytes = b"\nrunning 1 test\n".to_vec();
        bytes.extend_from_slice(HELLO);
        assert!(await_hello(&mut &bytes[..]).is_ok());
        assert!(matches!(
            await_hello(&mut &b"no hello"[..]),
            Err(Message::Closed)
        ));
    }

    #[test]
    fn panics_read_on_one_line_without_the_registry_path() {
        let calamine = "panicked at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/\
                        calamine-0.38.0/src/xlsx/mod.rs:3097:38:\nattempt to multiply with overflow";
        assert_eq!(
            one_line_panic(calamine),
            "panicked at calamine-0.38.0/src/xlsx/mod.rs:3097:38: attempt to multiply with overflow"
        );
        let ours = "panicked at src/collect/read.rs:12:5:\nboom";
        assert_eq!(
            one_line_panic(ours),
            "panicked at src/collect/read.rs:12:5: boom"
        );
        assert_eq!(
            one_line_panic("a panic without a message"),
            "a panic without a message"
        );
    }

    #[test]
    fn stderr_tail_keeps_the_end() {
        let long: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        let tail = drain_tail(&long[..]);
        assert_eq!(tail, &long[long.len() - STDERR_TAIL..]);
    }
}
