//! Native stack for the library's own parses of sources (oxc: the names a script declares,
//! whether a function body stays in its wrapper, the source map comment).
//!
//! oxc's parser descends recursively with no limit of its own, so a source nested a few
//! thousand levels deep (`a=a=a=…`, `1?1?…`, `()=>()=>…`, `new new …`, `((…))`, nested
//! functions) overflowed the thread's stack: a crash of the whole process, where the engine,
//! whose parse comes first, had accepted the source (its frames are smaller, and it checks its
//! limit). [`nesting_bound`] bounds, in one pass over the bytes, how deep such a parse can go;
//! [`with_parse_stack`] runs the parse here when the thread's stack has room for that depth,
//! else on a thread of its own with a stack sized for it, and refuses a source whose bound
//! needs more than [`MAX_PARSE_STACK`].

use std::cell::Cell;

/// Native stack one unit of [`nesting_bound`] may cost oxc (measured: under 1.6 KiB per level
/// of its deepest constructs in a release build, 6.5 KiB unoptimised, where every unit counts
/// at least one level).
const PER_UNIT: usize = if cfg!(debug_assertions) {
    16 << 10
} else {
    4 << 10
};

/// Stack a parse needs besides its nesting (its own frames, the tree walk's first levels).
const BASE: usize = 256 << 10;

/// The largest stack a parse thread gets (reserved, not touched: only the depth a source
/// really reaches is used).
const MAX_PARSE_STACK: usize = 1 << 30;

/// Runs `parse` where the native stack has room for the nesting of `source`; `None` when the
/// bound of that nesting needs more than [`MAX_PARSE_STACK`] (or no thread could be started).
pub(crate) fn with_parse_stack<T: Send>(
    source: &str,
    parse: impl FnOnce() -> T + Send,
) -> Option<T> {
    // The bound is at most two units a byte (and one): a short source needs no scan.
    let left = stack_left();
    let most = source
        .len()
        .saturating_mul(2 * PER_UNIT)
        .saturating_add(PER_UNIT + BASE);
    if most <= left {
        return Some(parse());
    }
    let needed = nesting_bound(source)
        .checked_mul(PER_UNIT)?
        .checked_add(BASE)?;
    if needed <= left {
        return Some(parse());
    }
    if needed > MAX_PARSE_STACK {
        return None;
    }
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .name("jsvm-parse".into())
            .stack_size(needed)
            .spawn_scoped(s, parse)
            .ok()?;
        match worker.join() {
            Ok(v) => Some(v),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

thread_local! {
    /// The lowest address of this thread's stack (0: unknown). Finding it costs a read of
    /// `/proc/self/maps` on the main thread: once per thread.
    static STACK_LOW: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Bytes of native stack left below the caller (0 when unknown: every deep parse then gets a
/// thread of its own).
fn stack_left() -> usize {
    let marker = 0u8;
    let here = std::hint::black_box(&marker) as *const u8 as usize;
    let low = STACK_LOW.with(|c| match c.get() {
        Some(low) => low,
        None => {
            let low = thread_stack_low().unwrap_or(usize::MAX);
            c.set(Some(low));
            low
        }
    });
    here.saturating_sub(low)
}

fn thread_stack_low() -> Option<usize> {
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut low: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let ok = libc::pthread_attr_getstack(&attr, &mut low, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        // The guard page (and what the kernel has not mapped yet of a main thread's stack
        // under its rlimit) is below `low`: keep a page clear of it.
        ok.then(|| low as usize + 4096)
    }
}

/// What the token before a `/` says about it.
#[derive(Clone, Copy, PartialEq)]
enum Before {
    /// An operand ends there: `/` divides.
    Value,
    /// An operand starts there: `/` starts a regular expression.
    Operand,
    /// Either (a `}`, a `)` this scan cannot place, `++`, a contextual keyword).
    Unsure,
}

/// An open bracket of the scan, and what was counted inside it since its last separator.
struct Level {
    /// `(`, `[`, `{`, or `$` for a template's `${`; `h` for the parenthesis of a statement
    /// head (`if (…)`: a `/` after its `)` starts a regular expression), `?` for one whose
    /// kind is unsure.
    kind: u8,
    /// Tokens of the expression being read at this level (ended by `,` and `;`).
    expr: usize,
    /// Statement keywords at this level (ended by `;` or a new statement, unless an `else`,
    /// `while`, `catch` or `finally` continues the statement).
    stmt: usize,
}

/// An upper bound of how deep a recursive-descent parse of `source` goes, in units each of
/// which costs the parser at most [`PER_UNIT`] of stack: every open bracket, plus every token
/// of the expression and statement heads still open at each bracket's level (operators,
/// keywords, names; a separator ends what it can end). Strings, comments, templates and
/// regular expressions are read as the parser reads them; where this scan cannot tell a
/// division from a regular expression, the rest of that line counts openers only (a closer
/// there may not be one) and what was open before stays counted; where a line left so could
/// open a template or comment, every remaining token counts, as if none ever closed.
pub(crate) fn nesting_bound(source: &str) -> usize {
    Scan::new(source.as_bytes()).run()
}

struct Scan<'a> {
    s: &'a [u8],
    i: usize,
    levels: Vec<Level>,
    /// Units of the levels in `levels` (their count, and their `expr` and `stmt`).
    open: usize,
    /// Units no closer can take back (kept when a line could not be read for sure).
    frozen: usize,
    max: usize,
    before: Before,
    /// Whether the last token ended an operand (a name or literal after it starts a new
    /// statement).
    operand_end: bool,
    /// The last word read, when it was the last token (a keyword that decides what follows).
    word: &'a [u8],
    /// The word before it, when the two were the last tokens (`for await (`).
    word2: &'a [u8],
    /// Whether a line ended since the last token (`a\n++b` is `a; ++b`).
    newline: bool,
    /// Template literals open around the current `${…}` levels: the number of `$` levels.
    templates: usize,
}

const STATEMENT_WORDS: &[&[u8]] = &[
    b"if", b"else", b"while", b"for", b"with", b"do", b"try", b"catch", b"finally", b"switch",
    b"case", b"default",
];
/// Words after which an operand starts (a `/` there is a regular expression).
const OPERAND_WORDS: &[&[u8]] = &[
    b"return",
    b"typeof",
    b"instanceof",
    b"in",
    b"new",
    b"delete",
    b"void",
    b"throw",
    b"case",
    b"do",
    b"else",
    b"extends",
    b"export",
    b"default",
    b"var",
    b"let",
    b"const",
];
/// Words that end an operand.
const VALUE_WORDS: &[&[u8]] = &[b"this", b"null", b"true", b"false", b"super"];
/// Reserved words that are neither operands nor openers of one (any other word not listed
/// here and not contextual is a name: an operand).
const RESERVED: &[&[u8]] = &[
    b"if",
    b"else",
    b"while",
    b"for",
    b"with",
    b"do",
    b"try",
    b"catch",
    b"finally",
    b"switch",
    b"case",
    b"default",
    b"return",
    b"typeof",
    b"instanceof",
    b"in",
    b"new",
    b"delete",
    b"void",
    b"throw",
    b"extends",
    b"export",
    b"import",
    b"var",
    b"const",
    b"class",
    b"function",
    b"break",
    b"continue",
    b"debugger",
    b"enum",
];
/// Words that may be names or keywords by context (`async x => …`, `yield /re/`): they end
/// no operand (a name after them does not start a statement).
const CONTEXTUAL: &[&[u8]] = &[
    b"async",
    b"await",
    b"yield",
    b"let",
    b"static",
    b"get",
    b"set",
    b"of",
    b"as",
    b"from",
    b"accessor",
];
/// Words that go on after an operand (`a in b`, `class A extends B`).
const BINARY_WORDS: &[&[u8]] = &[b"in", b"instanceof", b"of", b"extends"];
/// Words that continue the statement before them.
const CONTINUING_WORDS: &[&[u8]] = &[b"else", b"while", b"catch", b"finally"];

/// Whether `w` is in `list` (of keywords: lowercase, 2 to 10 letters; most names are not, and
/// are told apart without a look at the list).
#[inline]
fn kw(list: &[&[u8]], w: &[u8]) -> bool {
    (2..=10).contains(&w.len()) && w.iter().all(u8::is_ascii_lowercase) && list.contains(&w)
}

/// The character starting at byte `i` (`None` in the middle of one, or at the end).
#[inline]
fn char_at(s: &[u8], i: usize) -> Option<char> {
    let n = match *s.get(i)? {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => return None,
    };
    std::str::from_utf8(s.get(i..i + n)?).ok()?.chars().next()
}

/// Bytes of the blank (white space or line terminator, any of Unicode's) at `i`; 0 if none.
/// A no-break space is a blank to the parser: read as part of a word, `return\u{a0}/re/`
/// looked like a name divided.
#[inline]
fn blank_len(s: &[u8], i: usize) -> usize {
    match s.get(i) {
        Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => 1,
        Some(&b) if b >= 0x80 => match char_at(s, i) {
            Some(c) if c.is_whitespace() || c == '\u{feff}' => c.len_utf8(),
            _ => 0,
        },
        _ => 0,
    }
}

/// Bytes of the word character (of a name, keyword or private name) at `i`; 0 if none.
#[inline]
fn word_len(s: &[u8], i: usize) -> usize {
    match s.get(i) {
        Some(&b) if b < 0x80 => {
            (b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'\\' || b == b'#')
                as usize
        }
        Some(_) if blank_len(s, i) > 0 => 0,
        Some(_) => char_at(s, i).map_or(1, char::len_utf8),
        None => 0,
    }
}

/// The index of the `/` that ends the regular expression whose `/` is at `start`, when it ends
/// on its line (a class `[...]` may hold a `/`).
fn regex_end(s: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    let mut class = false;
    loop {
        match s.get(at) {
            None | Some(b'\n' | b'\r') => return None,
            Some(b'\\') if matches!(s.get(at + 1), None | Some(b'\n' | b'\r')) => return None,
            Some(b'\\') => at += 2,
            Some(b'[') => {
                class = true;
                at += 1;
            }
            Some(b']') => {
                class = false;
                at += 1;
            }
            Some(b'/') if !class => return Some(at),
            Some(_) => at += 1,
        }
    }
}

/// The end of the word starting at `i`.
fn word_end(s: &[u8], mut i: usize) -> usize {
    loop {
        // Names are mostly ASCII.
        while let Some(&b) = s.get(i) {
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'$' {
                i += 1;
            } else {
                break;
            }
        }
        match word_len(s, i) {
            0 => return i,
            n => i += n,
        }
    }
}

impl<'a> Scan<'a> {
    fn new(s: &'a [u8]) -> Self {
        Scan {
            s,
            i: 0,
            levels: vec![Level {
                kind: b'{',
                expr: 0,
                stmt: 0,
            }],
            open: 1,
            frozen: 0,
            max: 1,
            before: Before::Operand,
            operand_end: false,
            word: b"",
            word2: b"",
            newline: false,
            templates: 0,
        }
    }

    fn top(&mut self) -> &mut Level {
        if self.levels.is_empty() {
            // Closed below what the scan saw open (after a line it could not read for sure):
            // a level of its own, whose counts are still ended by separators.
            self.levels.push(Level {
                kind: b'?',
                expr: 0,
                stmt: 0,
            });
            self.open += 1;
        }
        self.levels.last_mut().unwrap()
    }

    fn note(&mut self) {
        self.max = self.max.max(self.frozen + self.open);
    }

    fn count_expr(&mut self) {
        self.top().expr += 1;
        self.open += 1;
        self.note();
    }

    fn count_stmt(&mut self) {
        self.top().stmt += 1;
        self.open += 1;
        self.note();
    }

    fn push(&mut self, kind: u8) {
        self.levels.push(Level {
            kind,
            expr: 0,
            stmt: 0,
        });
        self.open += 1;
        self.note();
    }

    /// Ends the expression at the current level; the statement too unless `keep_statement`.
    fn end_expression(&mut self, keep_statement: bool) {
        let top = self.top();
        let mut gone = std::mem::take(&mut top.expr);
        if !keep_statement {
            gone += std::mem::take(&mut top.stmt);
        }
        self.open -= gone;
    }

    /// Pops the level a closer closes: its kind, or `None` when the scan had none open.
    fn pop(&mut self) -> Option<u8> {
        let level = self.levels.pop()?;
        self.open -= 1 + level.expr + level.stmt;
        Some(level.kind)
    }

    /// Everything counted so far stays counted: no closer or separator takes it back.
    fn freeze(&mut self) {
        self.frozen += self.open;
        self.open = 0;
        self.levels.clear();
    }

    fn peek_word(&self, mut at: usize) -> &'a [u8] {
        loop {
            let blank = blank_len(self.s, at);
            if blank > 0 {
                at += blank;
                continue;
            }
            match self.s.get(at) {
                Some(b'/') if self.s.get(at + 1) == Some(&b'*') => {
                    match find(self.s, at + 2, b"*/") {
                        Some(end) => at = end + 2,
                        None => return b"",
                    }
                }
                Some(b'/') if self.s.get(at + 1) == Some(&b'/') => {
                    while !matches!(self.s.get(at), None | Some(b'\n')) {
                        at += 1;
                    }
                }
                _ => break,
            }
        }
        &self.s[at..word_end(self.s, at)]
    }

    /// What follows an operand at `at` may start a new statement (a name or literal cannot
    /// continue the expression: only automatic semicolon insertion or a new statement after a
    /// block allows it): the expression is over, and the statement unless the word continues
    /// it.
    fn after_operand(&mut self, next_is_word: bool) {
        if !self.operand_end {
            return;
        }
        if next_is_word {
            let w = self.peek_word(self.i);
            if w.is_empty() || kw(BINARY_WORDS, w) {
                return;
            }
            let keep = kw(CONTINUING_WORDS, w);
            self.end_expression(keep);
        } else {
            self.end_expression(false);
        }
    }

    fn run(mut self) -> usize {
        let s = self.s;
        if s.starts_with(b"#!") {
            while !matches!(s.get(self.i), None | Some(b'\n')) {
                self.i += 1;
            }
        }
        while self.i < s.len() {
            let b = s[self.i];
            // ASCII blanks first: most of any source.
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                self.newline |= matches!(b, b'\n' | b'\r');
                self.i += 1;
                continue;
            }
            let blank = if b >= 0x80 { blank_len(s, self.i) } else { 0 };
            if blank > 0 {
                self.newline |= matches!(b, b'\n' | b'\r')
                    || (b >= 0x80 && matches!(char_at(s, self.i), Some('\u{2028}' | '\u{2029}')));
                self.i += blank;
                continue;
            }
            let newline = std::mem::take(&mut self.newline);
            match b {
                b'/' if s.get(self.i + 1) == Some(&b'/') => {
                    while !matches!(s.get(self.i), None | Some(b'\n')) {
                        self.i += 1;
                    }
                    continue;
                }
                b'/' if s.get(self.i + 1) == Some(&b'*') => {
                    match find(s, self.i + 2, b"*/") {
                        Some(end) => self.i = end + 2,
                        None => self.i = s.len(),
                    }
                    continue;
                }
                b'/' => match self.before {
                    Before::Value => {
                        self.i += 1;
                        self.count_expr();
                        self.before = Before::Operand;
                    }
                    Before::Operand => {
                        if !self.regex() {
                            return self.paranoid();
                        }
                    }
                    Before::Unsure => {
                        if !self.unsure_slash() {
                            return self.paranoid();
                        }
                        self.word = b"";
                        self.word2 = b"";
                        continue;
                    }
                },
                b'\'' | b'"' => {
                    self.after_operand(false);
                    if !self.string(b) {
                        return self.paranoid();
                    }
                    self.count_expr();
                    self.before = Before::Value;
                }
                b'`' => {
                    // After an operand, a tagged template: the expression goes on.
                    self.i += 1;
                    self.count_expr();
                    if !self.template_part() {
                        return self.paranoid();
                    }
                }
                b'(' | b'[' | b'{' => {
                    let kind = if b == b'(' {
                        let w = self.word;
                        if matches!(w, b"if" | b"while" | b"for" | b"with")
                            || (w == b"await" && self.word2 == b"for")
                        {
                            b'h'
                        } else {
                            b'('
                        }
                    } else {
                        b
                    };
                    self.i += 1;
                    self.push(kind);
                    self.before = Before::Operand;
                }
                b')' | b']' | b'}' => {
                    self.i += 1;
                    let kind = self.pop();
                    if b == b'}' && kind == Some(b'$') {
                        self.templates -= 1;
                        if !self.template_part() {
                            return self.paranoid();
                        }
                        self.operand_end = self.before == Before::Value;
                        self.word = b"";
                        continue;
                    }
                    let opener = match b {
                        b')' => b'(',
                        b']' => b'[',
                        _ => b'{',
                    };
                    (self.before, self.operand_end) = match kind {
                        Some(k) if k == opener || (b == b')' && k == b'h') => match (b, k) {
                            (b')', b'h') => (Before::Operand, false),
                            (b'}', _) => (Before::Unsure, true),
                            _ => (Before::Value, true),
                        },
                        // A template's level closed by another closer: not a source the
                        // engine took.
                        Some(b'$') => return self.paranoid(),
                        // Closing what the scan did not open (after a line read unsure).
                        _ => (Before::Unsure, false),
                    };
                    self.word = b"";
                    continue;
                }
                b';' => {
                    self.i += 1;
                    let w = self.peek_word(self.i);
                    self.end_expression(kw(CONTINUING_WORDS, w));
                    self.before = Before::Operand;
                }
                b',' => {
                    self.i += 1;
                    let top = self.top();
                    let gone = std::mem::take(&mut top.expr);
                    self.open -= gone;
                    self.before = Before::Operand;
                }
                b'0'..=b'9' => {
                    self.after_operand(false);
                    while self.i < s.len()
                        && (s[self.i].is_ascii_alphanumeric()
                            || s[self.i] == b'_'
                            || s[self.i] == b'.')
                    {
                        self.i += 1;
                    }
                    self.count_expr();
                    self.before = Before::Value;
                }
                b'.' if s.get(self.i + 1).is_some_and(u8::is_ascii_digit) => {
                    self.after_operand(false);
                    self.i += 1;
                    while self.i < s.len()
                        && (s[self.i].is_ascii_alphanumeric()
                            || s[self.i] == b'_'
                            || s[self.i] == b'.')
                    {
                        self.i += 1;
                    }
                    self.count_expr();
                    self.before = Before::Value;
                }
                _ if b.is_ascii_alphanumeric()
                    || matches!(b, b'_' | b'$' | b'\\' | b'#')
                    || (b >= 0x80 && word_len(s, self.i) > 0) =>
                {
                    self.after_operand(true);
                    let start = self.i;
                    self.i = word_end(s, self.i);
                    let w = &s[start..self.i];
                    if kw(STATEMENT_WORDS, w) {
                        self.count_stmt();
                    } else {
                        self.count_expr();
                    }
                    self.before = if kw(VALUE_WORDS, w) {
                        Before::Value
                    } else if kw(OPERAND_WORDS, w) {
                        Before::Operand
                    } else if matches!(w, b"yield" | b"await" | b"of") {
                        // `yield /re/`, or a name divided.
                        Before::Unsure
                    } else if kw(RESERVED, w) {
                        Before::Operand
                    } else {
                        // A name (or a contextual word, which no `/` can follow but as one).
                        Before::Value
                    };
                    self.operand_end = self.before == Before::Value && !kw(CONTEXTUAL, w);
                    self.word2 = self.word;
                    self.word = w;
                    continue;
                }
                b'+' | b'-' if s.get(self.i + 1) == Some(&b) => {
                    self.i += 2;
                    self.count_expr();
                    // After an operand on its line, a postfix `++` (an operand ends);
                    // else a prefix one (an operand follows).
                    self.before = match self.before {
                        Before::Value if !newline => Before::Value,
                        Before::Unsure => Before::Unsure,
                        _ => Before::Operand,
                    };
                }
                _ => {
                    // Any other punctuator: one unit, an operand follows.
                    self.i += 1;
                    self.count_expr();
                    self.before = Before::Operand;
                }
            }
            self.operand_end = self.before == Before::Value;
            self.word = b"";
            self.word2 = b"";
        }
        self.max
    }

    /// Reads a string from its quote; false at a line end inside it.
    fn string(&mut self, quote: u8) -> bool {
        let s = self.s;
        self.i += 1;
        while let Some(&b) = s.get(self.i) {
            match b {
                b'\\' if s.get(self.i + 1) == Some(&b'\r') && s.get(self.i + 2) == Some(&b'\n') => {
                    self.i += 3
                }
                b'\\' => self.i += 2,
                b'\n' | b'\r' => return false,
                _ if b == quote => {
                    self.i += 1;
                    return true;
                }
                _ => self.i += 1,
            }
        }
        true
    }

    /// Reads template text up to its end (the operand is then over) or a `${` (a level
    /// opens); false where the text never ends.
    fn template_part(&mut self) -> bool {
        let s = self.s;
        while let Some(&b) = s.get(self.i) {
            match b {
                b'\\' => self.i += 2,
                b'`' => {
                    self.i += 1;
                    self.before = Before::Value;
                    return true;
                }
                b'$' if s.get(self.i + 1) == Some(&b'{') => {
                    self.i += 2;
                    self.push(b'$');
                    self.templates += 1;
                    self.before = Before::Operand;
                    return true;
                }
                _ => self.i += 1,
            }
        }
        self.i >= s.len()
    }

    /// Reads a regular expression from its `/`; false when it does not end on its line.
    fn regex(&mut self) -> bool {
        let s = self.s;
        let Some(end) = regex_end(s, self.i) else {
            return false;
        };
        self.i = word_end(s, end + 1);
        self.count_expr();
        self.before = Before::Value;
        true
    }

    /// A `/` that may divide or start a regular expression. The expression it may start ends
    /// on its line (else the `/` divides). When the text up to that end holds no quote,
    /// backquote or slash, every reading is in code past it: the text's tokens count and
    /// stay counted (closers there may close nothing); after it, a name is a name (or flags)
    /// in every reading when the text ends an operand. Else the rest of the line is read
    /// unsure (`unsure_line`).
    fn unsure_slash(&mut self) -> bool {
        let s = self.s;
        let start = self.i;
        let Some(end) = regex_end(s, start) else {
            // No expression can start here: a division (or what a reading before made it).
            self.i += 1;
            self.count_expr();
            self.before = Before::Unsure;
            self.operand_end = false;
            return true;
        };
        let span = &s[start + 1..end];
        // A `//` or `/*` at the end is a comment in one reading, code in another.
        if matches!(s.get(end + 1), Some(b'/' | b'*'))
            || span
                .iter()
                .any(|b| matches!(b, b'\'' | b'"' | b'`' | b'/' | b'\\'))
        {
            return self.unsure_line();
        }
        // Brackets in the text open or close levels in one reading only: what is open stays
        // counted. Without brackets, the text's tokens count at the current level.
        let bracketed = span
            .iter()
            .any(|b| matches!(b, b'(' | b')' | b'[' | b']' | b'{' | b'}'));
        if bracketed {
            self.freeze();
        }
        // The `/` and the text's tokens, each a unit.
        self.count_expr();
        let mut i = start + 1;
        let mut last_ends_operand = false;
        while i < end {
            let blank = blank_len(s, i);
            if blank > 0 {
                i += blank;
                continue;
            }
            let w = word_end(s, i).min(end);
            if w > i {
                let word = &s[i..w];
                last_ends_operand =
                    !(kw(RESERVED, word) || kw(OPERAND_WORDS, word) || kw(CONTEXTUAL, word));
                if kw(STATEMENT_WORDS, word) {
                    self.count_stmt();
                } else {
                    self.count_expr();
                }
                i = w;
            } else {
                last_ends_operand = s[i] == b']';
                self.count_expr();
                i += 1;
            }
        }
        if last_ends_operand {
            // Every reading: the expression's end, or a division; then flags, or a name.
            self.count_expr();
            self.i = end + 1;
            let w = word_end(s, self.i);
            if w > self.i {
                self.count_expr();
                self.i = w;
                self.before = Before::Value;
            } else {
                self.before = Before::Unsure;
            }
        } else {
            // The `/` at the end may start an expression in one reading: unsure again.
            self.i = end;
            self.before = Before::Unsure;
        }
        if bracketed {
            self.freeze();
        }
        self.operand_end = false;
        true
    }

    /// A `/` that may divide or start a regular expression: the rest of its line counts its
    /// openers and operators, and no closer or separator (which may be in the expression)
    /// takes anything back; at the line's end every reading is back in code, and what was
    /// counted stays. False when the line may open a template or comment or run on (then no
    /// reading of the lines after can be trusted).
    fn unsure_line(&mut self) -> bool {
        let s = self.s;
        let end = s[self.i..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(s.len(), |p| self.i + p);
        let line = &s[self.i..end];
        if self.templates > 0
            || line.contains(&b'`')
            || find(line, 0, b"/*").is_some()
            || line.ends_with(b"\\")
        {
            return false;
        }
        self.freeze();
        for &b in line {
            match b {
                b' ' | b'\t' => {}
                b'(' | b'[' | b'{' => self.push(b'?'),
                b')' | b']' | b'}' => {}
                _ => {
                    self.frozen += 1;
                    self.note();
                }
            }
        }
        self.freeze();
        self.i = end;
        self.before = Before::Unsure;
        true
    }

    /// Where the scan can no longer read the source for sure: every remaining bracket,
    /// punctuator and keyword counts, as if nothing closed.
    fn paranoid(mut self) -> usize {
        self.freeze();
        let s = self.s;
        let mut n = self.frozen;
        let mut i = self.i;
        while i < s.len() {
            let blank = blank_len(s, i);
            if blank > 0 {
                i += blank;
                continue;
            }
            if word_len(s, i) > 0 {
                let start = i;
                i = word_end(s, i);
                let w = &s[start..i];
                if kw(RESERVED, w) || kw(CONTEXTUAL, w) {
                    n += 1;
                }
                continue;
            }
            n += 1;
            i += 1;
        }
        n.max(self.max)
    }
}

fn find(s: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    s.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_code_is_shallow() {
        let src = "var a = 1; function f(x) { return x + 1 }\nif (a) { f(a) } else { a = 2 }\n"
            .repeat(1000);
        assert!(nesting_bound(&src) < 20, "{}", nesting_bound(&src));
        let no_semicolons = "const a = b + c\nconst d = e * f\nif (a) {\n  g(a)\n}\n".repeat(1000);
        assert!(
            nesting_bound(&no_semicolons) < 20,
            "{}",
            nesting_bound(&no_semicolons)
        );
        let minified = "if(a){b()}if(c){d()}x=/re\\/(/g.test(s),y=`t${a+`u${b}`}`;".repeat(100);
        assert!(
            nesting_bound(&minified) < 1000,
            "{}",
            nesting_bound(&minified)
        );
    }

    #[test]
    fn deep_nesting_is_counted() {
        let n = 5000;
        for src in [
            "a=".repeat(n) + "1",
            "1?".repeat(n) + "1" + &":1".repeat(n),
            "()=>".repeat(n) + "1",
            "new ".repeat(n) + "X",
            "(".repeat(n) + "1" + &")".repeat(n),
            "if(1)".repeat(n) + "x",
            "if(0){}".to_string() + &"else if(0){}".repeat(n),
            "if(0)x;".to_string() + &"else if(0)x;".repeat(n),
            "do ".repeat(n) + "x;" + &"while(0);".repeat(n),
            "`${".repeat(n) + "1" + &"}`".repeat(n),
            "a:".repeat(n) + "1",
            "a=b\n?".repeat(n) + "1" + &":1".repeat(n),
            "x = async y => ".repeat(n),
            "(class A extends B { m() { ".repeat(n),
        ] {
            assert!(
                nesting_bound(&src) >= n,
                "{}: {}",
                &src[..20],
                nesting_bound(&src)
            );
        }
    }

    #[test]
    fn strings_and_regexps_hide_no_closers() {
        let n = 5000;
        let deep = "(".repeat(n);
        for src in [
            format!("x = '{}'; {deep}", ")".repeat(n)),
            format!("x = /{}/; {deep}", "\\)".repeat(n)),
            // A `/` after `}` may divide or start a regular expression.
            format!("x = {{}} / ')))' / 1; {deep}"),
            format!("if (a) {{}}\n/')))'/.test(b); {deep}"),
            format!("if (a) /\"/.test(b); {deep}\"\n"),
            format!("x = a++ / 2 / `)))` + {deep}"),
            format!("x = (a) / 2 / '))' + {deep}"),
        ] {
            assert!(
                nesting_bound(&src) >= n,
                "{}: {}",
                &src[..20],
                nesting_bound(&src)
            );
        }
        // A no-break space is a blank: `void` before it still starts an operand.
        let src = format!("{deep}void\u{a0}/{}/;\n{deep}", ")".repeat(n));
        assert!(nesting_bound(&src) >= 2 * n, "{}", nesting_bound(&src));
        let src = "new\u{a0}".repeat(n) + "X";
        assert!(nesting_bound(&src) >= n);
        // Minified code on one line: a `/` after `}` or a postfix `++` costs the line nothing.
        let line = "if(a){b()}/re/.test(s)&&f(\"x\");x=y++/2;z={}/2/g;".repeat(2000) + &deep;
        assert!(nesting_bound(&line) >= n);
        assert!(nesting_bound(&line) < n + 100, "{}", nesting_bound(&line));
        // Each reading of a `/` after `}` is counted.
        for src in [
            format!("x = {{}} / a //{deep}\n"),
            format!("x = {{}} / a // b\n{deep}"),
            format!("if (a) {{}} / ( / 2; {deep}"),
            format!("x = {{}}/a/g + ({deep}"),
            format!("x = y\n++/re/.lastIndex + ({deep}"),
            format!("for await (x of y) /)))/.x; {deep}"),
        ] {
            assert!(
                nesting_bound(&src) >= n,
                "{}: {}",
                &src[..20],
                nesting_bound(&src)
            );
        }
        // Closers on a line read unsure take nothing back.
        let src = format!("{deep}\n}} / ')))))' + 1\n");
        assert!(nesting_bound(&src) >= n);
    }
}
