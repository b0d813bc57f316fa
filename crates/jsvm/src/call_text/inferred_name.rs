//! V8's inferred name of an anonymous function: the member it is assigned to, which V8's
//! parser records (`FuncNameInferrer`) and prints in stacks where the function has no name of
//! its own (`at module.exports`, `at exports.handler`, `at Foo.bar` for
//! `Foo.prototype.bar = function`). The engine names a function assigned to a plain variable
//! (`x = function`) as the language says; a member gives none, and the stack would show the
//! position alone.
//!
//! Read: the function right after `target =`, where the target is a member chain (`a.b.c`,
//! `a['k']`, `a[k]`, `this.x`), assignments chained (`a.b = c.d = function`); and the function
//! as a branch of a conditional or an operand of `||`, `&&`, `??` whose other operands are
//! simple (names, members, calls, literals), an element of an array literal, or a property of
//! an object literal, on the right of such an assignment or of a plain variable's (which the
//! engine then does not name): `x = a || function` is `x`, `o = { k: c ? f : function }` is
//! `o.k`, `x.list = [a, function]` is `x.list`, as V8 names them. A function in parentheses
//! keeps no name (as V8's).

use super::callee::is_ident;

/// The most text read back from a function's start.
pub(crate) const MAX_BACK: usize = 1024;
/// The most segments of one member chain, and the most assignments chained.
const MAX_SEGMENTS: usize = 32;
const MAX_CHAINED: usize = 8;

/// The inferred name of a function whose source starts right after `before` (the text before
/// it: its line up to its start, and a few lines above), as V8 names it: each target's names
/// joined by `.`, without `this` and `prototype`; a computed key as `<computed>`, a string key
/// as itself. `None` where the function is not a member's whole right-hand side.
pub(crate) fn assigned_member_name(before: &str) -> Option<String> {
    let start = before
        .char_indices()
        .rev()
        .nth(MAX_BACK)
        .map_or(0, |(i, _)| i);
    let chars: Vec<char> = before[start..].chars().collect();
    let mut end = chars.len();
    // An async function or arrow may be counted from the word after `async`.
    let trimmed = skip_blanks(&chars, end);
    if trimmed >= 5 && chars[trimmed - 5..trimmed].iter().collect::<String>() == "async" {
        let k = trimmed - 5;
        if k == 0 || !is_ident(chars[k - 1]) {
            end = k;
        }
    }
    // What holds the function on the right: operators, literals, keys (innermost first).
    let mut keys: Vec<String> = Vec::new();
    let mut held = false;
    for _ in 0..MAX_SEGMENTS {
        match holder_before(&chars, end)? {
            Some(Holder::Operand(start)) => {
                held = true;
                end = start;
            }
            Some(Holder::Key(open, key)) => {
                keys.push(key);
                end = open;
            }
            None => break,
        }
    }
    let mut groups: Vec<Vec<String>> = Vec::new();
    while groups.len() < MAX_CHAINED {
        let Some(eq) = assignment_before(&chars, end) else {
            break;
        };
        // A plain variable names a function held on its right (the engine names only a
        // function right after its `=`).
        let plain = held || !keys.is_empty();
        let Some((chain_start, names)) = member_chain_before(&chars, eq, plain) else {
            break;
        };
        groups.push(names);
        end = chain_start;
    }
    if groups.is_empty() {
        return None;
    }
    let names: Vec<String> = groups
        .into_iter()
        .rev()
        .flatten()
        .chain(keys.into_iter().rev())
        .collect();
    Some(names.join("."))
}

/// What holds a function whose text starts at `end`, one step out.
enum Holder {
    /// An operator, an array literal: the expression holding it starts at the index.
    Operand(usize),
    /// A property of an object literal (whose `{` is at the index) with this key.
    Key(usize, String),
}

/// The holder of what starts at `end`: `Ok(None)` when nothing holds it but what comes before
/// (an assignment, or anything else); `Err` where it is held by what V8 gives no name through
/// (a call's argument, a parenthesis).
fn holder_before(chars: &[char], end: usize) -> Option<Option<Holder>> {
    let k = skip_blanks(chars, end);
    if k == 0 {
        return Some(None);
    }
    let last = chars[k - 1];
    let before = |n: usize| (k > n).then(|| chars[k - 1 - n]);
    if (last == '|' && before(1) == Some('|'))
        || (last == '&' && before(1) == Some('&'))
        || (last == '?' && before(1) == Some('?'))
    {
        return Some(Some(Holder::Operand(operand_start(chars, k - 2)?)));
    }
    match last {
        // A conditional's branch: `c ? f`, `c ? a : f`.
        '?' => Some(Some(Holder::Operand(operand_start(chars, k - 1)?))),
        ':' => {
            let start = operand_start(chars, k - 1)?;
            let p = skip_blanks(chars, start);
            if p > 0 && chars[p - 1] == '?' && (p < 2 || chars[p - 2] != '?') {
                return Some(Some(Holder::Operand(operand_start(chars, p - 1)?)));
            }
            let key = property_key(&chars[start..k - 1])?;
            match p.checked_sub(1).map(|i| chars[i]) {
                Some('{') => Some(Some(Holder::Key(p - 1, key))),
                Some(',') => {
                    let open = enclosing_open(chars, p - 1)?;
                    (chars[open] == '{').then_some(Some(Holder::Key(open, key)))
                }
                _ => None,
            }
        }
        '[' => Some(Some(Holder::Operand(k - 1))),
        ',' => {
            let open = enclosing_open(chars, k - 1)?;
            (chars[open] == '[').then_some(Some(Holder::Operand(open)))
        }
        '(' => None,
        _ => Some(None),
    }
}

/// An object literal's key as V8 names it: a name, or a string's text.
fn property_key(text: &[char]) -> Option<String> {
    let key: String = text.iter().collect();
    let key = key.trim();
    let quoted = key.len() >= 2
        && (key.starts_with('\'') && key.ends_with('\'')
            || key.starts_with('"') && key.ends_with('"'));
    if quoted && !key[1..key.len() - 1].contains(['\\', '\'', '"']) {
        return Some(key[1..key.len() - 1].to_string());
    }
    let mut chars = key.chars();
    let first = chars.next()?;
    (is_ident(first) && !first.is_ascii_digit() && chars.all(is_ident)).then(|| key.to_string())
}

/// Where the simple operand ending before `end` (blanks aside) starts: names, members, calls
/// and indexes (`a.b(c)[d]`), `!`, numbers, a string. `None` when there is none.
fn operand_start(chars: &[char], end: usize) -> Option<usize> {
    let mut k = skip_blanks(chars, end);
    let stop = k;
    if k > 0 && matches!(chars[k - 1], '\'' | '"') {
        let quote = chars[k - 1];
        let open = (0..k - 1).rev().find(|&j| chars[j] == quote)?;
        return Some(open);
    }
    while k > 0 {
        match chars[k - 1] {
            ')' | ']' => k = matching_bracket(chars, k - 1)?,
            c if is_ident(c) || c == '.' || c == '!' => k -= 1,
            _ => break,
        }
    }
    (k < stop).then_some(k)
}

/// The index of the unmatched `(`, `[` or `{` enclosing the text before `end`.
fn enclosing_open(chars: &[char], end: usize) -> Option<usize> {
    let stop = end.saturating_sub(MAX_BACK);
    let mut depth = 0usize;
    let mut k = end;
    while k > stop {
        k -= 1;
        match chars[k] {
            ']' | ')' | '}' => depth += 1,
            '[' | '(' | '{' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return Some(k),
            },
            '\'' | '"' | '`' => {
                let quote = chars[k];
                k = (stop..k).rev().find(|&j| chars[j] == quote)?;
            }
            _ => {}
        }
    }
    None
}

/// Whether V8 keeps the inferred name of a function held on the right (not right after the
/// `=`), given the text after the function's end on its line. V8's parser drops the last
/// function it would name at each call it completes (so that `(function () {})()` is not
/// named): the call's arguments first, then the call itself. A call read after the function
/// drops it, unless a function was added first (in the arguments, or as a later element):
/// `[() => a(1), () => b(2)]` names only the last arrow (each concise body's call drops the
/// arrow before), `x = function () {}.bind(o)` none, `l = [a || function () {}].map((x) => x)`
/// the array's.
pub(crate) fn kept_after(after: &str) -> bool {
    let chars: Vec<char> = after.chars().take(MAX_BACK).collect();
    !matches!(first_event(&chars, 0, chars.len(), 0).0, Some(Event::Call))
}

/// What V8's name inferrer meets first: a call completed, or a function added.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Event {
    Call,
    Function,
}

/// How deep `first_event` reads into nested arguments and arrow bodies.
const MAX_NESTING: usize = 32;

/// The first event in `chars[from..to]` (`depth`: how deep in arguments and bodies it is), and
/// where scanning stopped.
fn first_event(chars: &[char], from: usize, to: usize, depth: usize) -> (Option<Event>, usize) {
    if depth > MAX_NESTING {
        return (None, to);
    }
    let mut i = from;
    // The last character of what came before (a name, `)` or `]` make a `(` a call).
    let mut prev: Option<char> = None;
    let mut word = String::new();
    let mut after_new = false;
    while i < to {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if is_ident(c) {
            let start = i;
            while i < to && is_ident(chars[i]) {
                i += 1;
            }
            word = chars[start..i].iter().collect();
            match word.as_str() {
                // A function added once its body is read (what its body calls is its own).
                "function" => return (Some(Event::Function), i),
                "new" => after_new = true,
                _ => {}
            }
            prev = Some('a');
            continue;
        }
        match c {
            '\'' | '"' | '`' => {
                let mut j = i + 1;
                while j < to && chars[j] != c {
                    j += if chars[j] == '\\' { 2 } else { 1 };
                }
                i = j + 1;
                prev = Some('"');
                word.clear();
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'/') => return (None, to),
            ';' => return (None, to),
            '=' if chars.get(i + 1) == Some(&'>') => {
                let mut j = i + 2;
                while j < to && chars[j].is_whitespace() {
                    j += 1;
                }
                if chars.get(j) == Some(&'{') {
                    return (Some(Event::Function), j);
                }
                // A concise body: its calls come before the arrow is added.
                let (event, _) = first_event(chars, j, expression_end(chars, j, to), depth + 1);
                return (Some(event.unwrap_or(Event::Function)), j);
            }
            '(' => {
                let called = matches!(prev, Some('a' | ')' | ']'))
                    && !matches!(
                        word.as_str(),
                        "if" | "while"
                            | "for"
                            | "switch"
                            | "catch"
                            | "return"
                            | "typeof"
                            | "await"
                            | "yield"
                            | "in"
                            | "of"
                            | "void"
                            | "delete"
                            | "case"
                    );
                let close = closing(chars, i, to);
                let (inner, _) = first_event(chars, i + 1, close, depth + 1);
                if inner.is_some() {
                    return (inner, close);
                }
                if called && !after_new {
                    return (Some(Event::Call), close);
                }
                after_new = false;
                i = close + 1;
                prev = Some(')');
                word.clear();
                continue;
            }
            _ => {}
        }
        prev = Some(c);
        word.clear();
        i += 1;
    }
    (None, to)
}

/// The index of the bracket closing the one at `open` (or `to`).
fn closing(chars: &[char], open: usize, to: usize) -> usize {
    let mut depth = 0usize;
    let mut i = open;
    while i < to {
        match chars[i] {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            q @ ('\'' | '"' | '`') => {
                i += 1;
                while i < to && chars[i] != q {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        i += 1;
    }
    to
}

/// Where the expression starting at `from` ends: a `,`, `;` or closing bracket outside the
/// brackets it opens (or `to`).
fn expression_end(chars: &[char], from: usize, to: usize) -> usize {
    let mut i = from;
    while i < to {
        match chars[i] {
            '(' | '[' | '{' => i = closing(chars, i, to),
            ',' | ';' | ')' | ']' | '}' => return i,
            _ => {}
        }
        i += 1;
    }
    to
}

/// Index just past the last non-blank character before `end`.
fn skip_blanks(chars: &[char], mut end: usize) -> usize {
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    end
}

/// The index of a plain assignment's `=` ending the text before `end` (blanks aside): not part
/// of `==`, `!=`, `<=`, `>=`, `=>` or a compound assignment.
fn assignment_before(chars: &[char], end: usize) -> Option<usize> {
    let i = skip_blanks(chars, end);
    if i == 0 || chars[i - 1] != '=' {
        return None;
    }
    let eq = i - 1;
    if eq > 0 && "=!<>+-*/%&|^?~".contains(chars[eq - 1]) {
        return None;
    }
    Some(eq)
}

/// The member chain whose text ends before `end` (blanks aside): where it starts, and its names
/// in order (`this` and `prototype` left out). `None` when the text there is no member chain,
/// or a plain name unless `plain` (a variable names a function right after its `=` itself).
fn member_chain_before(chars: &[char], end: usize, plain: bool) -> Option<(usize, Vec<String>)> {
    let mut names = Vec::new();
    let mut k = skip_blanks(chars, end);
    let mut members = 0;
    loop {
        if names.len() >= MAX_SEGMENTS || k == 0 {
            return None;
        }
        if chars[k - 1] == ']' {
            // A key: a string literal names itself; anything else is `<computed>`.
            let open = matching_bracket(chars, k - 1)?;
            if chars[open] != '[' {
                return None;
            }
            let inner: String = chars[open + 1..k - 1].iter().collect();
            let inner = inner.trim();
            let quoted = inner.len() >= 2
                && (inner.starts_with('\'') && inner.ends_with('\'')
                    || inner.starts_with('"') && inner.ends_with('"'))
                && !inner[1..inner.len() - 1].contains(['\\', '\'', '"']);
            names.push(match quoted {
                true => inner[1..inner.len() - 1].to_string(),
                false => "<computed>".to_string(),
            });
            members += 1;
            // The object keyed: right before the bracket.
            k = skip_blanks(chars, open);
            continue;
        }
        let word_end = k;
        while k > 0 && is_ident(chars[k - 1]) {
            k -= 1;
        }
        if k == word_end || chars[k].is_ascii_digit() {
            return None;
        }
        names.push(chars[k..word_end].iter().collect());
        let before = skip_blanks(chars, k);
        if before > 0 && chars[before - 1] == '.' {
            // Not `?.` (no assignment target) nor a number's point.
            if before > 1 && chars[before - 2] == '?' {
                return None;
            }
            members += 1;
            k = skip_blanks(chars, before - 1);
            continue;
        }
        break;
    }
    if members == 0 && !plain {
        return None;
    }
    names.reverse();
    if names.first().is_some_and(|n| n == "this") {
        names.remove(0);
    }
    names.retain(|n| n != "prototype");
    Some((k, names))
}

/// The index of the bracket matching the `]`, `)` or `}` at `close` (strings and nesting
/// skipped roughly).
fn matching_bracket(chars: &[char], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut k = close + 1;
    let stop = close.saturating_sub(MAX_BACK);
    while k > stop {
        k -= 1;
        match chars[k] {
            ']' | ')' | '}' => depth += 1,
            '[' | '(' | '{' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(k);
                }
            }
            '\'' | '"' | '`' => {
                let quote = chars[k];
                k = (stop..k).rev().find(|&j| chars[j] == quote)?;
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::assigned_member_name as name;

    #[test]
    fn members_assigned_are_named_as_v8_names_them() {
        for (before, expected) in [
            ("module.exports = ", Some("module.exports")),
            ("exports.handler = async ", Some("exports.handler")),
            ("  Foo.prototype.bar = ", Some("Foo.bar")),
            ("this.tt = ", Some("tt")),
            ("o.x=", Some("o.x")),
            ("x . sp   =   ", Some("x.sp")),
            ("x.multi =\n  ", Some("x.multi")),
            ("k['str'] = ", Some("k.str")),
            ("k[\"a-b\"] = ", Some("k.a-b")),
            ("k[1 + 1] = ", Some("k.<computed>")),
            ("a[b][c].d = ", Some("a.<computed>.<computed>.d")),
            ("x.a = c.b = ", Some("x.a.c.b")),
            ("return n.a.b.c = ", Some("n.a.b.c")),
            ("const v2 = outer.zz = ", Some("outer.zz")),
            ("x.y = true ? ", Some("x.y")),
            ("x.y2 = x.y2 || ", Some("x.y2")),
            ("x.r = a(1) && ", Some("x.r")),
            ("x.n = !t ?? ", Some("x.n")),
            ("x.q = t ? 0 : ", Some("x.q")),
            ("x.s = 'a' ? ", Some("x.s")),
            ("x.arr = [", Some("x.arr")),
            ("x.arr2 = [1, f(2, 3), ", Some("x.arr2")),
            ("const f1 = cond ? ", Some("f1")),
            ("var u1 = t ? ", Some("u1")),
            ("u2 = t && ", Some("u2")),
            ("let v = { k: { j: t && ", Some("v.k.j")),
            ("let w = { a: 1, k2: t && ", Some("w.k2")),
            ("o.p = { 'q r': c || ", Some("o.p.q r")),
            ("let z = { k: [", Some("z.k")),
        ] {
            assert_eq!(name(before).as_deref(), expected, "{before:?}");
        }
    }

    #[test]
    fn calls_after_a_held_function_drop_its_name_as_v8s() {
        use super::kept_after as kept;
        for (after, expected) in [
            ("];", true),
            (", function () { a(); }];", true),
            (", () => withTemplate(1), () => memberCall(o)];", false),
            (", 2];", true),
            ("][0]()[0];", false),
            ("][0];", true),
            ("].map((x) => x)[0];", true),
            ("].map(f)[0];", false),
            (".bind(null) };", false),
            (", () => new Error()];", true),
            (", () => { a(); }];", true),
            (", y: null || function () {} };", true),
            (" : null;", true),
            (", 'a(b)' ];", true),
            (", typeof (x) ];", true),
        ] {
            assert_eq!(kept(after), expected, "{after:?}");
        } // Nesting deeper than it reads (not read past: no call seen there, the name stays;
          // the calls around it are calls).
        assert!(kept(&"(".repeat(5000)));
        assert!(!kept(&format!(
            "{}f(1){}",
            "g(".repeat(1000),
            ")".repeat(1000)
        )));
        assert!(kept(&"() => ".repeat(500)));
    }

    #[test]
    fn other_places_give_no_name() {
        for before in [
            "x = ",
            "const h = wrap(",
            "x.p = (",
            "f(a, ",
            "x.y = f(a ? ",
            "h({ k: ",
            "return c ? ",
            "x.y == ",
            "x.y += ",
            "a?.b = ",
            "f() = ",
            "1.5 = ",
            "",
            "foo(",
        ] {
            assert_eq!(name(before), None, "{before:?}");
        }
    }
}
