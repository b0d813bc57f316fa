//! The callee of a refused call as V8 prints it (`o.g(...).x is not a function`), and which
//! call of a line it was.
//!
//! V8 prints the callee's expression from its syntax tree: calls as `(...)`, string keys as
//! names (`o['f']` is `o.f`), binary operations in parentheses, and what it cannot print as
//! `(intermediate value)`. Here the expression is read back from the line: the calls on it are
//! found first, the refused one is told by the engine's position and, when the caller's
//! bytecode could be read, by its argument count and what pushed its callee.

/// Whether `c` can be part of a name.
pub(crate) fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// What pushed the callee of a refused call, as the caller's bytecode has it.
#[derive(Debug, PartialEq)]
pub(crate) enum Callee {
    /// A property read by name: `o.name(`.
    Field(String),
    /// A property read by a computed key: `o[k](`.
    Computed,
    /// A variable: its name when it is a global's, else `None`.
    Variable(Option<String>),
    /// The result of a call: `f()(`.
    CallResult,
    /// Anything else.
    Other,
}

/// A call the engine refused, as the caller's bytecode has it.
#[derive(Debug, PartialEq)]
pub(crate) struct FailedCall {
    /// How many arguments it passed (`None` for a spread call).
    pub(crate) argc: Option<usize>,
    pub(crate) construct: bool,
    pub(crate) callee: Callee,
}

/// The most characters either side of the position that are read.
const WINDOW: usize = 1024;

/// A call on a line.
struct Site {
    /// Index of its `(`.
    paren: usize,
    /// Index of its `)`, when on the line.
    close: Option<usize>,
    /// Its argument count; `None` with a spread argument or when not closed on the line.
    argc: Option<usize>,
    /// The callee's text: `chars[start..end]`.
    start: usize,
    end: usize,
    /// Where the expression starts: `new` of a construction, else `start`.
    from: usize,
    construct: bool,
    /// An optional call: `f?.(`.
    optional: bool,
}

/// The refused call of `line` whose engine position is `col` (1-based): V8's column for it
/// (1-based) and its callee as V8 prints it. `hint` is what the bytecode said, when read.
pub(crate) fn refused_call(
    line: &str,
    col: i32,
    construct: bool,
    hint: Option<&FailedCall>,
) -> Option<(i32, String)> {
    let (line, offset) = super::window::around(line, col);
    refused_call_in(line, col - offset, construct, hint).map(|(c, text)| (c + offset, text))
}

/// [`refused_call`] on the part of the line it reads.
fn refused_call_in(
    line: &str,
    col: i32,
    construct: bool,
    hint: Option<&FailedCall>,
) -> Option<(i32, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut at = ((col - 1).max(0) as usize).min(chars.len());
    // QuickJS may point at the blanks before the callee (where its scanner stood).
    while at + 1 < chars.len() && chars[at].is_whitespace() {
        at += 1;
    }
    let lo = at.saturating_sub(WINDOW);
    let hi = (at + WINDOW).min(chars.len());
    let sites = sites(&chars, lo, hi);
    // The calls the position is in (callee or arguments), innermost first.
    let mut around: Vec<&Site> = sites
        .iter()
        .filter(|s| s.from <= at && s.close.is_none_or(|c| at <= c))
        .collect();
    around.sort_by_key(|s| s.close.unwrap_or(usize::MAX) - s.from);
    let fits = |s: &&Site| {
        s.construct == construct
            && match hint {
                None => true,
                Some(h) => {
                    h.construct == s.construct
                        && (h.argc.is_none() || s.argc.is_none() || h.argc == s.argc)
                        && callee_fits(&chars[s.start..s.end], &h.callee)
                }
            }
    };
    let site = *around.iter().find(|s| fits(s))?;
    let text = print(&chars[site.start..site.end])?;
    // V8 points at a named callee's last name, at `new`, or else at the call's `(`.
    let column = if site.construct {
        site.from
    } else if site.optional {
        site.paren
    } else if chars[site.end - 1].is_alphanumeric() || matches!(chars[site.end - 1], '_' | '$') {
        let mut s = site.end;
        while s > site.start && is_ident(chars[s - 1]) {
            s -= 1;
        }
        let word: String = chars[s..site.end].iter().collect();
        if (s > site.start && chars[s - 1] != '.')
            || matches!(word.as_str(), "null" | "true" | "false")
        {
            site.paren
        } else {
            s
        }
    } else {
        site.paren
    };
    Some((column as i32 + 1, text))
}

/// Whether the callee text could be what the bytecode says pushed it.
fn callee_fits(callee: &[char], pushed: &Callee) -> bool {
    let text: String = callee.iter().collect();
    // `(o.h)(` and `(0, o.h)(` call what the parentheses' last expression gives.
    let mut text = text.trim();
    while let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        text = inner.rsplit(',').next().unwrap_or(inner).trim();
    }
    // An operation's value comes from one of its operands (joined branches): any fits.
    let mut depth = 0i32;
    let operation = text.chars().any(|c| {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        depth == 0 && "|&?+-*/<>!=~^%, :".contains(c)
    });
    if operation {
        return true;
    }
    let last_name = || {
        let name = crate::v8_wording::trailing_name(text);
        let before = text[..text.len() - name.len()].trim_end();
        (name.to_string(), before.ends_with('.'))
    };
    match pushed {
        Callee::Field(name) => {
            let (last, member) = last_name();
            (member && last == *name) || text.ends_with(']')
        }
        Callee::Computed => text.ends_with(']'),
        Callee::Variable(name) => {
            let (last, member) = last_name();
            !member && last.len() == text.len() && name.as_ref().is_none_or(|n| *n == last)
        }
        Callee::CallResult => text.ends_with(')') || text.ends_with('`'),
        Callee::Other => true,
    }
}

const NOT_CALLEES: &[&str] = &[
    "if",
    "while",
    "for",
    "switch",
    "catch",
    "function",
    "return",
    "typeof",
    "void",
    "delete",
    "in",
    "of",
    "instanceof",
    "case",
    "do",
    "else",
    "throw",
    "await",
    "yield",
    "with",
    "new",
];

/// The calls in `chars[lo..hi]`.
fn sites(chars: &[char], lo: usize, hi: usize) -> Vec<Site> {
    struct Open {
        at: usize,
        call: Option<CalleeText>,
        commas: usize,
        filled: bool,
        spread: bool,
    }
    let mut out = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut i = lo;
    while i < hi {
        let c = chars[i];
        match c {
            '\'' | '"' | '`' => {
                i = skip_quoted(chars, i, hi);
                if let Some(o) = open.last_mut() {
                    o.filled = true;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'/') => break,
            '/' if regex_may_start(chars, lo, i) => {
                i = skip_regex(chars, i, hi);
                continue;
            }
            '(' | '[' | '{' => {
                if let Some(o) = open.last_mut() {
                    o.filled = true;
                }
                let call = (c == '(').then(|| call_callee(chars, lo, i)).flatten();
                open.push(Open {
                    at: i,
                    call,
                    commas: 0,
                    filled: false,
                    spread: false,
                });
            }
            ')' | ']' | '}' => {
                if let Some(o) = open.pop() {
                    // `name(...) {` defines a method.
                    let next = chars[i + 1..hi].iter().find(|c| !c.is_whitespace());
                    if let (Some(call), ')', false) = (o.call, c, next == Some(&'{')) {
                        out.push(Site {
                            paren: o.at,
                            close: Some(i),
                            argc: (!o.spread).then_some(if o.filled { o.commas + 1 } else { 0 }),
                            start: call.start,
                            end: call.end,
                            from: call.from,
                            construct: call.construct,
                            optional: call.optional,
                        });
                    }
                }
            }
            ',' => {
                if let Some(o) = open.last_mut() {
                    o.commas += 1;
                }
            }
            '.' if chars[i..].starts_with(&['.', '.', '.']) => {
                if let Some(o) = open.last_mut() {
                    o.spread = true;
                    o.filled = true;
                }
                i += 3;
                continue;
            }
            c if !c.is_whitespace() => {
                if let Some(o) = open.last_mut() {
                    o.filled = true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // Calls still open at the window's end: their callee and position only.
    for o in open {
        if let Some(call) = o.call {
            out.push(Site {
                paren: o.at,
                close: None,
                argc: None,
                start: call.start,
                end: call.end,
                from: call.from,
                construct: call.construct,
                optional: call.optional,
            });
        }
    }
    out
}

/// The callee's place in a call.
#[derive(Clone, Copy)]
struct CalleeText {
    start: usize,
    end: usize,
    from: usize,
    construct: bool,
    optional: bool,
}

/// The callee of the call whose `(` is at `paren`; `None` when the parenthesis opens no call.
fn call_callee(chars: &[char], lo: usize, paren: usize) -> Option<CalleeText> {
    let mut end = back_over(chars, lo, paren, char::is_whitespace);
    let optional = chars[lo..end].ends_with(&['?', '.']);
    if optional {
        end -= 2;
    }
    let prev = *chars.get(end.checked_sub(1)?)?;
    if is_ident(prev) {
        let s = back_over(chars, lo, end, is_ident);
        let word: String = chars[s..end].iter().collect();
        if NOT_CALLEES.contains(&word.as_str()) || word.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // `function name(` declares.
        let b = back_over(chars, lo, s, char::is_whitespace);
        if chars[lo..b].ends_with(&['f', 'u', 'n', 'c', 't', 'i', 'o', 'n']) {
            return None;
        }
    } else if !matches!(prev, ')' | ']' | '`' | '\'' | '"') {
        return None;
    }
    let mut start = chain_start(chars, lo, end)?;
    // `new X.Y(`: a construction of the chain; `new X().y(`: a call of what it made.
    let b = back_over(chars, lo, start, char::is_whitespace);
    let new = b >= lo + 3
        && chars[b - 3..b] == ['n', 'e', 'w']
        && (b == lo + 3 || !is_ident(chars[b - 4]))
        && b < start;
    let plain = chars[start..end].iter().all(|c| is_ident(*c) || *c == '.');
    let construct = new && plain && !optional;
    if new && !construct {
        start = b - 3;
    }
    Some(CalleeText {
        start,
        end,
        from: if new { b - 3 } else { start },
        construct,
        optional,
    })
}

/// Back from `i` over the characters `pred` accepts, not before `lo`.
fn back_over(chars: &[char], lo: usize, mut i: usize, pred: impl Fn(char) -> bool) -> usize {
    while i > lo && pred(chars[i - 1]) {
        i -= 1;
    }
    i
}

/// The start of the member chain ending at `end` (`o.g(1).x` of `o.g(1).x(`).
fn chain_start(chars: &[char], lo: usize, end: usize) -> Option<usize> {
    let mut j = end;
    loop {
        let c = *chars.get(j.checked_sub(1)?)?;
        if is_ident(c) {
            let s = back_over(chars, lo, j, is_ident);
            let word: String = chars[s..j].iter().collect();
            if NOT_CALLEES.contains(&word.as_str()) && s < end && j < end {
                return Some(j_after_spaces(chars, j, end));
            }
            j = s;
            // A name continues the chain only after a dot.
            let b = back_over(chars, lo, j, char::is_whitespace);
            if b > lo && chars[b - 1] == '.' && !(b >= lo + 2 && chars[b - 2] == '.') {
                j = b - 1;
                if j > lo && chars[j - 1] == '?' {
                    j -= 1;
                }
                while j > lo && chars[j - 1].is_whitespace() {
                    j -= 1;
                }
                continue;
            }
            return Some(j);
        }
        match c {
            ')' | ']' | '}' => {
                let open = matching_open(chars, lo, j - 1)?;
                j = open;
                let before = open.checked_sub(1).map(|b| chars[b]);
                let continues = match before {
                    Some(b) if is_ident(b) => {
                        // `return (x)`, `typeof [..]`: the group is the chain's start.
                        let s = back_over(chars, lo, open, is_ident);
                        let word: String = chars[s..open].iter().collect();
                        !NOT_CALLEES.contains(&word.as_str()) && c != '}'
                    }
                    Some(')' | ']' | '`' | '\'' | '"') => c != '}',
                    // `f?.(...)`: an optional call continues with its callee.
                    Some('.') => c == ')' && open >= lo + 2 && chars[open - 2] == '?',
                    _ => false,
                };
                if !continues {
                    return Some(j);
                }
                if before == Some('.') {
                    j -= 2;
                }
            }
            '\'' | '"' | '`' => {
                // A literal starts the chain (or is a tagged template's).
                let mut k = j - 1;
                loop {
                    k = k.checked_sub(1)?;
                    if k < lo {
                        return None;
                    }
                    if chars[k] == c && (k == 0 || chars[k - 1] != '\\') {
                        break;
                    }
                }
                j = k;
                if c != '`' {
                    return Some(j);
                }
                // A tagged template continues with its tag.
                if !j
                    .checked_sub(1)
                    .is_some_and(|b| is_ident(chars[b]) || chars[b] == ')')
                {
                    return Some(j);
                }
            }
            '/' => {
                // A regular expression literal starts the chain.
                let mut k = j - 1;
                loop {
                    k = k.checked_sub(1)?;
                    if k < lo {
                        return None;
                    }
                    if chars[k] == '/' && chars[k - 1] != '\\' {
                        break;
                    }
                }
                return Some(k);
            }
            _ => return Some(j),
        }
    }
}

fn j_after_spaces(chars: &[char], mut j: usize, end: usize) -> usize {
    while j < end && chars[j].is_whitespace() {
        j += 1;
    }
    j
}

/// The index of the bracket that `chars[close]` closes (strings on the way skipped).
fn matching_open(chars: &[char], lo: usize, close: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut k = close + 1;
    while k > lo {
        k -= 1;
        match chars[k] {
            ')' | ']' | '}' => depth += 1,
            '(' | '[' | '{' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            q @ ('\'' | '"' | '`') => {
                // Back to the opening quote.
                loop {
                    k = k.checked_sub(1)?;
                    if k < lo {
                        return None;
                    }
                    if chars[k] == q && (k == 0 || chars[k - 1] != '\\') {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    None
}

fn skip_quoted(chars: &[char], i: usize, hi: usize) -> usize {
    let q = chars[i];
    let mut k = i + 1;
    while k < hi {
        match chars[k] {
            '\\' => k += 1,
            c if c == q => return k + 1,
            _ => {}
        }
        k += 1;
    }
    hi
}

fn regex_may_start(chars: &[char], lo: usize, i: usize) -> bool {
    let prev = chars[lo..i].iter().rev().find(|c| !c.is_whitespace());
    matches!(
        prev,
        None | Some('(' | ',' | '=' | ':' | '[' | '!' | '&' | '|' | '?' | '{' | '}' | ';')
    )
}

fn skip_regex(chars: &[char], i: usize, hi: usize) -> usize {
    let mut k = i + 1;
    let mut class = false;
    while k < hi {
        match chars[k] {
            '\\' => k += 1,
            '[' => class = true,
            ']' => class = false,
            '/' if !class => return k + 1,
            _ => {}
        }
        k += 1;
    }
    hi
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Name(String),
    Number(String),
    Str(String),
    Regex(String),
    Punct(&'static str),
}

const PUNCTS: &[&str] = &[
    ">>>", "===", "!==", "...", "**", "?.", "||", "&&", "??", "==", "!=", "<=", ">=", "<<", ">>",
    "=>", ".", "(", ")", "[", "]", "{", "}", ",", "+", "-", "*", "/", "%", "<", ">", "|", "&", "^",
    "!", "~", "?", ":", "=",
];

fn tokens(chars: &[char]) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let s = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '.' || chars[i] == '_')
            {
                i += 1;
            }
            out.push(Token::Number(chars[s..i].iter().collect()));
        } else if is_ident(c) {
            let s = i;
            while i < chars.len() && is_ident(chars[i]) {
                i += 1;
            }
            out.push(Token::Name(chars[s..i].iter().collect()));
        } else if matches!(c, '\'' | '"' | '`') {
            let end = skip_quoted(chars, i, chars.len());
            let inner: String = chars[i + 1..end.checked_sub(1)?.max(i + 1)]
                .iter()
                .collect();
            if inner.contains('\\') || (c == '`' && inner.contains("${")) || end > chars.len() {
                return None;
            }
            out.push(Token::Str(inner));
            i = end;
        } else if c == '/'
            && !matches!(
                out.last(),
                Some(Token::Name(_) | Token::Number(_) | Token::Str(_) | Token::Punct(")" | "]"))
            )
        {
            let end = skip_regex(chars, i, chars.len());
            let mut e = end;
            while e < chars.len() && chars[e].is_alphabetic() {
                e += 1;
            }
            out.push(Token::Regex(chars[i..e].iter().collect()));
            i = e;
        } else {
            let rest = &chars[i..];
            let p = PUNCTS
                .iter()
                .find(|p| rest.iter().take(p.len()).copied().eq(p.chars()))?;
            out.push(Token::Punct(p));
            i += p.len();
        }
    }
    Some(out)
}

/// The callee of a construction whose callee starts with a parenthesized expression (`new
/// ({})`, `new (a.b)()`, `new ({a: 1}).b`) around position `col` (1-based; the engine's, at the
/// `new`, the `(` or inside the parentheses, not in the arguments), as V8 prints it back (`{}`,
/// `a.b`, `{(intermediate value)}.b`). Only a group with no call in it: a call inside would be
/// what the engine refused.
pub(crate) fn constructed_parenthesized(line: &str, col: i32) -> Option<String> {
    let (line, offset) = super::window::around(line, col);
    let chars: Vec<char> = line.chars().collect();
    let at = ((col - offset - 1).max(0) as usize).min(chars.len());
    // The nearest `new (` at or before the position.
    let mut p = (at + 4).min(chars.len());
    let open = loop {
        let start = p.checked_sub(1)?;
        p = start;
        if chars[start..].starts_with(&['n', 'e', 'w'])
            && (start == 0 || !is_ident(chars[start - 1]))
        {
            let mut o = start + 3;
            while chars.get(o).is_some_and(|c| c.is_whitespace()) {
                o += 1;
            }
            if chars.get(o) == Some(&'(') {
                break o;
            }
        }
        if start + WINDOW < at {
            return None;
        }
    };
    let close = group_end(&chars, open)?;
    if at > close || chars[open + 1..close].contains(&'(') {
        return None;
    }
    // A member chain may follow (`new ({}).b`), then the expression ends.
    let mut end = close + 1;
    loop {
        match chars.get(end) {
            Some('.') => {
                end += 1;
                while chars.get(end).is_some_and(|c| is_ident(*c)) {
                    end += 1;
                }
            }
            Some('[') => end = group_end(&chars, end)? + 1,
            _ => break,
        }
    }
    let callee_end = end;
    // Its arguments, when given.
    while chars.get(end).is_some_and(|c| c.is_whitespace()) {
        end += 1;
    }
    if chars.get(end) == Some(&'(') {
        end = group_end(&chars, end)? + 1;
    }
    let next = chars[end..].iter().find(|c| !c.is_whitespace());
    if !next.is_none_or(|c| matches!(c, ';' | ')' | ',' | ']' | '}')) {
        return None;
    }
    print(&chars[open..callee_end])
}

/// The index of the bracket closing the one at `open` (strings skipped), within `window`
/// chars of it.
pub(super) fn matching_within(chars: &[char], open: usize, window: usize) -> Option<usize> {
    let mut depth = 0i32;
    let mut quote = None;
    let mut i = open;
    while i < chars.len() && i - open <= window {
        let c = chars[i];
        match quote {
            Some(_) if c == '\\' => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}

/// The index of the bracket closing the one at `open` (strings skipped).
fn group_end(chars: &[char], open: usize) -> Option<usize> {
    matching_within(chars, open, WINDOW)
}

/// The callee `text` as V8 prints it; `None` for what is not read here.
fn print(text: &[char]) -> Option<String> {
    let tokens = tokens(text)?;
    let mut p = Printer {
        tokens,
        at: 0,
        depth: 0,
    };
    let out = p.expression()?;
    (p.at == p.tokens.len()).then_some(out)
}

struct Printer {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

const MAX_NESTING: usize = 64;

const INTERMEDIATE: &str = "(intermediate value)";

fn precedence(op: &str) -> Option<u8> {
    Some(match op {
        "||" | "??" => 1,
        "&&" => 2,
        "|" => 3,
        "^" => 4,
        "&" => 5,
        "==" | "!=" | "===" | "!==" => 6,
        "<" | ">" | "<=" | ">=" => 7,
        "<<" | ">>" | ">>>" => 8,
        "+" | "-" => 9,
        "*" | "/" | "%" => 10,
        "**" => 11,
        _ => return None,
    })
}

impl Printer {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn punct(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Token::Punct(q)) if *q == p)
    }

    fn eat(&mut self, p: &str) -> bool {
        let yes = self.punct(p);
        if yes {
            self.at += 1;
        }
        yes
    }

    /// A comma list: V8 prints `(a , b)`.
    fn expression(&mut self) -> Option<String> {
        let mut items = vec![self.binary(0)?];
        while self.eat(",") {
            items.push(self.binary(0)?);
        }
        Some(if items.len() == 1 {
            items.pop()?
        } else {
            format!("({})", items.join(" , "))
        })
    }

    fn binary(&mut self, min: u8) -> Option<String> {
        let mut left = self.unary()?;
        while let Some(Token::Punct(op)) = self.peek().cloned() {
            let Some(prec) = precedence(op) else { break };
            if prec <= min && min != 0 {
                break;
            }
            // A run of one operator prints flat: `(a || b || c)`.
            let mut parts = vec![left];
            while self.eat(op) {
                parts.push(self.binary(prec)?);
            }
            // The parser folds arithmetic on number literals (`o[1+1]` is `o[2]`).
            let folded = match (parts.as_slice(), op) {
                ([a, b], "+" | "-" | "*") => a
                    .parse::<i64>()
                    .ok()
                    .zip(b.parse::<i64>().ok())
                    .and_then(|(a, b)| match op {
                        "+" => a.checked_add(b),
                        "-" => a.checked_sub(b),
                        _ => a.checked_mul(b),
                    }),
                _ => None,
            };
            left = match folded {
                Some(v) if v.unsigned_abs() < 1 << 53 => v.to_string(),
                _ => format!("({})", parts.join(&format!(" {op} "))),
            };
            if self.punct("?") {
                return None;
            }
        }
        if self.punct("?") {
            return None;
        }
        Some(left)
    }

    fn unary(&mut self) -> Option<String> {
        // Nesting is bounded (a crafted line must not exhaust the stack).
        self.depth += 1;
        let printed = if self.depth > MAX_NESTING {
            None
        } else {
            self.unary_inner()
        };
        self.depth -= 1;
        printed
    }

    fn unary_inner(&mut self) -> Option<String> {
        match self.peek()?.clone() {
            Token::Punct(op @ ("!" | "~" | "+")) => {
                self.at += 1;
                Some(format!("({op}{})", self.unary()?))
            }
            Token::Punct("-") => {
                self.at += 1;
                // A negative number literal stays a literal.
                if let Some(Token::Number(n)) = self.peek().cloned() {
                    if !matches!(
                        self.tokens.get(self.at + 1),
                        Some(Token::Punct("." | "[" | "(" | "?."))
                    ) {
                        self.at += 1;
                        return Some(format!("-{}", number(&n)?));
                    }
                }
                Some(format!("(-{})", self.unary()?))
            }
            Token::Name(w) if matches!(w.as_str(), "typeof" | "void" | "delete") => {
                self.at += 1;
                Some(format!("({w} {})", self.unary()?))
            }
            _ => self.member(),
        }
    }

    fn member(&mut self) -> Option<String> {
        let mut out = self.primary()?;
        loop {
            if self.eat(".") {
                let Some(Token::Name(n)) = self.peek().cloned() else {
                    return None;
                };
                self.at += 1;
                out = format!("{out}.{n}");
            } else if self.punct("?.") {
                self.at += 1;
                match self.peek().cloned() {
                    Some(Token::Name(n)) => {
                        self.at += 1;
                        out = format!("{out}?.{n}");
                    }
                    Some(Token::Punct("(")) => {
                        self.skip_group()?;
                        out = format!("{out}(...)");
                    }
                    _ => return None,
                }
            } else if self.eat("[") {
                let key = match (self.peek().cloned(), self.tokens.get(self.at + 1)) {
                    (Some(Token::Str(s)), Some(Token::Punct("]"))) => {
                        self.at += 1;
                        format!(".{s}")
                    }
                    _ => format!("[{}]", self.expression()?),
                };
                if !self.eat("]") {
                    return None;
                }
                out.push_str(&key);
            } else if self.punct("(") {
                self.skip_group()?;
                out.push_str("(...)");
            } else if let Some(Token::Str(_)) = self.peek() {
                // A tagged template.
                self.at += 1;
                out.push_str("(...)");
            } else {
                return Some(out);
            }
        }
    }

    /// Past an arrow function's `=>` and body: a value for V8.
    fn arrow_body(&mut self) -> Option<String> {
        self.at += 1;
        if self.punct("{") {
            self.skip_group()?;
        } else {
            let mut depth = 0i32;
            while let Some(t) = self.peek() {
                match t {
                    Token::Punct("(" | "[" | "{") => depth += 1,
                    Token::Punct(")" | "]" | "}") if depth == 0 => break,
                    Token::Punct(")" | "]" | "}") => depth -= 1,
                    Token::Punct(",") if depth == 0 => break,
                    _ => {}
                }
                self.at += 1;
            }
        }
        Some(INTERMEDIATE.into())
    }

    /// Past a balanced group starting at the current `(`.
    fn skip_group(&mut self) -> Option<()> {
        let mut depth = 0;
        loop {
            match self.peek()? {
                Token::Punct("(" | "[" | "{") => depth += 1,
                Token::Punct(")" | "]" | "}") => depth -= 1,
                _ => {}
            }
            self.at += 1;
            if depth == 0 {
                return Some(());
            }
        }
    }

    fn primary(&mut self) -> Option<String> {
        let t = self.peek()?.clone();
        self.at += 1;
        match t {
            Token::Name(n) => match n.as_str() {
                // Literals of functions and classes, and constructions, print as values.
                "function" | "class" => {
                    if let Some(Token::Name(_)) = self.peek() {
                        self.at += 1;
                    }
                    if n == "function" {
                        self.skip_group()?;
                    }
                    if !self.punct("{") {
                        return None;
                    }
                    self.skip_group()?;
                    Some(INTERMEDIATE.into())
                }
                "new" => {
                    let callee = self.primary()?;
                    while self.eat(".") {
                        let Some(Token::Name(_)) = self.peek() else {
                            return None;
                        };
                        self.at += 1;
                    }
                    if self.punct("(") {
                        self.skip_group()?;
                    }
                    (!callee.is_empty()).then(|| INTERMEDIATE.into())
                }
                "async" => None,
                _ if self.punct("=>") => self.arrow_body(),
                _ => Some(n),
            },
            // V8 prints a BigInt literal as a value.
            Token::Number(n) => {
                number(&n).or_else(|| n.ends_with('n').then(|| INTERMEDIATE.into()))
            }
            Token::Str(s) => Some(format!("\"{s}\"")),
            Token::Regex(r) => Some(r),
            Token::Punct("(") => {
                // An arrow function's parameters.
                let open = self.at - 1;
                self.at = open;
                self.skip_group()?;
                if self.punct("=>") {
                    return self.arrow_body();
                }
                self.at = open + 1;
                let inner = self.expression()?;
                self.eat(")").then_some(inner)
            }
            Token::Punct("[") => {
                let mut items = Vec::new();
                while !self.punct("]") {
                    items.push(self.binary(0)?);
                    if !self.eat(",") {
                        break;
                    }
                }
                self.eat("]").then(|| format!("[{}]", items.join(",")))
            }
            // An object literal: V8 prints each property as a value it does not show.
            Token::Punct("{") => {
                self.at -= 1;
                let open = self.at;
                self.skip_group()?;
                let inner = &self.tokens[open + 1..self.at - 1];
                let mut depth = 0i32;
                let mut properties = 0;
                let mut empty = true;
                for t in inner {
                    match t {
                        Token::Punct("(" | "[" | "{") => depth += 1,
                        Token::Punct(")" | "]" | "}") => depth -= 1,
                        Token::Punct(",") if depth == 0 => {
                            properties += usize::from(!empty);
                            empty = true;
                            continue;
                        }
                        _ => {}
                    }
                    empty = false;
                }
                properties += usize::from(!empty);
                Some(format!("{{{}}}", INTERMEDIATE.repeat(properties)))
            }
            _ => None,
        }
    }
}

/// A number literal as V8 prints its value; `None` for what is not plainly read.
fn number(text: &str) -> Option<String> {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let value = if let Some(h) = lower.strip_prefix("0x") {
        u64::from_str_radix(h, 16).ok()? as f64
    } else if let Some(o) = lower.strip_prefix("0o") {
        u64::from_str_radix(o, 8).ok()? as f64
    } else if let Some(b) = lower.strip_prefix("0b") {
        u64::from_str_radix(b, 2).ok()? as f64
    } else if lower.ends_with('n') {
        return None;
    } else {
        lower.parse::<f64>().ok()?
    };
    if value.fract() == 0.0 && value.abs() < 1e21 {
        Some(format!("{}", value as i64))
    } else if value.is_finite() && value.abs() >= 1e-6 && value.abs() < 1e21 {
        Some(format!("{value}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(s: &str) -> Option<String> {
        print(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn prints_callees_as_v8() {
        for (text, v8) in [
            ("o.g(1).x", "o.g(...).x"),
            ("o.g(o)['f']", "o.g(...).f"),
            ("o.g(o)[o.k]", "o.g(...)[o.k]"),
            ("(o.h)", "o.h"),
            ("(0, o.h)", "(0 , o.h)"),
            ("({})", "{}"),
            ("'str'.zz", "\"str\".zz"),
            ("(o.g(1) || o).h", "(o.g(...) || o).h"),
            ("[1, 2].x", "[1,2].x"),
            ("(a + b * c)", "(a + (b * c))"),
            ("(a || b || c)", "(a || b || c)"),
            ("(!o)", "(!o)"),
            ("(typeof o)", "(typeof o)"),
            ("(-1)", "-1"),
            ("o[0x10]", "o[16]"),
            ("o['a-b']", "o.a-b"),
            ("o.g?.(1).x", "o.g(...).x"),
            ("o.g(1)?.x", "o.g(...)?.x"),
            ("o.g`x`.q", "o.g(...).q"),
            ("(/x/).zz", "/x/.zz"),
            ("o[a + 1]", "o[(a + 1)]"),
        ] {
            assert_eq!(printed(text).as_deref(), Some(v8), "{text}");
        }
        assert_eq!(printed("(a ? b : c)"), None);
        let deep = format!("{}o{}", "(".repeat(10_000), ")".repeat(10_000));
        assert_eq!(printed(&deep), None);
        assert_eq!(
            printed("(function(){}).x").as_deref(),
            Some("(intermediate value).x")
        );
        assert_eq!(
            printed("new Foo().bar").as_deref(),
            Some("(intermediate value).bar")
        );
    }

    #[test]
    fn finds_the_refused_call() {
        let call = |line: &str, col: i32, hint: Option<FailedCall>| {
            refused_call(line, col, false, hint.as_ref()).map(|(c, t)| format!("{c} {t}"))
        };
        let field = |n: &str, argc| FailedCall {
            argc: Some(argc),
            construct: false,
            callee: Callee::Field(n.into()),
        };
        let line = "o.f(o.h(o.g(1), 'x'));";
        // All three share the position of `1`.
        assert_eq!(call(line, 13, None).as_deref(), Some("11 o.g"));
        assert_eq!(
            call(line, 13, Some(field("h", 2))).as_deref(),
            Some("7 o.h")
        );
        assert_eq!(
            call(line, 13, Some(field("f", 1))).as_deref(),
            Some("3 o.f")
        );
        assert_eq!(
            call("o.g(1).x();", 10, None).as_deref(),
            Some("8 o.g(...).x")
        );
        assert_eq!(
            call("(0, o.h)();", 10, None).as_deref(),
            Some("9 (0 , o.h)")
        );
        assert_eq!(call("x = o['h']();", 12, None).as_deref(), Some("11 o.h"));
    }
}
