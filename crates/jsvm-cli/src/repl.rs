//! The REPL (standard input a terminal, or anything with `-i`): line editing and history
//! (rustyline) on a terminal, plain lines with node's prompts otherwise; multi-line entries,
//! `_`, `.exit`/`.help`/`.break`/`.save`/`.load`, Ctrl-C and Ctrl-D as in node.

use jsvm_node::{HostOptions, NodeHost, ReplOutcome};
use rustyline::error::ReadlineError;

/// The REPL's commands, as node lists them in `.help`.
const COMMANDS: &[(&str, &str)] = &[
    (".break", "Sometimes you get stuck, this gets you out"),
    (".clear", "Alias for .break"),
    (".exit", "Exit the REPL"),
    (".help", "Print this help message"),
    (".load", "Load JS from a file into the REPL session"),
    (
        ".save",
        "Save all evaluated commands in this REPL session to a file",
    ),
];

/// `.help`'s text: the names padded to the longest and three spaces, as node's.
fn help() -> String {
    let width = COMMANDS.iter().map(|(n, _)| n.len()).max().unwrap_or(0) + 3;
    let mut text: String = COMMANDS
        .iter()
        .map(|(name, what)| format!("{name:width$}{what}\n"))
        .collect();
    text.push_str("\nPress Ctrl+C to abort current expression, Ctrl+D to exit the REPL");
    text
}

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
    // A terminal gets the line editor; anything else (`-i` with a pipe) plain lines, with
    // the prompts printed as node prints them.
    let mut input = if unsafe { libc::isatty(0) == 1 } {
        match rustyline::DefaultEditor::new() {
            Ok(rl) => Input::Editor(Box::new(rl)),
            Err(e) => {
                eprintln!("jsvm: cannot start the line editor: {e}");
                return 1;
            }
        }
    } else {
        Input::Plain(std::io::stdin().lock())
    };
    let history = history_path();
    if let (Some(h), Input::Editor(rl)) = (&history, &mut input) {
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
    let mut session = Session {
        host: &host,
        terminal: &terminal,
        colors,
        token: &token,
        buffer: String::new(),
        lines: Vec::new(),
        entry_start: 0,
        plain: matches!(input, Input::Plain(_)),
    };
    let mut ctrl_c_once = false;
    loop {
        let prompt = session.prompt();
        let read = if jsvm_node::take_repl_sigint() {
            Err(ReadlineError::Interrupted)
        } else {
            input.read(prompt)
        };
        match read {
            Ok(line) => {
                ctrl_c_once = false;
                let done = !session.buffer.is_empty() || line.trim().starts_with('.');
                if session.entry(&line) == Control::Exit {
                    break;
                }
                if let (Input::Editor(rl), true) = (&mut input, session.buffer.is_empty() && !done)
                {
                    let _ = rl.add_history_entry(line.trim_end());
                    if let Some(h) = &history {
                        let _ = rl.save_history(h);
                    }
                }
            }
            Err(ReadlineError::Interrupted) => {
                if !session.buffer.is_empty() {
                    session.buffer.clear();
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

/// Where entries come from: the line editor on a terminal, plain lines otherwise.
enum Input {
    Editor(Box<rustyline::DefaultEditor>),
    Plain(std::io::StdinLock<'static>),
}

impl Input {
    fn read(&mut self, prompt: &str) -> Result<String, ReadlineError> {
        match self {
            Input::Editor(rl) => rl.readline(prompt),
            Input::Plain(stdin) => {
                use std::io::{BufRead, Write};
                print!("{prompt}");
                let _ = std::io::stdout().flush();
                let mut line = String::new();
                match stdin.read_line(&mut line) {
                    Ok(0) => Err(ReadlineError::Eof),
                    Ok(_) => Ok(line.trim_end_matches(['\n', '\r']).to_string()),
                    Err(e) => Err(ReadlineError::Io(e)),
                }
            }
        }
    }
}

#[derive(PartialEq)]
enum Control {
    Go,
    Exit,
}

/// The REPL's state between lines: the entry being typed and what was evaluated (`.save`).
struct Session<'a> {
    host: &'a NodeHost,
    terminal: &'a TerminalModes,
    colors: bool,
    token: &'a jsvm::CancelToken,
    buffer: String,
    lines: Vec<String>,
    /// Where the entry being typed starts in `lines`.
    entry_start: usize,
    plain: bool,
}

impl Session<'_> {
    fn prompt(&self) -> &'static str {
        if self.buffer.is_empty() {
            "> "
        } else {
            "... "
        }
    }

    /// Runs JavaScript (an entry, the event loop) with the terminal as found.
    fn running(&self, f: &mut dyn FnMut()) {
        self.terminal.running(true);
        f();
        self.terminal.running(false);
    }

    /// One line typed (or loaded): a command, or part of an entry, evaluated once complete.
    fn entry(&mut self, line: &str) -> Control {
        if self.buffer.is_empty() {
            let cmd = line.trim();
            let (name, arg) = cmd.split_once(' ').unwrap_or((cmd, ""));
            match name {
                ".exit" => return Control::Exit,
                ".help" => {
                    println!("{}", help());
                    return Control::Go;
                }
                ".break" | ".clear" => return Control::Go,
                ".save" => {
                    let file = arg.trim();
                    match std::fs::write(file, self.lines.join("\n")) {
                        Ok(()) => println!("Session saved to: {file}"),
                        Err(_) => println!("Failed to save: {file}"),
                    }
                    return Control::Go;
                }
                ".load" => return self.load(arg.trim()),
                _ => {}
            }
            if cmd.is_empty() {
                self.running(&mut || self.host.repl_drain());
                return Control::Go;
            }
        } else if line.trim() == ".break" {
            self.buffer.clear();
            return Control::Go;
        }
        if self.buffer.is_empty() {
            self.entry_start = self.lines.len();
        }
        self.lines.push(line.to_string());
        self.buffer.push_str(line);
        self.buffer.push('\n');
        let mut outcome = ReplOutcome::Incomplete;
        let (host, buffer, colors, token) = (self.host, &self.buffer, self.colors, self.token);
        self.running(&mut || outcome = host.repl_eval(buffer, colors, token));
        match outcome {
            ReplOutcome::Incomplete => return Control::Go,
            ReplOutcome::Value(text) => println!("{text}"),
            // An entry that failed is not part of the session `.save` writes (node's rule).
            ReplOutcome::Error(text) => {
                println!("{text}");
                self.lines.truncate(self.entry_start);
            }
        }
        self.buffer.clear();
        Control::Go
    }

    /// `.load FILE`: its text as one entry (node's editor mode), then a prompt.
    fn load(&mut self, file: &str) -> Control {
        let Ok(text) = std::fs::read_to_string(file) else {
            println!("Failed to load: {file}");
            return Control::Go;
        };
        let control = self.entry(text.trim_end_matches('\n'));
        if self.plain {
            use std::io::Write;
            print!("{}", self.prompt());
            let _ = std::io::stdout().flush();
        }
        control
    }
}
