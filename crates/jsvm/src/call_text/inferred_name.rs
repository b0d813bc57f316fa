//! V8's inferred name of an anonymous function: the member it is assigned to, which V8's
//! parser records (`FuncNameInferrer`) and prints in stacks where the function has no name of
//! its own (`at module.exports`, `at exports.handler`, `at Foo.bar` for
//! `Foo.prototype.bar = function`). The engine names a function assigned to a plain variable
//! (`x = function`) as the language says; a member gives none, and the stack would show the
//! position alone.
//!
//! Only the common form is read: the function right after `target =`, where the target is a
//! member chain (`a.b.c`, `a['k']`, `a[k]`, `this.x`), assignments chained
//! (`a.b = c.d = function`). A function inside a conditional, a logical expression or an array
//! literal on the right (which V8 names too) keeps no name.

use super::callee::is_ident;

/// The most text read back from a function's start.
const MAX_BACK: usize = 1024;
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
    let mut groups: Vec<Vec<String>> = Vec::new();
    while groups.len() < MAX_CHAINED {
        let Some(eq) = assignment_before(&chars, end) else {
            break;
        };
        let Some((chain_start, names)) = member_chain_before(&chars, eq) else {
            break;
        };
        groups.push(names);
        end = chain_start;
    }
    let names: Vec<String> = groups.into_iter().rev().flatten().collect();
    (!names.is_empty()).then(|| names.join("."))
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
/// in order (`this` and `prototype` left out). `None` when the text there is no member chain (a
/// plain name is one of a variable, which the engine names itself).
fn member_chain_before(chars: &[char], end: usize) -> Option<(usize, Vec<String>)> {
    let mut names = Vec::new();
    let mut k = skip_blanks(chars, end);
    let mut members = 0;
    loop {
        if names.len() >= MAX_SEGMENTS || k == 0 {
            return None;
        }
        if chars[k - 1] == ']' {
            // A key: a string literal names itself; anything else is `<computed>`.
            let open = matching_open(chars, k - 1)?;
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
    if members == 0 {
        return None;
    }
    names.reverse();
    if names.first().is_some_and(|n| n == "this") {
        names.remove(0);
    }
    names.retain(|n| n != "prototype");
    Some((k, names))
}

/// The index of the `[` matching the `]` at `close` (strings and nesting skipped roughly).
fn matching_open(chars: &[char], close: usize) -> Option<usize> {
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
                    return (chars[k] == '[').then_some(k);
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
        ] {
            assert_eq!(name(before).as_deref(), expected, "{before:?}");
        }
    }

    #[test]
    fn other_places_give_no_name() {
        for before in [
            "x = ",
            "const h = wrap(",
            "x.y = true ? ",
            "x.y2 = x.y2 || ",
            "x.arr = [",
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
