//! The interactive REPL (standard input is a terminal): line editing and history (rustyline),
//! multi-line entries, `_`, `.exit`/`.help`/`.break`, Ctrl-C and Ctrl-D as in node.

use jsvm_node::{HostOptions, NodeHost, ReplOutcome};
use rustyline::error::ReadlineError;

const HELP: &str = ".break    Sometimes you get stuck, this gets you out
.clear    Alias for .break
.exit     Exit the REPL
.help     Print this help message

Press Ctrl+C to abort current expression, Ctrl+D to exit the REPL";

/// The terminal's modes around entries. While an entry runs (or the event loop), the terminal
/// is as the REPL found it: Ctrl-C is SIGINT, which stops the entry. Between entries it is not
/// line-buffered and makes no signals (ICANON, ISIG and IEXTEN off): a Ctrl-C or Ctrl-D typed
/// while an entry's output is still being printed, before the line editor's next prompt,
/// stays in the input as a byte, which the prompt reads as on an empty prompt (line-buffered,
/// the kernel would take Ctrl-C as a signal and Ctrl-D as end of file, and the prompt would
/// never see them). A SIGINT that comes anyway, in the moment between a run and the switch,
/// is kept by the signal handler (`jsvm_node::take_repl_sigint`). The original settings come
/// back when the REPL ends.
struct TerminalModes {
    original: Option<libc::termios>,
}

impl TerminalModes {
    fn new() -> TerminalModes {
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let original = (unsafe { libc::tcgetattr(0, &mut t) } == 0).then_some(t);
        TerminalModes { original }
    }
    /// As found (`true`, while JavaScript runs) or with control characters as input.
    fn running(&self, running: bool) {
        let Some(mut t) = self.original else {
            return;
        };
        if !running {
            t.c_lflag &= !(libc::ICANON | libc::ISIG | libc::IEXTEN);
            t.c_cc[libc::VMIN] = 1;
            t.c_cc[libc::VTIME] = 0;
        }
        // TCSADRAIN: what was typed ahead stays to be read.
        unsafe { libc::tcsetattr(0, libc::TCSADRAIN, &t) };
    }
}

impl Drop for TerminalModes {
    fn drop(&mut self) {
        self.running(true);
    }
}

fn history_path() -> Option<std::path::PathBuf> {
    if let Ok(p) = std::env::var("JSVM_REPL_HISTORY") {
        if p.is_empty() {
            return None;
        }
        return Some(p.into());
    }
    std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".jsvm_repl_history"))
}

/// Runs the REPL to its end; gives the exit code.
pub fn run(options: HostOptions) -> i32 {
    let host = match NodeHost::new(options) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("jsvm: cannot start: {e}");
            return 1;
        }
    };
    if let Err(e) = host.repl_start() {
        eprintln!("jsvm: cannot start the REPL: {e}");
        return 1;
    }
    let colors = unsafe { libc::isatty(1) == 1 }
        && std::env::var_os("NO_COLOR").is_none()
        && std::env::var("TERM").map(|t| t != "dumb").unwrap_or(true);
    let mut rl = match rustyline::DefaultEditor::new() {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("jsvm: cannot start the line editor: {e}");
            return 1;
        }
    };
    let history = history_path();
    if let Some(h) = &history {
        let _ = rl.load_history(h);
    }
    println!(
        "Welcome to jsvm {} (QuickJS-ng {}).\nType \".help\" for more information.",
        jsvm_node::VERSION,
        jsvm_node::ENGINE_VERSION
    );
    let token = jsvm_node::repl_token();
    let terminal = TerminalModes::new();
    terminal.running(false);
    // Runs JavaScript (an entry, the event loop) with the terminal as found.
    let running = |f: &mut dyn FnMut()| {
        terminal.running(true);
        f();
        terminal.running(false);
    };
    let mut buffer = String::new();
    let mut ctrl_c_once = false;
    loop {
        let prompt = if buffer.is_empty() { "> " } else { "| " };
        let read = if jsvm_node::take_repl_sigint() {
            Err(ReadlineError::Interrupted)
        } else {
            rl.readline(prompt)
        };
        match read {
            Ok(line) => {
                ctrl_c_once = false;
                if buffer.is_empty() {
                    let cmd = line.trim();
                    match cmd {
                        ".exit" => break,
                        ".help" => {
                            println!("{HELP}");
                            continue;
                        }
                        ".break" | ".clear" => continue,
                        _ => {}
                    }
                    if cmd.is_empty() {
                        running(&mut || host.repl_drain());
                        continue;
                    }
                } else if line.trim() == ".break" {
                    buffer.clear();
                    continue;
                }
                buffer.push_str(&line);
                buffer.push('\n');
                let mut outcome = ReplOutcome::Incomplete;
                running(&mut || outcome = host.repl_eval(&buffer, colors, &token));
                match outcome {
                    ReplOutcome::Incomplete => continue,
                    ReplOutcome::Value(text) => println!("{text}"),
                    ReplOutcome::Error(text) => println!("{text}"),
                }
                let entry = buffer.trim_end().to_string();
                let _ = rl.add_history_entry(entry.as_str());
                if let Some(h) = &history {
                    let _ = rl.save_history(h);
                }
                buffer.clear();
            }
            Err(ReadlineError::Interrupted) => {
                if !buffer.is_empty() {
                    buffer.clear();
                    ctrl_c_once = false;
                    continue;
                }
                if ctrl_c_once {
                    break;
                }
                println!("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
                ctrl_c_once = true;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("jsvm: {e}");
                break;
            }
        }
    }
    terminal.running(true);
    let code = host.repl_finish();
    drop(terminal);
    std::mem::forget(host);
    code
}
