//! Reading calls, assignments and literals back from one line of source, where QuickJS's
//! position for a frame or an error is not V8's and the text settles it (stack.rs).
//!
//! Only plain forms are read (`a.b.c(`, `new A.B(`, `x.y = `, `'literal'`); anything else
//! gives `None` and the engine's position or wording stays.

mod callee;
mod inferred_name;
mod window;

pub(crate) use callee::{constructed_parenthesized, is_ident, refused_call, Callee, FailedCall};
pub(crate) use inferred_name::{assigned_member_name, kept_after, MAX_BACK as READ_BACK};
pub(crate) use window::around as line_window;

/// A call whose argument list is open at some position of a line.
struct Call {
    /// Index of its `(`.
    paren: usize,
    /// Index of the callee's last name (`m` of `a.m(`), or of `new` for a construction.
    column: usize,
    /// The callee's last name.
    name: String,
}

/// Which characters of `chars` before `end` are inside a string, template or regular
/// expression literal or a comment (read from the line's start: a line that starts inside one
/// is read as code), whose brackets are no call's.
fn in_literals(chars: &[char], end: usize) -> Vec<bool> {
    let end = end.min(chars.len());
    let mut inside = vec![false; end];
    let mut last = None; // the last significant character, to tell a division from a regexp
    let mut i = 0;
    while i < end {
        let c = chars[i];
        let regexp = c == '/'
            && !matches!(chars.get(i + 1), Some('/' | '*'))
            && last.is_none_or(|l: char| "(,=:[!&|?{};+-*%<>~^".contains(l));
        let close = match c {
            '\'' | '"' | '`' => Some(c),
            '/' if matches!(chars.get(i + 1), Some('/')) => Some('\n'),
            '/' if matches!(chars.get(i + 1), Some('*')) => Some('*'),
            '/' if regexp => Some('/'),
            _ => None,
        };
        let Some(close) = close else {
            if !c.is_whitespace() {
                last = Some(c);
            }
            i += 1;
            continue;
        };
        let start = i;
        let mut k = i + 1 + usize::from(close == '*' || close == '\n');
        let mut class = false;
        while k < chars.len() {
            match chars[k] {
                '\\' if close != '\n' && close != '*' => k += 1,
                '[' if close == '/' => class = true,
                ']' if close == '/' => class = false,
                '/' if close == '*' && chars[k - 1] == '*' && k > start + 2 => break,
                ch if ch == close && close != '*' && !(close == '/' && class) => break,
                _ => {}
            }
            k += 1;
        }
        for slot in inside.iter_mut().take((k + 1).min(end)).skip(start) {
            *slot = true;
        }
        last = Some(c);
        i = k + 1;
    }
    inside
}

/// The calls whose parentheses enclose index `at` of `chars`, innermost first (a few levels:
/// lines are short, and a crafted one must not cost much).
fn enclosing_calls(chars: &[char], at: usize) -> Vec<Call> {
    let mut calls = Vec::new();
    let mut depth = 0;
    let mut i = at.min(chars.len());
    let literal = in_literals(chars, i);
    while i > 0 && calls.len() < 16 {
        i -= 1;
        if literal[i] {
            continue;
        }
        match chars[i] {
            ')' | ']' | '}' => depth += 1,
            '[' | '{' if depth > 0 => depth -= 1,
            '[' | '{' => {}
            '(' if depth > 0 => depth -= 1,
            '(' => {
                let mut end = i;
                while end > 0 && chars[end - 1] == ' ' {
                    end -= 1;
                }
                let mut start = end;
                while start > 0 && is_ident(chars[start - 1]) {
                    start -= 1;
                }
                if start == end && end > 0 && chars[end - 1] == ')' {
                    // A callee in parentheses (`(0, lib.fn)(...)`, as Babel and TypeScript call
                    // imports): V8 points at the arguments' `(`; the name is the last one inside.
                    let mut last = end - 1;
                    while last > 0 && chars[last - 1] == ' ' {
                        last -= 1;
                    }
                    let mut first = last;
                    while first > 0 && is_ident(chars[first - 1]) {
                        first -= 1;
                    }
                    // `(function name() { ... })(`: an expression called at once, named by its
                    // own name.
                    let named = matching_open(chars, end - 1)
                        .and_then(|open| function_expression_name(chars, open, end - 1));
                    if let Some(name) = named {
                        calls.push(Call {
                            paren: i,
                            column: i,
                            name,
                        });
                    } else {
                        // `(f => f())(x)`, `(function () {})(x)`: a function expression
                        // called at once, nameless (named `""`, which no callee's name is).
                        calls.push(Call {
                            paren: i,
                            column: i,
                            name: chars[first..last].iter().collect(),
                        });
                    }
                    continue;
                }
                if start == end || chars[start].is_ascii_digit() {
                    continue;
                }
                let name: String = chars[start..end].iter().collect();
                if matches!(
                    name.as_str(),
                    "if" | "while" | "for" | "switch" | "catch" | "function"
                ) {
                    continue;
                }
                // Back over the member chain to a `new` before it.
                let mut begin = start;
                while begin > 0 && (is_ident(chars[begin - 1]) || chars[begin - 1] == '.') {
                    begin -= 1;
                }
                let before: String = chars[..begin].iter().collect();
                let column = match before.strip_suffix("new ") {
                    Some(rest) if !rest.ends_with(is_ident) => begin - 4,
                    _ => start,
                };
                calls.push(Call {
                    paren: i,
                    column,
                    name,
                });
            }
            _ => {}
        }
    }
    calls
}

/// The name of the function expression the parentheses at `open` and `close` hold
/// (`(function name() {...})`).
fn function_expression_name(chars: &[char], open: usize, close: usize) -> Option<String> {
    let inner: String = chars[open + 1..close].iter().collect();
    let rest = inner.trim_start().strip_prefix("function")?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('*').unwrap_or(rest).trim_start();
    let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
    (!name.is_empty()).then_some(name)
}

/// The index of the bracket that `chars[close]` closes, within a few thousand characters.
fn matching_open(chars: &[char], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    let lo = close.saturating_sub(4096);
    for k in (lo..=close).rev() {
        match chars[k] {
            ')' | ']' | '}' => depth += 1,
            '(' | '[' | '{' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// V8's column (1-based) for a caller's frame whose QuickJS position is `col` of `line`:
/// QuickJS records a call at its first argument, V8 at the callee's last name (at `new` for a
/// construction). `callee` is the name of the function the frame called: the enclosing call
/// of that name is the one; without a name, the call whose arguments start at `col`.
pub(crate) fn caller_column(line: &str, col: i32, callee: Option<&str>) -> Option<i32> {
    let (line, offset) = window::around(line, col);
    caller_column_in(line, col - offset, callee).map(|c| c + offset)
}

/// [`caller_column`] on the part of the line it reads.
fn caller_column_in(line: &str, col: i32, callee: Option<&str>) -> Option<i32> {
    let chars: Vec<char> = line.chars().collect();
    let at = ((col - 1).max(0) as usize).min(chars.len());
    let calls = enclosing_calls(&chars, at);
    let callee = callee
        .map(|n| n.rsplit(' ').next().unwrap_or(n))
        .filter(|n| !n.is_empty() && *n != "<anonymous>");
    let call = match callee {
        Some(name) => match calls.iter().find(|c| c.name == name) {
            Some(c) => c,
            None => {
                return called_at_once(&chars, at, name)
                    .or_else(|| called_by_name_at(&chars, at, name))
                    .or_else(|| called_by_key_at(&chars, at, name))
            }
        },
        None => calls
            .first()
            .filter(|c| chars[c.paren + 1..at].iter().all(|c| c.is_whitespace()))?,
    };
    Some(call.column as i32 + 1)
}

/// V8's column (1-based) for the call of a function expression in parentheses called at once
/// (`(f => f())(x)`, `(function () {})(x)`): the `(` of the call's arguments. `function` is
/// the function's text, which the parentheses hold; the caller's engine column `col` lies
/// in them (QuickJS leaves a position of the function's there). `None` when the function is
/// not so called there.
pub(crate) fn called_at_once_paren(line: &str, function: &str, col: i32) -> Option<i32> {
    let chars: Vec<char> = line.chars().take(4096).collect();
    let at = usize::try_from(col - 1).ok()?.min(chars.len());
    let literal = in_literals(&chars, chars.len());
    let function: Vec<char> = function.trim().chars().collect();
    // The groups open before `at`, innermost first.
    let mut depth = 0usize;
    let mut tried = 0;
    for open in (0..at.min(chars.len())).rev() {
        if literal[open] {
            continue;
        }
        match chars[open] {
            ')' | ']' | '}' => depth += 1,
            '(' | '[' | '{' if depth > 0 => depth -= 1,
            '(' => {
                tried += 1;
                if tried > 16 {
                    return None;
                }
                let Some(close) = matching(&chars, open) else {
                    continue;
                };
                let inner = &chars[open + 1..close];
                let first = inner.iter().position(|c| !c.is_whitespace());
                let last = inner.iter().rposition(|c| !c.is_whitespace());
                let (Some(first), Some(last)) = (first, last) else {
                    continue;
                };
                if inner[first..=last] != function[..] {
                    continue;
                }
                let paren = (close + 1..chars.len()).find(|&k| !chars[k].is_whitespace())?;
                return (chars[paren] == '(').then_some(paren as i32 + 1);
            }
            _ => {}
        }
    }
    None
}

/// The column (1-based) of the `(` of a call right after index `at` of `line` (blanks, and one
/// `)` closing the callee's parentheses, between): `})()`, `}())`, `})  (this)`.
pub(crate) fn call_right_after(line: &str, at: usize) -> Option<i32> {
    let chars: Vec<char> = line.chars().take(at.saturating_add(1024)).collect();
    let next = |from: usize| (from..chars.len()).find(|&k| !chars[k].is_whitespace());
    let mut k = next(at)?;
    if chars[k] == ')' {
        k = next(k + 1)?;
    }
    (chars[k] == '(').then_some(k as i32 + 1)
}

/// `col` (1-based) when it is at the name of a member called there (`o.name(`), where both
/// engines place a method call.
pub(crate) fn method_name_at(line: &str, col: i32) -> Option<i32> {
    let at = usize::try_from(col - 1).ok()?;
    let chars: Vec<char> = line.chars().skip(at.checked_sub(1)?).take(1024).collect();
    if chars.first() != Some(&'.') {
        return None;
    }
    let end = 1 + chars[1..].iter().take_while(|c| is_ident(**c)).count();
    if end == 1 || chars[1].is_ascii_digit() {
        return None;
    }
    let paren = chars[end..].iter().position(|c| !c.is_whitespace())?;
    (chars[end + paren] == '(').then_some(col)
}

/// Whether `line` may hold a call of a call's result or of an element (`f(1)(2)`, `a[0](1)`):
/// a `(` right after a `)` or a `]` (spaces between). Cheap: it spares the bytecode's walk.
pub(crate) fn has_chained_call(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut last = 0u8;
    for &b in bytes {
        if b == b'(' && matches!(last, b')' | b']') {
            return true;
        }
        if !b.is_ascii_whitespace() {
            last = b;
        }
    }
    false
}

/// V8's column (1-based) for call `k` (0 the first) of a chain of calls whose results are
/// called in turn (`f(1)(2)(3)`, `o.m(1)(2)`, `a[0](1)`), the engine having recorded each at
/// the chain's start `col`: the arguments' `(` of that call, as V8 places a call whose callee
/// is no name (a call's result, a computed member). `None` for the first call of a named callee
/// (settled as any other) and when the line does not hold the chain from `col` on.
pub(crate) fn chained_call_column(line: &str, col: i32, k: usize) -> Option<i32> {
    let (line, offset) = window::around(line, col);
    chained_call_column_in(line, col - offset, k).map(|c| c + offset)
}

/// [`chained_call_column`] on the part of the line it reads.
fn chained_call_column_in(line: &str, col: i32, k: usize) -> Option<i32> {
    let chars: Vec<char> = line.chars().collect();
    let mut p = usize::try_from(col - 1).ok()?;
    if !chars.get(p).copied().is_some_and(is_ident) {
        return None;
    }
    let skip_name = |mut p: usize| {
        while chars.get(p).copied().is_some_and(is_ident) {
            p += 1;
        }
        p
    };
    p = skip_name(p);
    let mut computed = false;
    let mut group = 0;
    // A few members and calls: a longer chain is not settled.
    for _ in 0..64 {
        while chars.get(p).is_some_and(|c| c.is_whitespace()) {
            p += 1;
        }
        match chars.get(p)? {
            '.' => {
                p += 1;
                while chars.get(p).is_some_and(|c| c.is_whitespace()) {
                    p += 1;
                }
                if !chars.get(p).copied().is_some_and(is_ident) {
                    return None;
                }
                p = skip_name(p);
                computed = false;
            }
            '[' => {
                p = matching(&chars, p)? + 1;
                computed = true;
            }
            '(' if group == k => return (k > 0 || computed).then_some(p as i32 + 1),
            '(' => {
                p = matching(&chars, p)? + 1;
                group += 1;
                computed = false;
            }
            _ => return None,
        }
    }
    None
}

/// V8's column (1-based) for getting the iterator of the array pattern whose `[` is at `col`
/// (`const [a, b] = v`: at the value `v`; an assignment `[a, b] = v`: at its `=`), when the
/// pattern is declared or assigned there; `None` otherwise (a parameter, a nested pattern, a
/// `for...of` binding are left as they are).
pub(crate) fn pattern_value_column(line: &str, col: i32) -> Option<i32> {
    let (line, offset) = window::around(line, col);
    pattern_value_column_in(line, col - offset).map(|c| c + offset)
}

/// [`pattern_value_column`] on the part of the line it reads.
fn pattern_value_column_in(line: &str, col: i32) -> Option<i32> {
    let chars: Vec<char> = line.chars().collect();
    let open = usize::try_from(col - 1).ok()?;
    if chars.get(open) != Some(&'[') || in_literals(&chars, open + 1)[open] {
        return None;
    }
    let close = matching(&chars, open)?;
    let skip = |mut p: usize| {
        while chars.get(p).is_some_and(|c| c.is_whitespace()) {
            p += 1;
        }
        p
    };
    // `=` (not `==` nor `=>`), then the value.
    let eq = skip(close + 1);
    if chars.get(eq) != Some(&'=') || matches!(chars.get(eq + 1), Some('=' | '>')) {
        return None;
    }
    let value = skip(eq + 1);
    if value >= chars.len() {
        return None;
    }
    let mut before = open;
    while before > 0 && chars[before - 1].is_whitespace() {
        before -= 1;
    }
    let mut word_start = before;
    while word_start > 0 && is_ident(chars[word_start - 1]) {
        word_start -= 1;
    }
    let word: String = chars[word_start..before].iter().collect();
    match word.as_str() {
        "const" | "let" | "var" => Some(value as i32 + 1),
        // An assignment starting a statement (not a parameter's default: `f([a] = [])`).
        "" if before == 0 || matches!(chars[before - 1], ';' | '{' | '}') => Some(eq as i32 + 1),
        _ => None,
    }
}

/// V8's column (1-based) for the read of property `name` (`o.name`) that ran a getter, the
/// engine having recorded the read at `col` (the object's start, or a call before it): the
/// name after its `.`, the first such from `col` on (else from the line's start).
pub(crate) fn property_read_column(line: &str, col: i32, name: &str) -> Option<i32> {
    let (line, offset) = window::around(line, col);
    property_read_column_in(line, col - offset, name).map(|c| c + offset)
}

/// [`property_read_column`] on the part of the line it reads.
fn property_read_column_in(line: &str, col: i32, name: &str) -> Option<i32> {
    let chars: Vec<char> = line.chars().collect();
    let name: Vec<char> = name.chars().collect();
    if name.is_empty() || !name.iter().all(|c| is_ident(*c)) {
        return None;
    }
    let literal = in_literals(&chars, chars.len());
    let from = usize::try_from(col - 1).ok()?.min(chars.len());
    let read_at = |p: usize| -> Option<usize> {
        if chars[p] != '.' || literal[p] || (p > 0 && chars[p - 1] == '.') {
            return None;
        }
        let mut q = p + 1;
        while chars.get(q).is_some_and(|c| c.is_whitespace()) {
            q += 1;
        }
        let end = q + name.len();
        if chars.get(q..end) != Some(&name[..]) || chars.get(end).copied().is_some_and(is_ident) {
            return None;
        }
        // Read from a call's result (`f().name`), V8 is at the `.`.
        let mut before = p;
        while before > 0 && chars[before - 1].is_whitespace() {
            before -= 1;
        }
        let called = before > 0
            && chars[before - 1] == ')'
            && matching_open(&chars, before - 1).is_some_and(|open| {
                let mut b = open;
                while b > 0 && chars[b - 1].is_whitespace() {
                    b -= 1;
                }
                if b == 0 || !(is_ident(chars[b - 1]) || matches!(chars[b - 1], ')' | ']')) {
                    return false;
                }
                // `new C(...)` is no call's result for V8 here.
                while b > 0 && (is_ident(chars[b - 1]) || chars[b - 1] == '.') {
                    b -= 1;
                }
                let head: String = chars[b.saturating_sub(4)..b].iter().collect();
                head != "new "
            });
        Some(if called { p } else { q })
    };
    (from..chars.len())
        .chain(0..from)
        .find_map(read_at)
        .map(|q| q as i32 + 1)
}

/// V8's column (1-based) for a `for...of` loop's call of its iterator's `next`, the engine
/// having recorded the loop at `col` (its iterable's position): the loop's binding
/// (`for (const x of it)`: at `x`), when the line holds the loop's head before `col`.
pub(crate) fn for_of_binding_column(line: &str, col: i32) -> Option<i32> {
    let (line, offset) = window::around(line, col);
    for_of_binding_column_in(line, col - offset).map(|c| c + offset)
}

/// [`for_of_binding_column`] on the part of the line it reads.
fn for_of_binding_column_in(line: &str, col: i32) -> Option<i32> {
    let chars: Vec<char> = line.chars().collect();
    let at = usize::try_from(col - 1).ok()?.min(chars.len());
    let literal = in_literals(&chars, at);
    let back_ws = |mut p: usize| {
        while p > 0 && chars[p - 1].is_whitespace() {
            p -= 1;
        }
        p
    };
    let word_before = |end: usize| {
        let mut p = end;
        while p > 0 && is_ident(chars[p - 1]) {
            p -= 1;
        }
        (p, chars[p..end].iter().collect::<String>())
    };
    // The nearest `of` before the position, as a word.
    let of = (1..at).rev().take(1024).find(|&p| {
        !literal[p]
            && chars[p - 1] == 'o'
            && chars[p] == 'f'
            && (p < 2 || !is_ident(chars[p - 2]))
            && !chars.get(p + 1).copied().is_some_and(is_ident)
    })? - 1;
    let (binding, name) = word_before(back_ws(of));
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (kw_start, kw) = word_before(back_ws(binding));
    let open = match kw.as_str() {
        "const" | "let" | "var" => back_ws(kw_start),
        "" => back_ws(binding),
        _ => return None,
    };
    if open == 0 || chars[open - 1] != '(' {
        return None;
    }
    let (_, head) = word_before(back_ws(open - 1));
    (head == "for").then_some(binding as i32 + 1)
}

/// V8's column (1-based) for an element read (`o[k]`: its `[`) or a property assignment
/// (`o.x = v`, `o[k] = v`: its `=`) that ran a getter, a setter or a proxy's trap, the engine
/// having recorded it at `col` (the target's start, or the key's): read over the target's
/// member chain from there. `None` when the line does not hold one such there.
pub(crate) fn member_access_column(line: &str, col: i32, store: bool) -> Option<i32> {
    let (line, offset) = window::around(line, col);
    member_access_column_in(line, col - offset, store).map(|c| c + offset)
}

/// [`member_access_column`] on the part of the line it reads.
fn member_access_column_in(line: &str, col: i32, store: bool) -> Option<i32> {
    let chars: Vec<char> = line.chars().collect();
    let mut p = usize::try_from(col - 1).ok()?;
    if p >= chars.len() || in_literals(&chars, p + 1)[p] {
        return None;
    }
    // At a key: its `[` is the read's.
    if !store && p > 0 && chars[p - 1] == '[' {
        return Some(p as i32);
    }
    if !is_ident(chars[p]) {
        return None;
    }
    while chars.get(p).copied().is_some_and(is_ident) {
        p += 1;
    }
    let mut brackets = Vec::new();
    for _ in 0..64 {
        while chars.get(p).is_some_and(|c| c.is_whitespace()) {
            p += 1;
        }
        match chars.get(p) {
            Some('.') => {
                p += 1;
                while chars.get(p).is_some_and(|c| c.is_whitespace()) {
                    p += 1;
                }
                if !chars.get(p).copied().is_some_and(is_ident) {
                    return None;
                }
                while chars.get(p).copied().is_some_and(is_ident) {
                    p += 1;
                }
            }
            Some('[') => {
                brackets.push(p);
                p = matching(&chars, p)? + 1;
            }
            Some('=') if store && !matches!(chars.get(p + 1), Some('=' | '>')) => {
                return Some(p as i32 + 1);
            }
            _ if store => return None,
            // Only one element read in the chain tells which it is.
            _ => return (brackets.len() == 1).then(|| brackets[0] as i32 + 1),
        }
    }
    None
}

/// [`caller_column`] for a frame below another (the frame called the function named
/// `callee`), or else the call of a function its callee does not name ([`aliased_call`]).
pub(crate) fn calling_column(line: &str, col: i32, callee: Option<&str>) -> Option<i32> {
    let (line, offset) = window::around(line, col);
    calling_column_in(line, col - offset, callee).map(|c| c + offset)
}

/// [`calling_column`] on the part of the line it reads.
fn calling_column_in(line: &str, col: i32, callee: Option<&str>) -> Option<i32> {
    caller_column(line, col, callee).or_else(|| {
        let chars: Vec<char> = line.chars().collect();
        let at = ((col - 1).max(0) as usize).min(chars.len());
        aliased_call(&chars, at, &enclosing_calls(&chars, at))
    })
}

/// [`calling_column`] for a frame known to be at a call of the function named `callee` (the
/// function `Error.captureStackTrace` started from), which the source may call by another name
/// (`assert(x)` calls `ok`): else the innermost call whose arguments enclose `col`.
pub(crate) fn filter_calling_column(line: &str, col: i32, callee: &str) -> Option<i32> {
    calling_column(line, col, Some(callee)).or_else(|| innermost_call_column(line, col))
}

/// The column (1-based) V8 gives the innermost call whose arguments enclose `col` in `line`.
pub(crate) fn innermost_call_column(line: &str, col: i32) -> Option<i32> {
    let (line, offset) = window::around(line, col);
    innermost_call_column_in(line, col - offset).map(|c| c + offset)
}

/// [`innermost_call_column`] on the part of the line it reads.
fn innermost_call_column_in(line: &str, col: i32) -> Option<i32> {
    let chars: Vec<char> = line.chars().collect();
    let at = ((col - 1).max(0) as usize).min(chars.len());
    let calls = enclosing_calls(&chars, at);
    calls.first().map(|call| call.column as i32 + 1)
}

/// A call of a function its callee does not name (a variable or a computed member holding it:
/// `old(m, filename)`, `handlers[type](event)`), whose position QuickJS recorded at its last
/// argument or at the member's key: V8's column, the callee's last name (the arguments' `(`
/// for a computed member). Only when nothing is called after that position in the call.
fn aliased_call(chars: &[char], at: usize, calls: &[Call]) -> Option<i32> {
    let limit = chars.len().min(at + 4096);
    // The closing bracket after `at` that no bracket opened there closes.
    let closing = |from: usize| {
        let mut depth = 0usize;
        for (k, c) in chars.iter().enumerate().take(limit).skip(from) {
            match c {
                '(' | '{' => return None,
                '[' => depth += 1,
                ')' | ']' | '}' if depth == 0 => return Some(k),
                ']' => depth -= 1,
                _ => {}
            }
        }
        None
    };
    let mut close = closing(at)?;
    // QuickJS records the call at its last argument's last value, which may be inside an
    // object or array literal (`f(a, { message: msg })`): on past the literal.
    for _ in 0..8 {
        if !matches!(chars[close], '}' | ']') {
            break;
        }
        let open = matching_open(chars, close)?;
        let before = chars[..open].iter().rposition(|c| !c.is_whitespace())?;
        if !matches!(chars[before], '(' | ',' | ':' | '[') {
            // A block's end, or a computed member's key (below).
            if chars[close] == '}' {
                return None;
            }
            break;
        }
        close = closing(close + 1)?;
    }
    let next = |from: usize| (from..limit).find(|&k| !chars[k].is_whitespace());
    // A computed member's `[...]` closing at `close`.
    let member_key = |close: usize| {
        let open = matching_open(chars, close)?;
        let before = chars[..open].iter().rposition(|c| !c.is_whitespace())?;
        (is_ident(chars[before]) || matches!(chars[before], ')' | ']')).then_some(())
    };
    if chars[close] == ']' {
        // The position at the key of `o[key](`.
        member_key(close)?;
        let paren = next(close + 1)?;
        return (chars[paren] == '(').then_some(paren as i32 + 1);
    }
    if chars[close] != ')' {
        return None;
    }
    let open = matching_open(chars, close)?;
    // The arguments of `o[key](`.
    if let Some(before) = chars[..open].iter().rposition(|c| !c.is_whitespace()) {
        if chars[before] == ']' && member_key(before).is_some() {
            return Some(open as i32 + 1);
        }
    }
    let call = calls.first().filter(|c| c.paren == open)?;
    Some(call.column as i32 + 1)
}

/// Whether the name `name` (its last word: `Type.method` gives `method`) starts right after
/// column `col` (1-based) of `line`, whose character is none of a name's.
pub(crate) fn name_after(line: &str, col: i32, name: &str) -> bool {
    let (line, offset) = window::around(line, col);
    name_after_in(line, col - offset, name)
}

/// [`name_after`] on the part of the line it reads.
fn name_after_in(line: &str, col: i32, name: &str) -> bool {
    let name = name.rsplit(['.', ' ']).next().unwrap_or(name);
    let Ok(at) = usize::try_from(col - 1) else {
        return false;
    };
    let chars: Vec<char> = line.chars().collect();
    let word: Vec<char> = name.chars().collect();
    let end = at + 1 + word.len();
    !word.is_empty()
        && chars.get(at).is_some_and(|c| !is_ident(*c) && *c != '.')
        && chars.get(at + 1..end) == Some(&word[..])
        && !chars.get(end).is_some_and(|c| is_ident(*c))
}

/// The column (1-based) of the `new` of `new Name` or `new a.b.Name` whose name (or a part of
/// the chain) starts at `col` (1-based) of `line`: V8's position for a construction.
pub(crate) fn new_before(line: &str, col: i32) -> Option<i32> {
    let (line, offset) = window::around(line, col);
    new_before_in(line, col - offset).map(|c| c + offset)
}

/// [`new_before`] on the part of the line it reads.
fn new_before_in(line: &str, col: i32) -> Option<i32> {
    let chars: Vec<char> = line.chars().collect();
    let at = usize::try_from(col - 1).ok()?;
    if !chars.get(at).is_some_and(|c| is_ident(*c) || *c == '.') {
        return None;
    }
    // Back over the chain (names, dots, blanks between) to its start.
    let mut start = at;
    while start > 0 && (is_ident(chars[start - 1]) || chars[start - 1] == '.') {
        start -= 1;
        while start > 0 && chars[start - 1] == ' ' && chars.get(start) == Some(&'.') {
            start -= 1;
        }
    }
    let end = chars[..start].iter().rposition(|c| !c.is_whitespace())? + 1;
    let new_at = end.checked_sub(3)?;
    (end < start
        && chars[new_at..end] == ['n', 'e', 'w']
        && (new_at == 0 || !is_ident(chars[new_at - 1]) && chars[new_at - 1] != '.'))
        .then_some(new_at as i32 + 1)
}

/// A call of `name` whose position is at the name itself (its arguments recorded none): V8's
/// column, at `new` of `new name(`, at the arguments' `(` of `(0, name)(`, else at the name.
fn called_by_name_at(chars: &[char], at: usize, name: &str) -> Option<i32> {
    let word: Vec<char> = name.chars().collect();
    let end = at + word.len();
    if chars.get(at..end) != Some(&word[..]) || chars.get(end).is_some_and(|c| is_ident(*c)) {
        return None;
    }
    let next = |from: usize| (from..chars.len()).find(|&k| !chars[k].is_whitespace());
    let head: String = chars[..at].iter().collect();
    let head = head.trim_end();
    if head.ends_with("new") && !head[..head.len() - 3].ends_with(is_ident) {
        return Some(head.chars().count() as i32 - 2);
    }
    match chars.get(next(end)?)? {
        '(' => Some(at as i32 + 1),
        ')' => {
            let paren = next(next(end)? + 1)?;
            (chars[paren] == '(').then_some(paren as i32 + 1)
        }
        _ => None,
    }
}

/// A method called by a literal key (`_x["default"](1)`, and Babel's `(0, _x["default"])(1)`),
/// the engine's position at the start of the member chain: V8's column is the arguments' `(`.
fn called_by_key_at(chars: &[char], at: usize, name: &str) -> Option<i32> {
    if at > 0 && (is_ident(chars[at - 1]) || chars[at - 1] == '.') {
        return None;
    }
    let limit = chars.len().min(at + 1024);
    let next = |from: usize| (from..limit).find(|&k| !chars[k].is_whitespace());
    let mut i = at;
    let key = loop {
        let from = i;
        while i < limit && is_ident(chars[i]) {
            i += 1;
        }
        if i == from || chars[from].is_ascii_digit() {
            return None;
        }
        match chars.get(i) {
            Some('.') => i += 1,
            Some('[') => {
                let close = (i..limit).find(|&k| chars[k] == ']')?;
                let inner: String = chars[i + 1..close].iter().collect();
                let key = key_literal(inner.trim())?;
                i = close + 1;
                if chars.get(i) != Some(&'.') {
                    break key;
                }
                i += 1;
            }
            _ => return None,
        }
    };
    if key != name {
        return None;
    }
    let mut paren = next(i)?;
    if chars[paren] == ')' {
        // The callee in parentheses: `(0, _x["default"])(`.
        paren = next(paren + 1)?;
    }
    (chars[paren] == '(').then_some(paren as i32 + 1)
}

/// `(function name() { ... })()` with the position inside the function: V8's column, the
/// `(` of the call right after the group (the engine records the call inside the body).
fn called_at_once(chars: &[char], at: usize, name: &str) -> Option<i32> {
    // Out of the body's braces to the parenthesis closing the group.
    let mut depth = 0i32;
    let mut levels = 0;
    let close = (at..chars.len().min(at + 4096)).find(|&k| {
        match chars[k] {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        if depth < 0 && chars[k] != ')' && levels < 8 {
            depth = 0;
            levels += 1;
            return false;
        }
        depth < 0
    })?;
    let open = matching_open(chars, close)?;
    if function_expression_name(chars, open, close)? != name {
        return None;
    }
    let paren = (close + 1..chars.len()).find(|&k| !chars[k].is_whitespace())?;
    (chars[paren] == '(').then_some(paren as i32 + 1)
}

/// The column of the last name of a callee chain starting at `col` of `line` and called there
/// (`o.g(` at `o` gives the column of `g`).
pub(crate) fn callee_starting_at(line: &str, col: i32) -> Option<i32> {
    let (line, offset) = window::around(line, col);
    callee_starting_at_in(line, col - offset).map(|c| c + offset)
}

/// [`callee_starting_at`] on the part of the line it reads.
fn callee_starting_at_in(line: &str, col: i32) -> Option<i32> {
    let chars: Vec<char> = line.chars().collect();
    // A position past the line's end (the engine's columns may count beyond its characters).
    let start = ((col - 1).max(0) as usize).min(chars.len());
    if start > 0 && (is_ident(chars[start - 1]) || chars[start - 1] == '.') {
        return None;
    }
    let mut i = start;
    let mut last;
    loop {
        let from = i;
        while i < chars.len() && is_ident(chars[i]) {
            i += 1;
        }
        if i == from || chars[from].is_ascii_digit() {
            return None;
        }
        last = from;
        if chars.get(i) != Some(&'.') {
            break;
        }
        i += 1;
    }
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    (chars.get(i) == Some(&'(') && last >= start).then_some(last as i32 + 1)
}

/// The property an assignment starting at `col` of `line` writes, and the column of its
/// operator (V8's position for a refused write): `a.b.name = `, `a['name'] += `, `a[0] = `.
pub(crate) fn assigned_property(line: &str, col: i32) -> Option<(i32, String)> {
    let (line, offset) = window::around(line, col);
    assigned_property_in(line, col - offset).map(|(c, k)| (c + offset, k))
}

/// [`assigned_property`] on the part of the line it reads.
fn assigned_property_in(line: &str, col: i32) -> Option<(i32, String)> {
    let chars: Vec<char> = line.chars().collect();
    let start = ((col - 1).max(0) as usize).min(chars.len());
    let mut i = start;
    let mut last = None;
    while i < chars.len() {
        let c = chars[i];
        if c == '.' {
            let from = i + 1;
            let mut end = from;
            while end < chars.len() && is_ident(chars[end]) {
                end += 1;
            }
            last = Some(chars[from..end].iter().collect::<String>());
            i = end;
        } else if c == '[' {
            let close = chars[i..].iter().position(|c| *c == ']')? + i;
            let inner: String = chars[i + 1..close].iter().collect();
            last = key_literal(inner.trim());
            i = close + 1;
        } else if is_ident(c) {
            i += 1;
        } else {
            break;
        }
    }
    match last.zip(assignment_operator(&chars, i, false)) {
        Some((name, op)) => Some((op as i32 + 1, name)),
        None => assigned_before(&chars, start),
    }
}

/// The nearest assignment at or a little after `start` whose target ends with `.name` or a
/// literal key (`new P(...).x = 1`, where the target's start is no plain chain): its
/// operator's column and the key.
fn assigned_before(chars: &[char], start: usize) -> Option<(i32, String)> {
    let end = (start + 64).min(chars.len());
    (start.saturating_sub(256)..end).rev().find_map(|i| {
        let op = assignment_operator(chars, i, false).filter(|&op| op == i)?;
        let mut j = i;
        while j > 0 && chars[j - 1] == ' ' {
            j -= 1;
        }
        let before: String = chars[..j].iter().collect();
        let key = match before.strip_suffix(']') {
            Some(rest) => key_literal(rest[rest.rfind('[')? + 1..].trim())?,
            None => {
                let name = crate::v8_wording::trailing_name(&before);
                let dotted = before[..before.len() - name.len()].ends_with('.');
                (!name.is_empty() && dotted).then(|| name.to_string())?
            }
        };
        Some((op as i32 + 1, key))
    })
}

/// Where the assignment operator right after a target ending at `i` is (spaces skipped), if
/// one is there; with `updates`, `++` and `--` count too.
pub(crate) fn assignment_operator(chars: &[char], i: usize, updates: bool) -> Option<usize> {
    let mut op = i;
    while op < chars.len() && chars[op] == ' ' {
        op += 1;
    }
    // The longest operator is three characters (and a fourth tells `==` from `=`).
    let rest: String = chars[op..(op + 4).min(chars.len())].iter().collect();
    let assigns = [
        "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "&&=", "||=",
        "??=",
    ];
    let found = assigns.iter().any(|o| rest.starts_with(o))
        && !rest.starts_with("==")
        && !rest.starts_with("=>")
        || updates && (rest.starts_with("++") || rest.starts_with("--"));
    found.then_some(op)
}

/// Whether the access of private member `name` (`#x`) on `line` is the target of a plain `=`;
/// `None` when the line has none, or has both kinds (the engine's position, `col`, does not
/// tell which one failed).
pub(crate) fn private_member_written(line: &str, _col: i32, name: &str) -> Option<bool> {
    let chars: Vec<char> = line.chars().collect();
    let name: Vec<char> = name.chars().collect();
    let ends: Vec<usize> = (1..chars.len())
        .filter(|&i| {
            chars[i - 1] == '.'
                && chars[i..].starts_with(&name)
                && chars.get(i + name.len()).is_none_or(|c| !is_ident(*c))
        })
        .map(|i| i + name.len())
        .collect();
    let written = |end: usize| {
        assignment_operator(&chars, end, false)
            .is_some_and(|op| chars.get(op) == Some(&'=') && chars.get(op + 1) != Some(&'='))
    };
    let first = written(*ends.first()?);
    ends.iter().all(|&e| written(e) == first).then_some(first)
}

/// V8's message for a function whose parameter pattern `{ ... }` was given `undefined` or
/// `null`, from the function's source text (as `Function.prototype.toString` gives it) and
/// what each argument is (`Some(true)`: null, `Some(false)`: undefined, `None`: anything
/// else): the first such parameter without a default is the one that failed. With the
/// message, where V8 points (in chars of `source`).
pub(crate) fn destructured_parameter(
    source: &str,
    arg: impl Fn(usize) -> Option<bool>,
) -> Option<(String, usize)> {
    let (mut at, params) = parameters(source)?;
    for (i, param) in params.iter().enumerate() {
        let start = at + param.iter().take_while(|c| c.is_whitespace()).count();
        at += param.len() + 1;
        let param: Vec<char> = param
            .iter()
            .copied()
            .skip_while(|c| c.is_whitespace())
            .collect();
        if param.first() != Some(&'{') {
            continue;
        }
        let end = matching(&param, 0)?;
        if param[end + 1..].iter().any(|c| !c.is_whitespace()) {
            continue; // a default: the pattern reads the default's value
        }
        let Some(is_null) = arg(i) else {
            continue;
        };
        let shown = match is_null {
            true => "object null",
            false => "undefined",
        };
        let message = pattern_refusal(&param[1..end], shown, is_null);
        return Some((message, start + key_offset(&param, 0)));
    }
    None
}

/// Where V8 points for a failed object pattern whose `{` is at `open` of `chars`: its first
/// key (or rest element's name), else the brace (no key, or a computed one).
fn key_offset(chars: &[char], open: usize) -> usize {
    let mut i = open + 1;
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    if chars[i.min(chars.len())..].starts_with(&['.', '.', '.']) {
        i += 3;
    }
    match chars.get(i) {
        Some(c) if is_ident(*c) || *c == '\'' || *c == '"' => i,
        _ => open,
    }
}

/// The parameters of a function, from its source text (as `Function.prototype.toString` gives
/// it): the constructor's for a class, else those in its first parentheses (past a computed
/// name), with where the first starts (in chars). `None` for a single parameter without
/// parentheses.
fn parameters(source: &str) -> Option<(usize, Vec<Vec<char>>)> {
    let chars: Vec<char> = source.chars().collect();
    let mut from = 0;
    if source.starts_with("class") {
        from = source
            .find("constructor(")
            .map(|i| source[..i].chars().count())?;
    } else if chars.first() == Some(&'[') {
        from = matching(&chars, 0)? + 1;
    }
    let open = (from..chars.len()).find(|&i| chars[i] == '(')?;
    // An arrow's single parameter has none (`x => (x)`).
    let head: String = chars[from..open].iter().collect();
    if head.contains("=>") {
        return None;
    }
    let close = matching(&chars, open)?;
    Some((open + 1, top_level_split(&chars[open + 1..close])))
}

/// The index of the plain parameter `name` of a function, from its source text.
pub(crate) fn parameter_index(source: &str, name: &str) -> Option<usize> {
    parameters(source)?
        .1
        .iter()
        .position(|p| p.iter().collect::<String>().trim() == name)
}

/// V8's message for destructuring undefined or null (`is_null`), shown as `shown`, with the
/// object pattern whose entries are `inside` (the text between its braces).
fn pattern_refusal(inside: &[char], shown: &str, is_null: bool) -> String {
    let kind = if is_null { "null" } else { "undefined" };
    let entries = top_level_split(inside);
    let first: String = entries
        .first()
        .map(|e| e.iter().collect())
        .unwrap_or_default();
    let first = first.trim();
    let key_len = first.chars().take_while(|c| is_ident(*c)).count();
    let key = if key_len > 0 {
        Some(first[..key_len].to_string())
    } else {
        string_literal(&first.chars().collect::<Vec<_>>()).map(|(k, _)| k)
    };
    match key {
        // A default for the first property: V8 reads it as a property.
        Some(key) if has_default(first) => {
            format!("Cannot read properties of {kind} (reading '{key}')")
        }
        Some(key) => format!("Cannot destructure property '{key}' of '{shown}' as it is {kind}."),
        // `{}`, a rest element or a computed key first.
        None => format!("Cannot destructure '{shown}' as it is {kind}."),
    }
}

/// V8's message for the one object-pattern declaration or assignment of `line` (or of a
/// function's whole text: `const { a } = x`, `({ a } = x)`) having destructured undefined or null: its value is known when the
/// right side is `undefined`, `null` or `void 0`, or a name `value_of` knows (`Some(true)`:
/// null). `None` when the line has no such pattern, or more than one. With the message, where
/// V8 points (in chars of `line`).
pub(crate) fn destructured_declaration(
    line: &str,
    value_of: impl Fn(&str) -> Option<bool>,
) -> Option<(String, usize)> {
    let chars: Vec<char> = line.chars().collect();
    let mut found = None;
    for open in (0..chars.len()).filter(|&i| chars[i] == '{') {
        let head: String = chars[..open].iter().collect();
        let head = head.trim_end();
        let declares = ["const", "let", "var"].iter().any(|k| {
            head.strip_suffix(k)
                .is_some_and(|h| h.chars().last().is_none_or(|c| !is_ident(c)))
        });
        if !declares && !head.ends_with('(') {
            continue;
        }
        let Some(close) = matching(&chars, open) else {
            continue;
        };
        let Some(op) = assignment_operator(&chars, close + 1, false) else {
            continue;
        };
        if chars.get(op) != Some(&'=') || chars.get(op + 1) == Some(&'=') {
            continue;
        }
        if found.is_some() {
            return None; // more than one: the engine's position does not tell which
        }
        found = Some((open, close, op));
    }
    let (open, close, op) = found?;
    // The right side, to the end of its expression.
    let rest = &chars[op + 1..];
    let end = rest
        .iter()
        .position(|c| matches!(c, ';' | ',' | ')' | '}' | '\n'))
        .unwrap_or(rest.len());
    let rhs: String = rest[..end].iter().collect();
    let rhs = rhs.trim();
    let (shown, is_null) = match rhs {
        "undefined" => ("undefined".to_string(), false),
        "null" => ("null".to_string(), true),
        "void 0" => ("(void 0)".to_string(), false),
        name if !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && name
                .split('.')
                .all(|p| !p.is_empty() && p.chars().all(is_ident)) =>
        {
            (name.to_string(), value_of(name)?)
        }
        _ => return None,
    };
    let message = pattern_refusal(&chars[open + 1..close], &shown, is_null);
    Some((message, key_offset(&chars, open)))
}

/// Whether a pattern's entry (`a = 1`, `a: b = 2`) has a default (a top-level `=`).
fn has_default(entry: &str) -> bool {
    let chars: Vec<char> = entry.chars().collect();
    let mut depth = 0;
    for (i, c) in chars.iter().enumerate() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            '=' if depth == 0 && chars.get(i + 1) != Some(&'>') => return true,
            _ => {}
        }
    }
    false
}

/// The index of the bracket closing the one at `open`, skipping strings.
fn matching(chars: &[char], open: usize) -> Option<usize> {
    callee::matching_within(chars, open, usize::MAX)
}

/// `chars` split at its top-level commas.
fn top_level_split(chars: &[char]) -> Vec<Vec<char>> {
    let mut parts = vec![Vec::new()];
    let mut depth = 0;
    let mut quote = None;
    let mut escaped = false;
    for &c in chars {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(Vec::new());
                    continue;
                }
                _ => {}
            },
        }
        parts.last_mut().expect("one part at least").push(c);
    }
    parts
}

/// The key a literal in brackets names: a string or a non-negative integer.
fn key_literal(text: &str) -> Option<String> {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) && !text.starts_with('0') {
        return Some(text.to_string());
    }
    if text == "0" {
        return Some(text.to_string());
    }
    let (value, len) = string_literal(&text.chars().collect::<Vec<_>>())?;
    (len == text.chars().count()).then_some(value)
}

/// The key `Object.defineProperty(target, KEY, ...)` defines, the call's arguments starting at
/// `col` of `line` (QuickJS's position for the caller's frame), when KEY is a literal.
pub(crate) fn defined_property(line: &str, col: i32) -> Option<String> {
    let (line, offset) = window::around(line, col);
    defined_property_in(line, col - offset)
}

/// [`defined_property`] on the part of the line it reads.
fn defined_property_in(line: &str, col: i32) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let at = ((col - 1).max(0) as usize).min(chars.len());
    let before: String = chars[..at].iter().collect();
    let before = before.trim_end();
    if !(before.ends_with("Object.defineProperty(") || before.ends_with("Reflect.defineProperty("))
    {
        return None;
    }
    // Past the first argument, to the comma at its level.
    let mut depth = 0;
    let mut i = at;
    while i < chars.len() {
        match chars[i] {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return None,
            ')' | ']' | '}' => depth -= 1,
            '\'' | '"' | '`' => return None,
            ',' if depth == 0 => break,
            _ => {}
        }
        i += 1;
    }
    let rest: String = chars.get(i + 1..)?.iter().collect();
    let rest = rest.trim_start();
    let end = rest.find([',', ')'])?;
    let key = rest[..end].trim_end();
    if key.starts_with(['\'', '"']) {
        let (value, len) = string_literal(&key.chars().collect::<Vec<_>>())?;
        return (len == key.chars().count()).then_some(value);
    }
    key_literal(key)
}

/// The string literal starting at `chars[0]` (a quote) on this line: its value and its length
/// in the source. Escapes other than the simple ones are not read (`None`).
pub(crate) fn string_literal(chars: &[char]) -> Option<(String, usize)> {
    let quote = *chars.first()?;
    if quote != '\'' && quote != '"' {
        return None;
    }
    let mut out = String::new();
    let mut i = 1;
    while i < chars.len() {
        let c = chars[i];
        if c == quote {
            return Some((out, i + 1));
        }
        if c == '\\' {
            i += 1;
            out.push(match chars.get(i)? {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                c @ ('\\' | '\'' | '"' | '`') => *c,
                _ => return None,
            });
        } else {
            out.push(c);
        }
        i += 1;
    }
    None
}

/// The text of the string literal given to the `eval(` call at `col` of `line` (QuickJS records
/// a direct eval at the name `eval`), when it is one.
pub(crate) fn eval_argument(line: &str, col: i32) -> Option<String> {
    let (line, offset) = window::around(line, col);
    eval_argument_in(line, col - offset)
}

/// [`eval_argument`] on the part of the line it reads.
fn eval_argument_in(line: &str, col: i32) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let at = ((col - 1).max(0) as usize).min(chars.len());
    if at > 0 && is_ident(chars[at - 1]) {
        return None;
    }
    let rest: String = chars[at..].iter().collect();
    let rest = rest
        .strip_prefix("eval")?
        .trim_start()
        .strip_prefix('(')?
        .trim_start();
    string_literal(&rest.chars().collect::<Vec<_>>()).map(|(v, _)| v)
}

/// The arguments of `new Function(...)` (or `Function(...)`) at `col` of `line`, when they are
/// all string literals on this line.
pub(crate) fn function_arguments(line: &str, col: i32) -> Option<Vec<String>> {
    constructor_arguments(line, col, "Function")
}

/// The arguments of `new <ctor>(...)` (or `<ctor>(...)`) at `col` of `line`, when they are all
/// string literals on this line.
pub(crate) fn constructor_arguments(line: &str, col: i32, ctor: &str) -> Option<Vec<String>> {
    let (line, offset) = window::around(line, col);
    constructor_arguments_in(line, col - offset, ctor)
}

/// [`constructor_arguments`] on the part of the line it reads.
fn constructor_arguments_in(line: &str, col: i32, ctor: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = line.chars().collect();
    let at = ((col - 1).max(0) as usize).min(chars.len());
    if at > 0 && is_ident(chars[at - 1]) {
        return None;
    }
    let rest: String = chars[at..].iter().collect();
    let rest = rest
        .strip_prefix("new ")
        .map(str::trim_start)
        .unwrap_or(&rest);
    let rest = rest.strip_prefix(ctor)?.trim_start().strip_prefix('(')?;
    let mut rest: Vec<char> = rest.chars().collect();
    let mut args = Vec::new();
    loop {
        let skip = rest.iter().take_while(|c| c.is_whitespace()).count();
        rest.drain(..skip);
        if rest.first() == Some(&')') {
            return Some(args);
        }
        let (value, len) = string_literal(&rest)?;
        args.push(value);
        rest.drain(..len);
        let skip = rest.iter().take_while(|c| c.is_whitespace()).count();
        rest.drain(..skip);
        match rest.first()? {
            ',' => {
                rest.remove(0);
            }
            ')' => return Some(args),
            _ => return None,
        }
    }
}

/// The column (1-based) of the `(` of a call right after `new <ctor>(...)` at `col` of `line`
/// (`new Function(src)()`): V8's position for the frame that calls what the construction made.
pub(crate) fn call_after_construction(line: &str, col: i32, ctor: &str) -> Option<i32> {
    let (line, offset) = window::around(line, col);
    call_after_construction_in(line, col - offset, ctor).map(|c| c + offset)
}

/// [`call_after_construction`] on the part of the line it reads.
fn call_after_construction_in(line: &str, col: i32, ctor: &str) -> Option<i32> {
    let chars: Vec<char> = line.chars().collect();
    let at = usize::try_from(col - 1).ok()?;
    let mut i = at;
    let word = |i: usize, w: &str| {
        let n = w.chars().count();
        chars
            .get(i..i + n)
            .is_some_and(|s| s.iter().copied().eq(w.chars()))
            && !chars.get(i + n).is_some_and(|c| is_ident(*c))
    };
    if word(i, "new") {
        i += 3;
    }
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    if !word(i, ctor) {
        return None;
    }
    i += ctor.chars().count();
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    if chars.get(i) != Some(&'(') {
        return None;
    }
    // To the `)` closing the arguments (strings skipped; a few KiB at most).
    let mut depth = 0usize;
    let end = chars.len().min(i + 4096);
    let mut close = None;
    let mut k = i;
    while k < end {
        match chars[k] {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    close = Some(k);
                    break;
                }
            }
            q @ ('\'' | '"' | '`') => {
                k += 1;
                while k < end && chars[k] != q {
                    k += if chars[k] == '\\' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        k += 1;
    }
    let mut j = close? + 1;
    while chars.get(j).is_some_and(|c| c.is_whitespace()) {
        j += 1;
    }
    (chars.get(j) == Some(&'(')).then_some(j as i32 + 1)
}

/// The `(` whose parentheses hold index `at` of `chars` (nested pairs skipped).
pub(crate) fn enclosing_paren(chars: &[char], at: usize) -> Option<usize> {
    let mut depth = 0i32;
    for i in (0..at.min(chars.len())).rev() {
        match chars[i] {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(i),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The first argument of the call at QuickJS's position `col` (1-based) of `line` (the dot
/// before the method's name, its `(`, or inside its arguments), as V8 prints such a value:
/// `undefined` when there is none, a literal as written (numbers as their value); `None` for
/// anything else.
pub(crate) fn literal_argument(line: &str, col: i32) -> Option<String> {
    let (line, offset) = window::around(line, col);
    literal_argument_in(line, col - offset)
}

/// [`literal_argument`] on the part of the line it reads.
fn literal_argument_in(line: &str, col: i32) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let open = call_open(&chars, col)?;
    let rest: String = chars[open + 1..].iter().collect();
    let end = rest.find([',', ')'])?;
    let arg = rest[..end].trim();
    match arg {
        "" if rest[end..].starts_with(')') => Some("undefined".into()),
        _ => literal_shown(arg),
    }
}

/// A primitive literal's text as V8 prints the value (numbers as their value); `None` for
/// anything else.
fn literal_shown(arg: &str) -> Option<String> {
    match arg {
        "null" | "undefined" | "true" | "false" => Some(arg.to_string()),
        _ => {
            let n = match arg.strip_prefix("0x") {
                Some(hex) => i64::from_str_radix(hex, 16).ok().map(|v| v as f64),
                None => arg.parse::<f64>().ok(),
            }?;
            Some(format!("{n}"))
        }
    }
}

/// The `(` of the call at QuickJS's position `col` (1-based) of `chars`: see
/// [`literal_argument`].
fn call_open(chars: &[char], col: i32) -> Option<usize> {
    let mut i = ((col - 1).max(0) as usize).min(chars.len());
    Some(match chars.get(i) {
        Some('.') => {
            i += 1;
            while i < chars.len() && (is_ident(chars[i]) || chars[i] == ' ') {
                i += 1;
            }
            (chars.get(i) == Some(&'(')).then_some(i)?
        }
        Some('(') => i,
        // The callee's name (`new Promise()`), else an argument.
        Some(c)
            if is_ident(*c) && {
                let mut j = i;
                while j < chars.len() && (is_ident(chars[j]) || chars[j] == '.') {
                    j += 1;
                }
                chars.get(j) == Some(&'(')
            } =>
        {
            while chars[i] != '(' {
                i += 1;
            }
            i
        }
        _ => enclosing_paren(chars, i)?,
    })
}

/// What V8 names where a builtin taking entries (`Object.fromEntries`, `new Map`) met one
/// that is no object, called at `col` (1-based) of `line` (as [`literal_argument`]): the first
/// element of an array literal given as the first argument that is a primitive literal, when
/// the elements before it are array or object literals (entries). `None` otherwise (the value
/// iterated is gone by then; only the source tells it).
pub(crate) fn non_entry_element(line: &str, col: i32) -> Option<String> {
    let (line, offset) = window::around(line, col);
    let chars: Vec<char> = line.chars().collect();
    let open = call_open(&chars, col - offset)?;
    let mut i = open + 1;
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    if chars.get(i) != Some(&'[') {
        return None;
    }
    // The elements, split at commas outside brackets and strings; the first that is no entry
    // decides, once the literal is known to be the whole argument.
    let mut found: Option<Option<String>> = None;
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut start = i + 1;
    for j in i + 1..chars.len() {
        let c = chars[j];
        if let Some(q) = quote {
            match c {
                '\\' => return None,
                _ if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '`' => return None,
            '(' | '[' | '{' => depth += 1,
            ')' | '}' | ']' if depth > 0 => depth -= 1,
            ',' | ']' if depth == 0 => {
                let element: String = chars[start..j].iter().collect();
                let element = element.trim();
                // (An empty last element is a trailing comma, or `[]`.)
                let last = c == ']' && element.is_empty();
                if found.is_none() && !last && !is_entry_literal(element) {
                    found = Some(element_shown(element));
                }
                if c == ']' {
                    let rest: String = chars[j + 1..].iter().collect();
                    let whole = rest.trim_start().starts_with([')', ',']);
                    return found.flatten().filter(|_| whole);
                }
                start = j + 1;
            }
            ')' | '}' | ';' => return None,
            _ => {}
        }
    }
    None
}

/// Whether an element is an array or object literal, whole (`[1][0]` is not).
fn is_entry_literal(element: &str) -> bool {
    if !element.starts_with(['[', '{']) {
        return false;
    }
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (k, c) in element.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return k + 1 == element.len();
                }
            }
            _ => {}
        }
    }
    false
}

/// An element that is no entry as V8 names its value; `None` when the text does not tell it.
fn element_shown(element: &str) -> Option<String> {
    if element.is_empty() {
        // A hole.
        return Some("undefined".into());
    }
    if let Some(text) = quoted(element) {
        return Some(text);
    }
    if let Some(digits) = element.strip_suffix('n') {
        return digits.parse::<u64>().ok().map(|n| n.to_string());
    }
    // (V8 names the value as a string: `-0` is `0`.)
    literal_shown(element).map(|v| if v == "-0" { "0".into() } else { v })
}

/// The text of a string literal written with no escape.
fn quoted(element: &str) -> Option<String> {
    let q = element.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let inner = element.strip_prefix(q)?.strip_suffix(q)?;
    (!inner.contains(q) && !inner.contains('\\')).then(|| inner.to_string())
}

/// V8's words for iterating what is not iterable, at `col` (1-based) of `line`, where QuickJS
/// says `value is not iterable`: V8 prints the expression (`obj is not iterable`), and for a
/// spread in a call's arguments names the protocol. QuickJS points at the expression (`for
/// ... of`, a spread) or at the statement (a literal, a destructuring declaration).
pub(crate) fn not_iterable(line: &str, col: i32) -> Option<String> {
    let (line, offset) = window::around(line, col);
    not_iterable_in(line, col - offset)
}

/// [`not_iterable`] on the part of the line it reads.
fn not_iterable_in(line: &str, col: i32) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let at = ((col - 1).max(0) as usize).min(chars.len());
    let before: String = chars[..at].iter().collect();
    let before = before.trim_end();
    let expression = |from: usize| -> Option<String> {
        // Up to the first `)`, `]`, `,` or `;` outside brackets of its own.
        let mut depth = 0i32;
        let mut end = from;
        while end < chars.len() {
            match chars[end] {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => break,
                ')' | ']' | '}' => depth -= 1,
                ',' | ';' if depth == 0 => break,
                _ => {}
            }
            end += 1;
        }
        let text: String = chars[from..end].iter().collect();
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    };
    if let Some(head) = before.strip_suffix("...") {
        // A spread: in an array literal the expression; in a call, V8 names the protocol.
        let mut depth = 0i32;
        for c in head.chars().rev() {
            match c {
                ')' | ']' | '}' => depth += 1,
                '(' if depth == 0 => {
                    return Some(
                        "Spread syntax requires ...iterable[Symbol.iterator] to be a function"
                            .into(),
                    )
                }
                '[' if depth == 0 => break,
                '(' | '[' | '{' => depth -= 1,
                _ => {}
            }
        }
        return expression(at).map(|e| format!("{e} is not iterable"));
    }
    if before.ends_with(" of") || before.ends_with("(of") {
        return expression(at).map(|e| format!("{e} is not iterable"));
    }
    // At the statement: `for (... of EXPR)`, or `const [a] = EXPR`.
    let rest: String = chars[at..].iter().collect();
    if rest.starts_with("for") {
        let of = rest.find(" of ")?;
        let from = at + rest[..of + 4].chars().count();
        return expression(from).map(|e| format!("{e} is not iterable"));
    }
    let declared = ["const [", "let [", "var ["]
        .iter()
        .any(|d| rest.starts_with(d));
    if declared {
        let eq = rest.find("] =")?;
        let from = at + rest[..eq + 3].chars().count();
        return expression(from).map(|e| format!("{e} is not iterable"));
    }
    // A statement with one spread (of a literal, which the engine gives no position of its
    // own): that spread.
    let mut spreads = rest.match_indices("...");
    match (spreads.next(), spreads.next()) {
        (Some((i, _)), None) => {
            let after = at + rest[..i + 3].chars().count();
            not_iterable(line, after as i32 + 1)
        }
        _ => None,
    }
}

/// V8's words for the one construct of `source` that iterates, an array pattern declared
/// (`const [a] = EXPR`) or a `for (... of EXPR)`, given what is not iterable: `EXPR is not
/// iterable`, when there is exactly one such construct (the caller knows the function
/// iterates once).
pub(crate) fn not_iterable_declaration(source: &str) -> Option<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut found = None;
    for keyword in ["const", "let", "var", "for"] {
        for (i, _) in source.match_indices(keyword) {
            let at = source[..i].chars().count();
            let before = at.checked_sub(1).map(|b| chars[b]);
            let rest = source[i + keyword.len()..].trim_start();
            let opens = match keyword {
                "for" => rest.starts_with('(') && rest.contains(" of "),
                _ => rest.starts_with('['),
            };
            if before.is_some_and(is_ident) || !opens {
                continue;
            }
            if found.is_some() {
                return None;
            }
            found = Some(at);
        }
    }
    let text: String = chars[found?..].iter().collect();
    not_iterable_in(&text, 1)
}

/// For QuickJS's "invalid redefinition of lexical (or global) identifier" at `column` (1-based)
/// of `line`:
/// the declared name that ends just before that position, when a declaring keyword (`let`,
/// `const`, `class`, `function`, `var`) comes before it, and the name's column.
pub(crate) fn redeclared_name(message: &str, line: &str, column: u32) -> Option<(String, u32)> {
    let redefinition = [
        "lexical identifier",
        "global identifier",
        "parameter name",
        "a variable",
    ]
    .iter()
    .any(|what| message.eq_ignore_ascii_case(&format!("invalid redefinition of {what}")));
    if !redefinition {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    let mut end = (column.saturating_sub(1) as usize).min(chars.len());
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && is_ident(chars[start - 1]) {
        start -= 1;
    }
    if start == end {
        return None;
    }
    let before: String = chars[..start].iter().collect();
    let keyword = before.trim_end().rsplit(|c: char| !is_ident(c)).next()?;
    matches!(keyword, "let" | "const" | "class" | "function" | "var")
        .then(|| (chars[start..end].iter().collect(), start as u32 + 1))
}

/// The callee of the call whose member chain holds index `col` (1-based) of `line`, as V8
/// names it in `... is not a function`, for chains with computed members (`o["m"](`,
/// `o.a[k](`): QuickJS's position is then the chain's last recorded token (its start, or a
/// key), not its last name. A string key that is no array index reads `.key`, as V8 prints
/// it; any other key keeps its text. `None` unless the text is such a chain followed by `(`.
pub(crate) fn computed_callee(line: &str, col: i32) -> Option<String> {
    let (line, offset) = window::around(line, col);
    computed_callee_in(line, col - offset)
}

/// [`computed_callee`] on the part of the line it reads.
fn computed_callee_in(line: &str, col: i32) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = ((col - 1).max(0) as usize).min(chars.len());
    // Forward to the call's `(`, out of the key the position may be in.
    let mut depth = 0i32;
    let paren = loop {
        let c = *chars.get(i)?;
        match c {
            '(' if depth <= 0 => break i,
            '[' => depth += 1,
            ']' => depth -= 1,
            '\'' | '"' => i += string_literal(&chars[i..])?.1 - 1,
            c if is_ident(c) || c == '.' || c == ' ' => {}
            _ if depth > 0 => {}
            _ => return None,
        }
        i += 1;
    };
    // Back over the chain: names, dots and bracketed keys.
    let mut end = paren;
    while end > 0 && chars[end - 1] == ' ' {
        end -= 1;
    }
    let mut segments: Vec<String> = Vec::new();
    let mut j = end;
    let mut has_key = false;
    while j > 0 {
        let c = chars[j - 1];
        if is_ident(c) {
            let stop = j;
            while j > 0 && is_ident(chars[j - 1]) {
                j -= 1;
            }
            segments.push(chars[j..stop].iter().collect());
        } else if c == '.' {
            j -= 1;
            segments.push(".".into());
        } else if c == ']' {
            let close = j - 1;
            let mut level = 0;
            let mut k = close;
            let open = loop {
                match chars[k] {
                    ']' => level += 1,
                    '[' if level == 1 => break k,
                    '[' => level -= 1,
                    _ => {}
                }
                if k == 0 {
                    return None;
                }
                k -= 1;
            };
            let key: String = chars[open + 1..close].iter().collect();
            let key = key.trim();
            let key_chars: Vec<char> = key.chars().collect();
            segments.push(match string_literal(&key_chars) {
                Some((name, len)) if len == key_chars.len() && name.parse::<u32>().is_err() => {
                    format!(".{name}")
                }
                _ => format!("[{key}]"),
            });
            has_key = true;
            j = open;
        } else {
            break;
        }
    }
    // A chain starts at a name (not a number, not after a dot or a closing parenthesis).
    let first = segments.last()?;
    let starts_name = first
        .chars()
        .next()
        .is_some_and(|c| is_ident(c) && !c.is_ascii_digit());
    let before = chars[..j].iter().rev().find(|c| **c != ' ');
    if !has_key || !starts_name || matches!(before, Some(')' | '.')) {
        return None;
    }
    Some(segments.iter().rev().cloned().collect())
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_call_recorded_at_its_last_argument_object() {
        // `_assert` holds a function named otherwise (`assert`); QuickJS's position is the
        // object literal's `}`.
        let line = "  this._assert(value, { message: msg });";
        let col = line.find("msg }").unwrap() as i32 + 1;
        assert_eq!(super::calling_column(line, col, Some("assert")), Some(8));
        let nested = "  this._assert(a, { x: { y: [b] } });";
        let col = nested.find("b]").unwrap() as i32 + 1;
        assert_eq!(super::calling_column(nested, col, Some("assert")), Some(8));
        // A block's end is no literal's.
        assert_eq!(
            super::calling_column("  f(() => { g() });", 12, Some("h")),
            None
        );
    }

    #[test]
    fn a_call_right_after_a_function() {
        let c = super::call_right_after;
        assert_eq!(c("})();", 1), Some(3));
        assert_eq!(c("}());", 1), Some(2));
        assert_eq!(c("})  (this);", 1), Some(5));
        assert_eq!(c("}; f();", 1), None);
        assert_eq!(c("})", 1), None);
        assert_eq!(c("}", 1), None);
    }

    #[test]
    fn a_method_called_at_its_name() {
        let m = super::method_name_at;
        assert_eq!(m("  t.equal(1, 2);", 5), Some(5));
        assert_eq!(m("  t.equal (1, 2);", 5), Some(5));
        assert_eq!(m("  t.equal(1, 2);", 3), None);
        assert_eq!(m("  t.equal;", 5), None);
        assert_eq!(m("  equal(1);", 3), None);
        assert_eq!(m("x", 0), None);
    }

    #[test]
    fn the_call_of_a_function_expression_in_parentheses() {
        let c = super::called_at_once_paren;
        let line = "(f => f())(() => g());";
        // The engine's column anywhere in the function's text or its parentheses.
        assert_eq!(c(line, "f => f()", 7), Some(11));
        assert_eq!(c(line, "f => f()", 10), Some(11));
        let f = "function () { return ')' }";
        assert_eq!(c(&format!("x = ({f})  (1);"), f, 31), Some(35));
        assert_eq!(c(&format!("x = (  {f} )(1);"), f, 30), Some(36));
        // Not called at once, not that function, or the column elsewhere.
        assert_eq!(c("(f => f());", "f => f()", 7), None);
        assert_eq!(c("g(f => f());", "f => f()", 7), None);
        assert_eq!(c(line, "() => g()", 7), None);
        assert_eq!(c(line, "f => f()", 14), None);
    }

    #[test]
    fn a_function_expression_called_at_once_is_called_at_its_arguments_paren() {
        // QuickJS's position is the first argument's; V8's the `(` before it.
        let c = |line: &str, arg: &str| {
            let col = line.find(arg).unwrap() as i32 + 1;
            super::caller_column(line, col, None)
        };
        assert_eq!(c("(f => f())(() => g());", "() => g"), Some(11));
        assert_eq!(c("((a, b) => a + b)(1, 2);", "1, 2"), Some(18));
        assert_eq!(c("(function (x) { return x; })(3);", "3)"), Some(29));
        assert_eq!(c("  (  (x)   =>   x)  (  5 );", "5 )"), Some(21));
        // A callee the frame names is not a nameless one.
        assert_eq!(super::caller_column("(f => f())(g);", 12, Some("h")), None);
    }

    #[test]
    fn destructured_declarations_of_known_values() {
        let none = |_: &str| None;
        let d = |line: &str, v: &dyn Fn(&str) -> Option<bool>| {
            super::destructured_declaration(line, v).map(|m| m.0)
        };
        assert_eq!(
            d("const { a } = undefined;", &none).as_deref(),
            Some("Cannot destructure property 'a' of 'undefined' as it is undefined.")
        );
        assert_eq!(
            d("function f(o) { let {} = o }", &|n| (n == "o")
                .then_some(true))
            .as_deref(),
            Some("Cannot destructure 'o' as it is null.")
        );
        // Two patterns, an unknown value, or a right side V8 prints otherwise: not known.
        assert_eq!(
            d("const { a } = null, x = 1; let { b } = null", &none),
            None
        );
        assert_eq!(d("const { a } = o.p", &none), None);
        assert_eq!(d("const { a } = f()", &none), None);
        // V8 points at the first key.
        assert_eq!(
            super::destructured_declaration("let { b } = null", none).map(|m| m.1),
            Some(6)
        );
    }

    #[test]
    fn destructured_parameters_given_nothing() {
        let d = |source: &str, arg: &dyn Fn(usize) -> Option<bool>| {
            super::destructured_parameter(source, arg).map(|m| m.0)
        };
        let undefined = |_| Some(false);
        assert_eq!(
            d("function f({ a, b }) {}", &undefined).as_deref(),
            Some("Cannot destructure property 'a' of 'undefined' as it is undefined.")
        );
        assert_eq!(
            d("(x, { 'q': v }) => v", &|i| (i == 1).then_some(true)).as_deref(),
            Some("Cannot destructure property 'q' of 'object null' as it is null.")
        );
        assert_eq!(
            d("m({ a = 1 }) {}", &undefined).as_deref(),
            Some("Cannot read properties of undefined (reading 'a')")
        );
        assert_eq!(
            d("function f({ ...r }) {}", &undefined).as_deref(),
            Some("Cannot destructure 'undefined' as it is undefined.")
        );
        assert_eq!(
            d("class A { constructor(z, { k }) {} }", &|i| (i == 1)
                .then_some(false))
            .as_deref(),
            Some("Cannot destructure property 'k' of 'undefined' as it is undefined.")
        );
        // A default, or an argument that is something: not this parameter.
        assert_eq!(d("function f({ a } = {}) {}", &undefined), None);
        assert_eq!(d("function f({ a }) {}", &|_| None), None);
        // V8 points at the first key.
        assert_eq!(
            super::destructured_parameter("function f(x, { k }) {}", |i| (i == 1).then_some(false))
                .map(|m| m.1),
            Some(16)
        );
    }

    #[test]
    fn private_members_read_or_written() {
        use super::private_member_written as written;
        assert_eq!(written("return o.#x;", 1, "#x"), Some(false));
        assert_eq!(written("o.#x = 1;", 1, "#x"), Some(true));
        assert_eq!(written("o.#x += 1;", 1, "#x"), Some(false));
        assert_eq!(written("o.#x == 1;", 1, "#x"), Some(false));
        assert_eq!(written("o.#xy = 1;", 1, "#x"), None);
        assert_eq!(written("q.#x = o.#x;", 1, "#x"), None);
    }

    #[test]
    fn computed_callees_read_as_v8_prints_them() {
        assert_eq!(
            computed_callee(r#"pug_mixins["m"]("x")"#, 1).as_deref(),
            Some("pug_mixins.m")
        );
        assert_eq!(
            computed_callee("o.a[key](1)", 5).as_deref(),
            Some("o.a[key]")
        );
        assert_eq!(
            computed_callee("x = o['a-b'][0](2)", 5).as_deref(),
            Some("o.a-b[0]")
        );
        // Plain chains are callee_at's; a chain after a call or a dot is not read.
        assert_eq!(computed_callee("o.a.b()", 1), None);
        assert_eq!(computed_callee("f()['x']()", 1), None);
    }

    use super::*;

    #[test]
    fn caller_columns() {
        // `[1].map(a)`: QuickJS at `a`, V8 at `map`.
        assert_eq!(caller_column("  [1].map(a);", 11, Some("map")), Some(7));
        assert_eq!(caller_column("a.call(null, 1)", 8, Some("call")), Some(3));
        assert_eq!(caller_column("o . m ( );", 9, Some("m")), Some(5));
        assert_eq!(caller_column("x = new K(1);", 11, Some("K")), Some(5));
        assert_eq!(caller_column("x = new a.K(1);", 13, Some("K")), Some(5));
        assert_eq!(caller_column("b(1, b(2, a()));", 13, None), Some(11));
        assert_eq!(caller_column("f(obj.x)", 3, Some("get x")), None);
        assert_eq!(
            caller_column("o.n(b(1, 2), o.m());", 18, Some("m")),
            Some(16)
        );
        assert_eq!(callee_starting_at("o.g(o.missing())", 5), Some(7));
        assert_eq!(callee_starting_at("o.g(x)", 5), None);
        assert_eq!(callee_starting_at("f (1)", 1), Some(1));
        // A method called by a literal key: V8 at the arguments' `(`.
        let babel = r#"x((0, _x["default"])(1));"#;
        assert_eq!(caller_column(babel, 7, Some("default")), Some(21));
        assert_eq!(caller_column("_x['f'](1, 2)", 1, Some("f")), Some(8));
        assert_eq!(caller_column("_x[k](1)", 1, Some("f")), None);
        assert_eq!(caller_column("_x['g'](1)", 1, Some("f")), None);
    }

    #[test]
    fn array_pattern_values() {
        let line = "function d1(v){ const [a, b] = v; return a; }";
        assert_eq!(pattern_value_column(line, 23), Some(32));
        assert_eq!(pattern_value_column("  let a; [a] = v;", 10), Some(14));
        assert_eq!(pattern_value_column("  [a] = v;", 3), Some(7));
        assert_eq!(pattern_value_column("  x = [a] == v;", 7), None);
        assert_eq!(pattern_value_column("  f([a], v);", 5), None);
        assert_eq!(pattern_value_column("function f([a] = [1]) {}", 12), None);
        assert_eq!(pattern_value_column("  for (const [a] of v) {}", 14), None);
    }

    #[test]
    fn getter_reads() {
        assert_eq!(property_read_column("o.g;", 1, "g"), Some(3));
        let line = "t(() => Object.defineProperty({}, 'x', { get() {} }).x);";
        assert_eq!(property_read_column(line, 16, "x"), Some(53));
        assert_eq!(property_read_column("w.f().g;", 1, "g"), Some(6));
        assert_eq!(property_read_column("(o).g;", 1, "g"), Some(5));
        assert_eq!(property_read_column("new a.P({}).g;", 1, "g"), Some(13));
        assert_eq!(property_read_column("a.gg + b.g", 1, "g"), Some(10));
        assert_eq!(property_read_column("'.g' + o.g", 1, "g"), Some(10));
        assert_eq!(property_read_column("o.h", 1, "g"), None);
    }

    #[test]
    fn for_of_bindings() {
        let line = "t(() => { function* g() { yield 1; } for (const x of g()); });";
        assert_eq!(for_of_binding_column(line, 54), Some(49));
        assert_eq!(for_of_binding_column("  for (item of list) {", 17), Some(8));
        assert_eq!(
            for_of_binding_column("  for (const [a, b] of list) {", 25),
            None
        );
        assert_eq!(for_of_binding_column("  x = of(list);", 8), None);
    }

    #[test]
    fn member_accesses() {
        assert_eq!(
            member_access_column("t(() => p['bad']);", 9, false),
            Some(10)
        );
        assert_eq!(member_access_column("return p[k];", 10, false), Some(9));
        assert_eq!(member_access_column("a[0][1];", 1, false), None);
        assert_eq!(member_access_column("  p.x = 1;", 3, true), Some(7));
        assert_eq!(member_access_column("  p['y'] = 1;", 3, true), Some(10));
        assert_eq!(member_access_column("  p.x == 1;", 3, true), None);
    }

    #[test]
    fn chained_calls() {
        // The engine records each call of the chain at its start; V8 the arguments' `(`.
        assert_eq!(chained_call_column("f(1)(2)(3);", 1, 2), Some(8));
        assert_eq!(chained_call_column("f(1)(2)(3);", 1, 1), Some(5));
        assert_eq!(chained_call_column("f(1)(2)(3);", 1, 0), None);
        assert_eq!(
            chained_call_column("x = o.f (g(1, ')')) (2);", 7, 1),
            Some(21)
        );
        assert_eq!(chained_call_column("  arr[0](1)(2);", 3, 0), Some(9));
        assert_eq!(chained_call_column("  arr[0](1)(2);", 3, 1), Some(12));
        // The chain's call is not on the line: not settled.
        assert_eq!(chained_call_column("f(1)(", 1, 1), Some(5));
        assert_eq!(chained_call_column("f(1)", 1, 1), None);
        assert_eq!(chained_call_column("f(1) + g(2)", 1, 1), None);
    }

    #[test]
    fn calls_of_aliased_callees() {
        // `return old(m, filename)` calling a function named otherwise: QuickJS at the last
        // argument, V8 at `old`.
        let line = "    return old(m, filename);";
        assert_eq!(calling_column(line, 19, Some("inner")), Some(12));
        assert_eq!(calling_column(line, 19, None), Some(12));
        // A computed member: at its key, V8 at the arguments' `(`.
        assert_eq!(calling_column("  o[key](1, 2);", 5, Some("inner")), Some(9));
        assert_eq!(calling_column("  o[key](a);", 10, Some("inner")), Some(9));
        let line = "function computed(type, event) { return handlers[type](event); }";
        assert_eq!(calling_column(line, 56, Some("inner")), Some(55));
        assert_eq!(calling_column(line, 56, Some("run")), Some(55));
        // Something called after the position: not settled here.
        assert_eq!(calling_column("old(m, g(x));", 6, Some("inner")), None);
        assert_eq!(calling_column("x = [a, b];", 9, Some("inner")), None);
        // The name still wins.
        assert_eq!(calling_column("f(a, g(b));", 8, Some("f")), Some(1));
    }

    #[test]
    fn positions_past_the_line_end_find_nothing() {
        // The engine's column may lie past the line's characters (it counts other units):
        // indexing the characters there panicked (found by fuzzing call texts such as
        // `obj?.()` in a context).
        for col in [7, 8, 9, 100, i32::MAX] {
            assert_eq!(callee_starting_at("a?.()", col), None);
            assert_eq!(callee_starting_at("obj.f", col), None);
            assert_eq!(assigned_property("a = 1", col), None);
        }
    }

    #[test]
    fn assignments_and_keys() {
        assert_eq!(assigned_property("p.x = 1;", 1), Some((5, "x".into())));
        assert_eq!(assigned_property("q.r.yy += 1", 1), Some((8, "yy".into())));
        assert_eq!(assigned_property("p['zz'] = 1", 1), Some((9, "zz".into())));
        assert_eq!(assigned_property("p[0] = 1", 1), Some((6, "0".into())));
        assert_eq!(assigned_property("p[k] = 1", 1), None);
        assert_eq!(assigned_property("p.x == 1", 1), None);
        assert_eq!(
            defined_property("Object.defineProperty(p, 'test', {})", 23).as_deref(),
            Some("test")
        );
        assert_eq!(
            defined_property("Object.defineProperty(f(a, b), \"t\\\"x\", {})", 23).as_deref(),
            Some("t\"x")
        );
        assert_eq!(
            defined_property("Object.defineProperty(p, k, {})", 23),
            None
        );
        assert_eq!(
            eval_argument("eval(\"o.foo()\")", 1).as_deref(),
            Some("o.foo()")
        );
        assert_eq!(
            eval_argument("x; eval ( 'a\\nb' )", 4).as_deref(),
            Some("a\nb")
        );
        assert_eq!(eval_argument("myeval('x')", 3), None);
        assert_eq!(
            function_arguments("new Function('a', \"return a\")(1)", 1),
            Some(vec!["a".to_string(), "return a".to_string()])
        );
        assert_eq!(function_arguments("Function(body)", 1), None);
        let after = |line: &str, col| call_after_construction(line, col, "Function");
        assert_eq!(after("  return new Function(src)();", 10), Some(27));
        assert_eq!(after("new Function('a', ')(', f(x)) (1, 2)", 1), Some(31));
        assert_eq!(after("x = Function('return 1')()", 5), Some(25));
        assert_eq!(after("const g = new Function('return 1');", 11), None);
        assert_eq!(after("new Functions()()", 1), None);
    }

    #[test]
    fn non_entry_elements_of_an_array_literal() {
        let at = |line: &str, call: &str| {
            let col = line.find(call).unwrap() as i32 + 1;
            super::non_entry_element(line, col)
        };
        let s = |t: &str| Some(t.to_string());
        assert_eq!(at("Object.fromEntries([1])", ".fromEntries"), s("1"));
        assert_eq!(at("x = new Map([[1, 2], {}, 'a,b'])", "Map"), s("a,b"));
        assert_eq!(at("new WeakMap([[1], , 3])", "WeakMap"), s("undefined"));
        assert_eq!(at("Object.fromEntries([[1], 2n])", "("), s("2"));
        assert_eq!(at("new Map([0x10, null])", "Map"), s("16"));
        // Not known from the text: a variable, a call, a spread, a template, escapes.
        assert_eq!(at("new Map([a])", "Map"), None);
        assert_eq!(at("new Map([f(1)])", "Map"), None);
        assert_eq!(at("new Map([...a, 1])", "Map"), None);
        assert_eq!(at("new Map([`a`])", "Map"), None);
        assert_eq!(at("new Map(['a\\'b'])", "Map"), None);
        assert_eq!(at("new Map(entries)", "Map"), None);
        assert_eq!(at("new Map([[1], [2]])", "Map"), None);
        assert_eq!(at("new Map([])", "Map"), None);
        assert_eq!(at("new Map([[1], ])", "Map"), None);
        assert_eq!(at("new Map([[1][0]])", "Map"), None);
        assert_eq!(at("Object.fromEntries([1, 2].map(f))", "("), None);
        assert_eq!(at("new Map([[1], 2], x)", "Map"), s("2"));
    }
}
