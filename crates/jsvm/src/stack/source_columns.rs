//! Where V8 places an error on its source line, read from the line's text: QuickJS's column
//! is often another token of the same expression (the callee's end, the property's start).

use crate::call_text::is_ident;

/// A frame's column as V8 gives it, and whether the call there is a `new`.
pub(super) struct Settled {
    pub(super) col: i32,
    pub(super) is_new: bool,
}

/// V8's column for the frame at `col` (1-based) of `line`.
pub(super) fn settle(line: &str, col: i32) -> Settled {
    let (line, offset) = crate::call_text::line_window(line, col);
    let settled = settle_in(line, col - offset);
    Settled {
        col: settled.col + offset,
        ..settled
    }
}

/// [`settle`] on the part of the line it reads.
pub(super) fn settle_in(line: &str, col: i32) -> Settled {
    let at = (col - 1).max(0) as usize;
    // A call of a member (`obj.method()`): QuickJS points at the dot, V8 at the name; at the
    // arguments' `(` when the member is in parentheses (`(0, obj.method)(...)`, how Babel and
    // TypeScript call what they import).
    let chars: Vec<char> = line.chars().collect();
    let is_name = |c: char| c.is_alphanumeric() || matches!(c, '_' | '$');
    let on_dot = chars.get(at) == Some(&'.');
    // QuickJS points at the name itself when the member is in parentheses.
    let on_member_name =
        at > 0 && chars.get(at - 1) == Some(&'.') && chars.get(at).is_some_and(|c| is_name(*c));
    if on_dot || on_member_name {
        let mut i = if on_dot { at + 1 } else { at };
        while i < chars.len() && is_name(chars[i]) {
            i += 1;
        }
        let skip = |mut i: usize| {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            i
        };
        let close = skip(i);
        if chars.get(close) == Some(&')') {
            let open = skip(close + 1);
            if chars.get(open) == Some(&'(') {
                return Settled {
                    col: open as i32 + 1,
                    is_new: false,
                };
            }
        }
        return Settled {
            col: if on_dot { col + 1 } else { col },
            is_new: false,
        };
    }
    let before: String = line.chars().take(at).collect();
    if before.ends_with("new ") {
        Settled {
            col: col - 4,
            is_new: true,
        }
    } else {
        Settled { col, is_new: false }
    }
}

/// V8 puts a failed property read or write at the property's name (`a.b.push` -> `push`);
/// QuickJS at the object expression. The name is in the message.
pub(super) fn property_column(message: &str, line: &str, col: i32) -> Option<i32> {
    let rest = message
        .strip_prefix("cannot read property '")
        .or_else(|| message.strip_prefix("cannot set property '"))?;
    let (name, _) = rest.split_once('\'')?;
    let chars: Vec<char> = line.chars().collect();
    let needle: Vec<char> = format!(".{name}").chars().collect();
    let start = (col - 1).max(0) as usize;
    (start..chars.len().saturating_sub(needle.len() - 1))
        .find(|&i| chars[i..i + needle.len()] == needle[..])
        .map(|i| i as i32 + 2)
}

/// A ReferenceError for the name right after `return`: V8 points at the `return`.
pub(super) fn return_column(message: &str, line: &str, col: i32) -> Option<i32> {
    let name = message.strip_suffix(" is not defined")?;
    let at = (col - 1).max(0) as usize;
    let before: String = line.chars().take(at).collect();
    let here: String = line.chars().skip(at).take(name.chars().count()).collect();
    (here == name && before.ends_with("return ")).then_some(col - 7)
}

/// A write refused as read-only: QuickJS says `'x' is read-only` at the start of the
/// assignment, V8 points at its operator. Also gives the name when the target is that plain
/// name: unless it is a read-only property of the global, it is a `const`, which V8 words as
/// "Assignment to constant variable." (a property's V8 message names its object, which the
/// source does not tell).
pub(super) fn read_only_column<'a>(
    message: &'a str,
    line: &str,
    col: i32,
) -> Option<(i32, Option<&'a str>)> {
    let name = message.strip_prefix('\'')?.strip_suffix("' is read-only")?;
    let (op, target) = assignment_at(line, col)?;
    Some((op, (target == name).then_some(name)))
}

/// The assignment starting at `col` of `line` (1-based, in chars): the column of its
/// operator, and its target's text.
pub(super) fn assignment_at(line: &str, col: i32) -> Option<(i32, String)> {
    let chars: Vec<char> = line.chars().collect();
    // A column past the line's characters (the engine's may count other units) reads nothing.
    let start = ((col - 1).max(0) as usize).min(chars.len());
    // The assignment target: a name, or a member chain (`a.b`, `a['b']`, `a[0].c`).
    let mut i = start;
    let mut depth = 0;
    while i < chars.len() {
        let c = chars[i];
        if depth > 0 {
            depth += (c == '[') as i32 - (c == ']') as i32;
        } else if c == '[' {
            depth = 1;
        } else if !(is_ident(c) || c == '.') {
            break;
        }
        i += 1;
    }
    let target: String = chars[start..i].iter().collect();
    if target.is_empty() {
        return None;
    }
    let op = crate::call_text::assignment_operator(&chars, i, true)?;
    Some((op as i32 + 1, target))
}

/// The key of `'k' in p` (trap `has`) or `delete p.k` / `delete p['k']` (`deleteProperty`) on
/// `line`, the operation nearest before column `col`.
pub(super) fn proxy_key_in_source(line: &str, col: i32, trap: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let end = ((col.max(1) as usize) + 64).min(chars.len());
    let text: String = chars[..end].iter().collect();
    let literal = |s: &str| -> Option<String> {
        let s = s.trim();
        let q = s.chars().next().filter(|c| *c == '\'' || *c == '"')?;
        let inner = s.strip_prefix(q)?.strip_suffix(q)?;
        (!inner.contains(['\\', q])).then(|| inner.to_string())
    };
    if trap == "has" {
        let at = text.rfind(" in ")?;
        let before = text[..at].trim_end();
        let q = before.chars().last().filter(|c| *c == '\'' || *c == '"')?;
        let open = before[..before.len() - 1].rfind(q)?;
        literal(&before[open..])
    } else {
        let at = text.rfind("delete ")?;
        // The operand: up to what ends it at its own depth.
        let mut depth = 0i32;
        let rest: String = line[at + 7..]
            .chars()
            .take_while(|c| {
                match c {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth -= 1,
                    _ => {}
                }
                depth >= 0 && !(depth == 0 && matches!(c, ';' | ','))
            })
            .collect();
        let rest = rest.trim();
        if let Some(open) = rest.rfind('[') {
            literal(rest[open + 1..].strip_suffix(']')?)
        } else {
            let (_, key) = rest.rsplit_once('.')?;
            key.chars().all(is_ident).then(|| key.to_string())
        }
    }
}

/// A call of a method on `this` that is not a function: QuickJS points inside the call's
/// parentheses (at an argument), V8 at the method's name (where `callee_at` then finds
/// `this.name`).
/// Calls nested in arguments share one recorded position, at the start of the innermost
/// call's callee when it has no arguments before it (`o.g(o.missing())`): that call is named
/// (it runs first); an enclosing call failing after it cannot be told apart.
pub(super) fn call_column(message: &str, line: &str, col: i32) -> Option<i32> {
    if message != "not a function" {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    // QuickJS may point at the blanks before the callee (where its scanner stood).
    let blanks = chars
        .iter()
        .skip((col - 1).max(0) as usize)
        .take_while(|c| c.is_whitespace())
        .count() as i32;
    if blanks > 0 && callee_at(line, col + blanks).is_some() {
        return Some(col + blanks);
    }
    if callee_at(line, col).is_some() {
        return Some(col);
    }
    if let Some(name) = crate::call_text::callee_starting_at(line, col) {
        return Some(name);
    }
    // The parenthesis the position is inside of.
    let paren =
        crate::call_text::enclosing_paren(&chars, ((col - 1).max(0) as usize).min(chars.len()))?;
    let mut start = paren;
    while start > 0 && is_ident(chars[start - 1]) {
        start -= 1;
    }
    (start < paren && start > 0 && chars[start - 1] == '.').then_some(start as i32 + 1)
}

/// The dotted callee ending at the identifier that starts at `col`, e.g. `vm.runIn` for
/// `vm.runIn(`; `None` when the source there is not such a plain chain.
pub(super) fn callee_at(line: &str, col: i32) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut start = (col - 1).max(0) as usize;
    if chars.get(start) == Some(&'.') {
        start += 1; // QuickJS points at the dot of a member call
    }
    let mut end = start;
    while end < chars.len() && is_ident(chars[end]) {
        end += 1;
    }
    if end == start || chars.get(end) != Some(&'(') {
        return None;
    }
    let mut begin = start;
    while begin > 0 && (is_ident(chars[begin - 1]) || chars[begin - 1] == '.') {
        begin -= 1;
    }
    let text: String = chars[begin..end].iter().collect();
    (!text.starts_with('.')).then_some(text)
}

/// The constructor of a `new` without arguments (`new Foo;`, `new a.B`) whose name starts at
/// `col` of `line`, or a number constructed (`new 1`): V8 prints it as written.
pub(super) fn constructed_without_arguments(line: &str, col: i32) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut start = (col - 1).max(0) as usize;
    // The engine may point at the blanks before it.
    while chars.get(start).is_some_and(|c| *c == ' ') {
        start += 1;
    }
    let mut end = start;
    while end < chars.len() && (is_ident(chars[end]) || chars[end] == '.') {
        end += 1;
    }
    let text: String = chars.get(start..end)?.iter().collect();
    let next = chars[end..].iter().find(|c| !c.is_whitespace());
    let ends = next.is_none_or(|c| matches!(c, ';' | ')' | ',' | ']' | '}'));
    let name = text
        .split('.')
        .all(|part| part.chars().next().is_some_and(|c| !c.is_ascii_digit()));
    let number = text.chars().all(|c| c.is_ascii_digit());
    (ends && !text.is_empty() && !text.ends_with('.') && (name || number)).then_some(text)
}
