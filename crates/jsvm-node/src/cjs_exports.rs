//! The named exports an ES module's `import` of a CommonJS file sees, found in the file's text
//! as Node finds them (its cjs-module-lexer, whose detection patterns are frozen): the names
//! assigned as `exports.name =`, `exports['name'] =`, `module.exports = { a, b: c }`,
//! `Object.defineProperty(exports, 'name', { value | get() { return a.b } })`, and the modules
//! re-exported by `module.exports = require('x')`, TypeScript's `__exportStar(require('x'))`
//! and Babel's `Object.keys(_x).forEach(...)` over a `var _x = require('x')`.
//!
//! Reading the text rather than the evaluated `module.exports` matters: Node evaluates the
//! CommonJS module when the ES graph reaches it (not while linking), and reads only the names
//! found here, so getters such as webpack's deprecated exports do not run. No crate does this
//! analysis without a full parser (swc), so it is ours: a scanner that knows JavaScript's
//! comments, strings, templates and regular expressions well enough to skip them, and the
//! patterns above at identifiers.

use std::collections::{HashMap, HashSet};

/// What a CommonJS source exports, as found in its text.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct CjsExports {
    /// Names, in the order found, without repeats.
    pub names: Vec<String>,
    /// Specifiers of the modules whose names are exported too.
    pub reexports: Vec<String>,
}

/// Analyzes a CommonJS source; `None` when the text does not scan as JavaScript (an unclosed
/// string, comment, template or bracket), where Node finds no names either.
pub(crate) fn analyze(source: &str) -> Option<CjsExports> {
    let mut s = Scanner {
        src: source.as_bytes(),
        pos: 0,
        names: Vec::new(),
        unsafe_getters: HashSet::new(),
        module_reexports: Vec::new(),
        star_reexports: Vec::new(),
        required: HashMap::new(),
    };
    s.scan()?;
    let unsafe_getters = std::mem::take(&mut s.unsafe_getters);
    let mut seen = HashSet::new();
    let names = s
        .names
        .into_iter()
        .filter(|n| !unsafe_getters.contains(n) && seen.insert(n.clone()))
        .collect();
    let mut reexports = s.module_reexports;
    reexports.extend(s.star_reexports);
    Some(CjsExports { names, reexports })
}

/// What came before a `/`, to tell a division from a regular expression.
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    /// Start, or a punctuator after which an expression starts.
    Operator,
    /// A name, number, string, `]`, or `)` of an expression: a division follows.
    Value,
    /// `++`/`--`: taken as postfix, a division follows.
    Update,
}

enum Open {
    Brace,
    /// `${` of a template: its `}` resumes the template's text.
    Template,
    /// `(`, and whether a keyword heads it (`if (`, `while (`, ...): after its `)` a `/` starts
    /// a regular expression.
    Paren(bool),
    Bracket,
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
    names: Vec<String>,
    unsafe_getters: HashSet<String>,
    /// Of the last `module.exports = require(...)` or `module.exports = { ...require() }`.
    module_reexports: Vec<String>,
    /// Top-level `__exportStar(require(...))` and Babel's star pattern.
    star_reexports: Vec<String>,
    /// Top-level `var x = require('...')` bindings.
    required: HashMap<String, String>,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c == b'$' || c >= 0x80
}

fn is_ident_part(c: u8) -> bool {
    is_ident_start(c) || c.is_ascii_digit()
}

/// Keywords after which a `/` starts a regular expression.
const REGEX_AFTER: &[&str] = &[
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
    "extends",
];

/// Keywords whose `(...)` is followed by a statement (a `/` there starts a regex).
const PAREN_HEADS: &[&str] = &["if", "while", "for", "with"];

impl<'a> Scanner<'a> {
    fn at(&self, i: usize) -> u8 {
        self.src.get(i).copied().unwrap_or(0)
    }

    fn scan(&mut self) -> Option<()> {
        let mut stack: Vec<Open> = Vec::new();
        let mut prev = Prev::Operator;
        let mut last_word: Option<(usize, usize)> = None;
        // Skip a hashbang line.
        if self.src.starts_with(b"#!") {
            self.pos = self
                .src
                .iter()
                .position(|&c| c == b'\n')
                .unwrap_or(self.src.len());
        }
        while self.pos < self.src.len() {
            let c = self.src[self.pos];
            let word = last_word.take();
            match c {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                    self.pos += 1;
                    last_word = word;
                    continue;
                }
                b'/' if self.at(self.pos + 1) == b'/' => {
                    self.line_comment();
                    last_word = word;
                    continue;
                }
                b'/' if self.at(self.pos + 1) == b'*' => {
                    self.block_comment()?;
                    last_word = word;
                    continue;
                }
                b'/' => {
                    let regex = match prev {
                        Prev::Operator => true,
                        Prev::Update => false,
                        Prev::Value => {
                            word.is_some_and(|(a, b)| REGEX_AFTER.contains(&self.text(a, b)))
                        }
                    };
                    if regex {
                        self.regex()?;
                        prev = Prev::Value;
                    } else {
                        self.pos += 1;
                        prev = Prev::Operator;
                    }
                }
                b'\'' | b'"' => {
                    self.string(c)?;
                    prev = Prev::Value;
                }
                b'`' => {
                    self.pos += 1;
                    if self.template_text()? {
                        stack.push(Open::Template);
                        prev = Prev::Operator;
                    } else {
                        prev = Prev::Value;
                    }
                }
                b'{' => {
                    stack.push(Open::Brace);
                    self.pos += 1;
                    prev = Prev::Operator;
                }
                b'}' => {
                    self.pos += 1;
                    match stack.pop()? {
                        Open::Template => {
                            if self.template_text()? {
                                stack.push(Open::Template);
                                prev = Prev::Operator;
                            } else {
                                prev = Prev::Value;
                            }
                        }
                        Open::Brace => prev = Prev::Operator,
                        _ => return None,
                    }
                }
                b'(' => {
                    let head = word.is_some_and(|(a, b)| PAREN_HEADS.contains(&self.text(a, b)));
                    stack.push(Open::Paren(head));
                    self.pos += 1;
                    prev = Prev::Operator;
                }
                b')' => {
                    self.pos += 1;
                    match stack.pop()? {
                        Open::Paren(true) => prev = Prev::Operator,
                        Open::Paren(false) => prev = Prev::Value,
                        _ => return None,
                    }
                }
                b'[' => {
                    stack.push(Open::Bracket);
                    self.pos += 1;
                    prev = Prev::Operator;
                }
                b']' => {
                    self.pos += 1;
                    match stack.pop()? {
                        Open::Bracket => prev = Prev::Value,
                        _ => return None,
                    }
                }
                b'+' | b'-' if self.at(self.pos + 1) == c => {
                    self.pos += 2;
                    prev = Prev::Update;
                }
                b'.' if self.at(self.pos + 1).is_ascii_digit() => {
                    self.number();
                    prev = Prev::Value;
                }
                b'0'..=b'9' => {
                    self.number();
                    prev = Prev::Value;
                }
                _ if is_ident_start(c) || c == b'\\' => {
                    let start = self.pos;
                    self.pos += 1;
                    while self.pos < self.src.len() && is_ident_part(self.src[self.pos]) {
                        self.pos += 1;
                    }
                    let end = self.pos;
                    let after_dot = self.before_is_dot(start);
                    let top = stack.is_empty();
                    self.at_word(start, end, after_dot, top);
                    last_word = Some((start, end));
                    prev = Prev::Value;
                }
                _ => {
                    self.pos += 1;
                    prev = Prev::Operator;
                }
            }
        }
        stack.is_empty().then_some(())
    }

    /// The source's text from `a` to `b` (borrowed from the source, not the scanner).
    fn text(&self, a: usize, b: usize) -> &'a str {
        let src: &'a [u8] = self.src;
        std::str::from_utf8(&src[a..b]).unwrap_or("")
    }

    /// Whether the token before `i` (blanks and comments aside) is a `.` (a member name).
    fn before_is_dot(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 && matches!(self.src[k - 1], b' ' | b'\t' | b'\n' | b'\r') {
            k -= 1;
        }
        k > 0 && self.src[k - 1] == b'.' && !(k > 1 && self.src[k - 2] == b'.')
    }

    fn line_comment(&mut self) {
        while self.pos < self.src.len() && !matches!(self.src[self.pos], b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    fn block_comment(&mut self) -> Option<()> {
        let rest = &self.src[self.pos + 2..];
        let end = rest.windows(2).position(|w| w == b"*/")?;
        self.pos += 2 + end + 2;
        Some(())
    }

    /// A string literal starting at `pos` (its quote `q`); its end.
    fn string(&mut self, q: u8) -> Option<()> {
        self.pos += 1;
        loop {
            let c = *self.src.get(self.pos)?;
            self.pos += 1;
            match c {
                b'\\' => self.pos += 1,
                b'\n' | b'\r' => return None,
                _ if c == q => return Some(()),
                _ => {}
            }
        }
    }

    /// A template's text from `pos` to its end (false) or to a `${` (true).
    fn template_text(&mut self) -> Option<bool> {
        loop {
            let c = *self.src.get(self.pos)?;
            self.pos += 1;
            match c {
                b'\\' => self.pos += 1,
                b'`' => return Some(false),
                b'$' if self.at(self.pos) == b'{' => {
                    self.pos += 1;
                    return Some(true);
                }
                _ => {}
            }
        }
    }

    fn regex(&mut self) -> Option<()> {
        self.pos += 1;
        let mut class = false;
        loop {
            let c = *self.src.get(self.pos)?;
            self.pos += 1;
            match c {
                b'\\' => self.pos += 1,
                b'[' => class = true,
                b']' => class = false,
                b'/' if !class => break,
                b'\n' | b'\r' => return None,
                _ => {}
            }
        }
        while self.pos < self.src.len() && is_ident_part(self.src[self.pos]) {
            self.pos += 1;
        }
        Some(())
    }

    fn number(&mut self) {
        self.pos += 1;
        while self.pos < self.src.len() {
            let c = self.src[self.pos];
            let exponent_sign = matches!(c, b'+' | b'-')
                && matches!(self.src[self.pos - 1], b'e' | b'E')
                && !self.src[..self.pos].starts_with(b"0x");
            if is_ident_part(c) || c == b'.' || exponent_sign {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// The patterns that start at a name (`start..end`).
    fn at_word(&mut self, start: usize, end: usize, after_dot: bool, top: bool) {
        let word = self.text(start, end);
        let mut p = Peek {
            src: self.src,
            pos: end,
        };
        match word {
            "exports" if !after_dot => self.exports_member(&mut p),
            "module" if !after_dot && p.punct(b".") && p.word() == Some("exports") => {
                let mut q = p.clone();
                if q.punct(b"=") && !q.punct_at(b'=') && !q.punct_at(b'>') {
                    self.module_exports_assign(&mut q);
                } else {
                    self.exports_member(&mut p);
                }
            }
            "Object" if !after_dot => {
                if !p.punct(b".") {
                    return;
                }
                match p.word() {
                    Some("defineProperty") => self.define_property(&mut p),
                    Some("keys") if top => self.babel_star(&mut p),
                    _ => {}
                }
            }
            "__export" | "__exportStar" if top && p.punct(b"(") => {
                if let Some(spec) = p.require() {
                    self.star_reexports.push(spec);
                }
            }
            "var" | "let" | "const" if top && !after_dot => {
                if let Some(name) = p.word().map(str::to_string) {
                    if p.punct(b"=") {
                        if let Some(spec) = p.require() {
                            self.required.insert(name, spec);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// After `exports` or `module.exports`: `.name =` or `['name'] =`.
    fn exports_member(&mut self, p: &mut Peek<'_>) {
        let name = if p.punct(b".") {
            p.word().map(str::to_string)
        } else if p.punct(b"[") {
            let n = p.string_value();
            if !p.punct(b"]") {
                return;
            }
            n
        } else {
            None
        };
        if let Some(name) = name {
            if p.punct(b"=") {
                self.names.push(name);
            }
        }
    }

    /// After `module.exports =`: an object literal's names, or a re-exported `require`.
    fn module_exports_assign(&mut self, p: &mut Peek<'_>) {
        let mut q = p.clone();
        if let Some(spec) = q.require() {
            self.module_reexports = vec![spec];
            return;
        }
        if !p.punct(b"{") {
            return;
        }
        self.module_reexports.clear();
        loop {
            if p.punct(b"...") {
                let mut q = p.clone();
                if let Some(spec) = q.require() {
                    self.module_reexports.push(spec);
                    *p = q;
                } else if p.word().is_none() {
                    return;
                }
            } else if let Some(name) = p.word().map(str::to_string) {
                // `name: value` counts only with a name as the value, as Node's lexer reads
                // it (`n: 0` ends the literal's names, itself not one of them).
                if p.punct(b":") && p.word().is_none() {
                    return;
                }
                self.names.push(name);
            } else if let Some(name) = p.string_value() {
                if !p.punct(b":") || p.word().is_none() {
                    return;
                }
                self.names.push(name);
            } else {
                return;
            }
            if !p.punct(b",") {
                return;
            }
            if p.punct(b"}") {
                return;
            }
        }
    }

    /// After `Object.defineProperty`: `(EXPORTS, 'name', { [enumerable: true,] value: | get
    /// [: function [name]] () { return a[.b | ['b']] [;] } })`. A definition of any other form
    /// makes the name unsafe (not exported, even where assigned elsewhere).
    fn define_property(&mut self, p: &mut Peek<'_>) {
        if !p.punct(b"(") || !p.exports_identifier() || !p.punct(b",") {
            return;
        }
        let Some(name) = p.string_value() else {
            return;
        };
        if Self::define_value(p) {
            self.names.push(name);
        } else {
            self.unsafe_getters.insert(name);
        }
    }

    fn define_value(p: &mut Peek<'_>) -> bool {
        if !p.punct(b",") || !p.punct(b"{") {
            return false;
        }
        let mut key = p.word();
        if key == Some("enumerable") {
            if !p.punct(b":") || p.word() != Some("true") || !p.punct(b",") {
                return false;
            }
            key = p.word();
        }
        match key {
            Some("value") => p.punct(b":"),
            Some("get") => {
                if p.punct(b":") {
                    if p.word() != Some("function") {
                        return false;
                    }
                    let mut q = p.clone();
                    if q.word().is_some() {
                        *p = q;
                    }
                }
                if !p.punct(b"(") || !p.punct(b")") || !p.punct(b"{") {
                    return false;
                }
                if p.word() != Some("return") || p.word().is_none() {
                    return false;
                }
                if p.punct(b".") {
                    if p.word().is_none() {
                        return false;
                    }
                } else if p.punct(b"[") && (p.string_value().is_none() || !p.punct(b"]")) {
                    return false;
                }
                p.punct(b";");
                p.punct(b"}")
            }
            _ => false,
        }
    }

    /// After top-level `Object.keys`: Babel's `export * from` loop over a required module.
    fn babel_star(&mut self, p: &mut Peek<'_>) {
        let Some(spec) = Self::babel_star_source(p).and_then(|m| self.required.get(&m).cloned())
        else {
            return;
        };
        self.star_reexports.push(spec);
    }

    fn babel_star_source(p: &mut Peek<'_>) -> Option<String> {
        let expect = |p: &mut Peek<'_>, tokens: &[&str]| tokens.iter().all(|t| p.token(t));
        if !p.punct(b"(") {
            return None;
        }
        let module = p.word()?.to_string();
        if !expect(p, &[")", ".", "forEach", "(", "function", "("]) {
            return None;
        }
        let key = p.word()?.to_string();
        if !expect(p, &[")", "{", "if", "("]) || p.word() != Some(key.as_str()) {
            return None;
        }
        // `key === "default" || key === "__esModule") return;` or `key !== "default")`.
        if p.token("===") {
            if p.string_value().as_deref() != Some("default")
                || !p.token("||")
                || p.word() != Some(key.as_str())
                || !p.token("===")
                || p.string_value().as_deref() != Some("__esModule")
                || !expect(p, &[")", "return"])
            {
                return None;
            }
            p.punct(b";");
        } else if !p.token("!==")
            || p.string_value().as_deref() != Some("default")
            || !p.punct(b")")
        {
            return None;
        }
        // The optional guards, then the copy.
        loop {
            let mut q = p.clone();
            if q.token("if") && q.punct(b"(") {
                if q.word() == Some("Object") {
                    // `Object.prototype.hasOwnProperty.call(X, key)) return;`
                    if !expect(
                        &mut q,
                        &[".", "prototype", ".", "hasOwnProperty", ".", "call", "("],
                    ) || q.word().is_none()
                        || !q.punct(b",")
                        || q.word() != Some(key.as_str())
                        || !expect(&mut q, &[")", ")", "return"])
                    {
                        return None;
                    }
                } else {
                    // `key in exports && exports[key] === module[key]) return;`
                    if !q.token("in")
                        || !q.exports_identifier()
                        || !q.token("&&")
                        || !q.exports_identifier()
                        || !q.punct(b"[")
                        || q.word() != Some(key.as_str())
                        || !q.punct(b"]")
                        || !q.token("===")
                        || q.word() != Some(module.as_str())
                        || !q.punct(b"[")
                        || q.word() != Some(key.as_str())
                        || !expect(&mut q, &["]", ")", "return"])
                    {
                        return None;
                    }
                }
                q.punct(b";");
                *p = q;
                continue;
            }
            break;
        }
        let mut q = p.clone();
        let copied = q.exports_identifier()
            && q.punct(b"[")
            && q.word() == Some(key.as_str())
            && q.punct(b"]")
            && q.punct(b"=")
            && q.word() == Some(module.as_str())
            && q.punct(b"[")
            && q.word() == Some(key.as_str())
            && q.punct(b"]");
        if copied {
            *p = q;
        } else {
            let defined = expect(p, &["Object", ".", "defineProperty", "("])
                && p.exports_identifier()
                && p.punct(b",")
                && p.word() == Some(key.as_str())
                && expect(
                    p,
                    &[
                        ",",
                        "{",
                        "enumerable",
                        ":",
                        "true",
                        ",",
                        "get",
                        ":",
                        "function",
                    ],
                )
                && expect(p, &["(", ")", "{", "return"])
                && p.word() == Some(module.as_str())
                && p.punct(b"[")
                && p.word() == Some(key.as_str())
                && p.punct(b"]");
            if !defined {
                return None;
            }
            p.punct(b";");
            if !expect(p, &["}", "}", ")"]) {
                return None;
            }
        }
        p.punct(b";");
        (p.punct(b"}") && p.punct(b")")).then_some(module)
    }
}

/// A look ahead from a position: tokens read past blanks and comments, without moving the
/// scanner.
#[derive(Clone)]
struct Peek<'a> {
    src: &'a [u8],
    pos: usize,
}

impl<'a> Peek<'a> {
    fn blanks(&mut self) {
        loop {
            match self.src.get(self.pos) {
                Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => self.pos += 1,
                Some(b'/') if self.src.get(self.pos + 1) == Some(&b'/') => {
                    while self.pos < self.src.len() && !matches!(self.src[self.pos], b'\n' | b'\r')
                    {
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.src.get(self.pos + 1) == Some(&b'*') => {
                    match self.src[self.pos + 2..].windows(2).position(|w| w == b"*/") {
                        Some(k) => self.pos += 2 + k + 2,
                        None => self.pos = self.src.len(),
                    }
                }
                _ => return,
            }
        }
    }

    /// The punctuator `p` next (consumed).
    fn punct(&mut self, p: &[u8]) -> bool {
        self.blanks();
        if self.src[self.pos..].starts_with(p) {
            self.pos += p.len();
            true
        } else {
            false
        }
    }

    /// Whether the character right here (no blanks skipped) is `c`.
    fn punct_at(&self, c: u8) -> bool {
        self.src.get(self.pos) == Some(&c)
    }

    /// A name next (consumed).
    fn word(&mut self) -> Option<&'a str> {
        self.blanks();
        let start = self.pos;
        if !self.src.get(start).is_some_and(|&c| is_ident_start(c)) {
            return None;
        }
        let mut end = start + 1;
        while end < self.src.len() && is_ident_part(self.src[end]) {
            end += 1;
        }
        self.pos = end;
        std::str::from_utf8(&self.src[start..end]).ok()
    }

    /// The token `t` next: a name (whole) or punctuators.
    fn token(&mut self, t: &str) -> bool {
        if t.as_bytes()[0].is_ascii_alphabetic() || t.starts_with('_') {
            let mut q = self.clone();
            if q.word() == Some(t) {
                *self = q;
                return true;
            }
            false
        } else {
            self.punct(t.as_bytes())
        }
    }

    /// `exports` or `module.exports` next.
    fn exports_identifier(&mut self) -> bool {
        let mut q = self.clone();
        match q.word() {
            Some("exports") => {}
            Some("module") if q.punct(b".") && q.word() == Some("exports") => {}
            _ => return false,
        }
        *self = q;
        true
    }

    /// A string literal next: its value.
    fn string_value(&mut self) -> Option<String> {
        self.blanks();
        let q = *self.src.get(self.pos)?;
        if q != b'\'' && q != b'"' {
            return None;
        }
        let mut out = Vec::new();
        let mut i = self.pos + 1;
        loop {
            let c = *self.src.get(i)?;
            i += 1;
            match c {
                b'\\' => {
                    let e = *self.src.get(i)?;
                    i += 1;
                    let ch = match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'v' => '\u{b}',
                        b'0' => '\0',
                        b'x' => {
                            let h = std::str::from_utf8(self.src.get(i..i + 2)?).ok()?;
                            i += 2;
                            char::from_u32(u32::from_str_radix(h, 16).ok()?)?
                        }
                        b'u' => {
                            let (code, len) = if self.src.get(i) == Some(&b'{') {
                                let close = self.src[i..].iter().position(|&c| c == b'}')?;
                                (
                                    std::str::from_utf8(&self.src[i + 1..i + close]).ok()?,
                                    close + 1,
                                )
                            } else {
                                (std::str::from_utf8(self.src.get(i..i + 4)?).ok()?, 4)
                            };
                            i += len;
                            char::from_u32(u32::from_str_radix(code, 16).ok()?)?
                        }
                        b'\n' => continue,
                        _ => e as char,
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                b'\n' | b'\r' => return None,
                _ if c == q => break,
                _ => out.push(c),
            }
        }
        self.pos = i;
        String::from_utf8(out).ok()
    }

    /// `require('specifier')` next: the specifier.
    fn require(&mut self) -> Option<String> {
        let mut q = self.clone();
        if q.word() != Some("require") || !q.punct(b"(") {
            return None;
        }
        let spec = q.string_value()?;
        if !q.punct(b")") {
            return None;
        }
        *self = q;
        Some(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::analyze;

    fn names(src: &str) -> Vec<String> {
        let mut n = analyze(src).unwrap().names;
        n.sort();
        n
    }

    #[test]
    fn assignments_and_definitions() {
        let src = r#"
exports['a-b'] = 1;
exports.let = 2;
module.exports.viaModule = 5;
Object.defineProperty(exports, 'g1', { enumerable: true, get: function () { return q.p; } });
Object.defineProperty(exports, 'g2', { enumerable: true, get () { return q; } });
Object.defineProperty(exports, 'bad', { get () { return 'nope'; } });
exports.bad = 6;
Object.defineProperty(exports, 'v', { value: 7 });
if (false) exports.never = 9;
exports.eq == 1;
`${exports.tpl = 1}`;
// exports.comment = 1
/* exports.block = 1 */
var re = /exports.inregex = 1/;
'exports.instr = 1';
x = a / exports.divided = 2;
foo.exports.member = 1;
"#;
        assert_eq!(
            names(src),
            [
                "a-b",
                "divided",
                "eq",
                "g1",
                "g2",
                "let",
                "never",
                "tpl",
                "v",
                "viaModule"
            ]
        );
    }

    #[test]
    fn object_literals_and_reexports() {
        let r = analyze("module.exports = { a, 'b': b, c: c, ...d, e: require('x'), f };").unwrap();
        assert_eq!(r.names, ["a", "b", "c", "e"]);
        assert!(r.reexports.is_empty());
        // A value that is not a name ends the names, its key not among them (Node's lexer).
        let r = analyze("module.exports = { a, n: 0, b, 'm': 1 };").unwrap();
        assert_eq!(r.names, ["a"]);
        let r = analyze("module.exports = { 'm': 1, a };").unwrap();
        assert!(r.names.is_empty());
        let r = analyze(
            "module.exports = require('a');\nif (x) module.exports = require('c');\nmodule.exports = { ...require('d'), ...require('e') };",
        )
        .unwrap();
        assert_eq!(r.reexports, ["d", "e"]);
        let r = analyze("module.exports = require('a');\nif (x) module.exports = require('c');")
            .unwrap();
        assert_eq!(r.reexports, ["c"]);
        // webpack's lib/index.js: an object made by a call gives no names.
        let r = analyze("module.exports = mergeExports(fn, { get A() { return 1; } });").unwrap();
        assert_eq!(r, Default::default());
    }

    #[test]
    fn transpilers_star_exports() {
        let babel = r#""use strict";
exports.__esModule = true;
var _external = require("./b.cjs");
Object.keys(_external).forEach(function (key) {
  if (key === "default" || key === "__esModule") return;
  if (key in exports && exports[key] === _external[key]) return;
  exports[key] = _external[key];
});
"#;
        let r = analyze(babel).unwrap();
        assert_eq!(r.names, ["__esModule"]);
        assert_eq!(r.reexports, ["./b.cjs"]);
        let babel_getter = r#"var _x = require("x");
Object.keys(_x).forEach(function (key) {
  if (key === "default" || key === "__esModule") return;
  if (Object.prototype.hasOwnProperty.call(_exportNames, key)) return;
  Object.defineProperty(exports, key, {
    enumerable: true,
    get: function () {
      return _x[key];
    }
  });
});"#;
        assert_eq!(analyze(babel_getter).unwrap().reexports, ["x"]);
        let ts = r#"Object.defineProperty(exports, "__esModule", { value: true });
tslib_1.__exportStar(require("./c.cjs"), exports);
__export(require("./d"));
function f() { __exportStar(require("./nested"), exports); }"#;
        let r = analyze(ts).unwrap();
        assert_eq!(r.names, ["__esModule"]);
        assert_eq!(r.reexports, ["./c.cjs", "./d"]);
    }

    #[test]
    fn text_that_does_not_scan_finds_nothing() {
        assert_eq!(analyze("exports.a = 1; 'open"), None);
        assert_eq!(analyze("exports.a = 1; `open ${"), None);
        assert_eq!(analyze("exports.a = 1; (("), None);
        // Regular expressions and divisions told apart.
        assert_eq!(
            names("let a = b / 2; exports.x = 1; c = d++ / 2 / 3; if (a) /re}/.test(s); exports.y = 2;"),
            ["x", "y"]
        );
        assert_eq!(names("#!/usr/bin/env node\nexports.z = 1;"), ["z"]);
    }
}
