//! Running an outside suggester (`sayso suggest --with 'COMMAND'`): the
//! command gets the article text on stdin and its path in
//! `SAYSO_ARTICLE`, and what it prints on stdout is read back, within a
//! time limit.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How often a command that has closed its output is asked whether it has
/// ended.
const POLL: Duration = Duration::from_millis(5);

/// Why a command gave nothing to read.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("cannot run `{command}`: {error}")]
    Start {
        command: String,
        error: std::io::Error,
    },
    #[error("`{command}` failed ({}){}", ended(.status), last_line(.stderr))]
    Failed {
        command: String,
        status: ExitStatus,
        stderr: String,
    },
    #[error("`{command}` did not finish within {} s (--timeout) and was stopped", .timeout.as_secs_f64())]
    TimedOut { command: String, timeout: Duration },
    #[error("`{command}` printed something that is not UTF-8 text (invalid byte at offset {byte})")]
    NotUtf8 { command: String, byte: usize },
}

/// How a command that failed ended.
fn ended(status: &ExitStatus) -> String {
    match status.code() {
        Some(code) => format!("exit code {code}"),
        None => "ended by a signal".to_string(),
    }
}

/// The last line a failed command wrote on stderr, to say why.
fn last_line(stderr: &str) -> String {
    stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(|l| format!(": {}", l.trim()))
        .unwrap_or_default()
}

/// Runs `command` through the shell for the article at `path` with `text`
/// on its stdin, and gives what it printed on stdout. A command still
/// running after `timeout` is killed.
pub fn run(command: &str, path: &Path, text: &str, timeout: Duration) -> Result<String, Failure> {
    let started = Instant::now();
    let mut child = shell(command)
        .env("SAYSO_ARTICLE", path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| Failure::Start {
            command: command.to_string(),
            error,
        })?;
    // Each pipe has its own thread, so that a command that writes a lot
    // before it reads everything never waits on sayso.
    if let Some(mut stdin) = child.stdin.take() {
        let text = text.to_string();
        // A command that does not read its input closes the pipe early:
        // that is its business.
        thread::spawn(move || stdin.write_all(text.as_bytes()).ok());
    }
    let stdout = read_in_background(child.stdout.take());
    let stderr = read_in_background(child.stderr.take());
    let timed_out = || Failure::TimedOut {
        command: command.to_string(),
        timeout,
    };
    let left = |now: Instant| timeout.saturating_sub(now.duration_since(started));
    let Ok(output) = stdout.recv_timeout(left(Instant::now())) else {
        stop(&mut child);
        return Err(timed_out());
    };
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if left(Instant::now()).is_zero() => {
                stop(&mut child);
                return Err(timed_out());
            }
            Ok(None) => thread::sleep(POLL),
            Err(error) => {
                return Err(Failure::Start {
                    command: command.to_string(),
                    error,
                });
            }
        }
    };
    if !status.success() {
        let stderr = stderr.recv_timeout(POLL * 20).unwrap_or_default();
        return Err(Failure::Failed {
            command: command.to_string(),
            status,
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        });
    }
    String::from_utf8(output).map_err(|e| Failure::NotUtf8 {
        command: command.to_string(),
        byte: e.utf8_error().valid_up_to(),
    })
}

/// The command line run through the system's shell.
fn shell(command: &str) -> Command {
    #[cfg(unix)]
    {
        let mut shell = Command::new("sh");
        shell.arg("-c").arg(command);
        shell
    }
    #[cfg(not(unix))]
    {
        let mut shell = Command::new("cmd");
        shell.arg("/C").arg(command);
        shell
    }
}

/// Everything `pipe` gives until it closes, sent once it has closed.
fn read_in_background(pipe: Option<impl Read + Send + 'static>) -> mpsc::Receiver<Vec<u8>> {
    let (send, receive) = mpsc::channel();
    if let Some(mut pipe) = pipe {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            // A pipe that breaks gives what it gave so far.
            pipe.read_to_end(&mut bytes).ok();
            send.send(bytes).ok();
        });
    }
    receive
}

/// Kills a command that ran out of time and reaps it.
fn stop(child: &mut Child) {
    // It may have ended on its own in the meantime.
    child.kill().ok();
    child.wait().ok();
}
