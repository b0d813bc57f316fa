//! A window of a very long line (minified or bundled code: one line of hundreds of KB) around
//! a column, so that reading a frame's call back from its line costs what the window holds,
//! not what the line does.
//!
//! A line of at most [`LONG`] bytes is read whole (all the readers' results stay as they
//! were). A longer one is cut [`MARGIN`] bytes either side of the column, its start moved back
//! to a point where a reader starting afresh sees the same code as one reading from the line's
//! start: just after a `;`, `,`, `{` or `}` outside any string, template, regular expression
//! or comment (the literals as `in_literals` reads them). Those points are found by one scan of
//! the line, kept for the last few long lines (an error made in a loop reads the same line
//! each time).

use std::cell::RefCell;
use std::rc::Rc;

/// Lines up to this many bytes are read whole.
pub(crate) const LONG: usize = 16 * 1024;
/// Bytes kept either side of the column in a longer line (before the start's move back).
const MARGIN: usize = 4 * 1024;
/// How many long lines' points are kept.
const KEPT: usize = 4;

struct Scanned {
    line: Rc<str>,
    /// Whether its characters are bytes (its columns are then its offsets).
    ascii: bool,
    /// Byte offsets where a reader may start: after a `;`, `,`, `{` or `}` outside literals.
    starts: Vec<usize>,
}

thread_local! {
    static SCANNED: RefCell<Vec<Rc<Scanned>>> = const { RefCell::new(Vec::new()) };
}

/// The part of `line` to read for 1-based character column `col`, and how many characters of
/// the line come before it (to add to a column found in the part).
pub(crate) fn around(line: &str, col: i32) -> (&str, i32) {
    if line.len() <= LONG {
        return (line, 0);
    }
    let scanned = scanned(line);
    let ascii = scanned.ascii;
    let chars_before = (col - 1).max(0) as usize;
    let at = match ascii {
        true => chars_before.min(line.len()),
        false => line
            .char_indices()
            .nth(chars_before)
            .map_or(line.len(), |(i, _)| i),
    };
    let want = at.saturating_sub(MARGIN);
    let start = match scanned.starts.partition_point(|&s| s <= want) {
        0 => 0,
        n => scanned.starts[n - 1],
    };
    let mut end = (at + MARGIN).min(line.len());
    while !line.is_char_boundary(end) {
        end += 1;
    }
    let offset = match ascii {
        true => start,
        false => line[..start].chars().count(),
    };
    (&line[start..end], offset as i32)
}

/// The reading points of a long line, from the kept ones or scanned now.
fn scanned(line: &str) -> Rc<Scanned> {
    SCANNED.with(|kept| {
        let mut kept = kept.borrow_mut();
        if let Some(i) = kept.iter().position(|s| &*s.line == line) {
            let s = kept.remove(i);
            kept.push(s.clone());
            return s;
        }
        let s = Rc::new(Scanned {
            line: Rc::from(line),
            ascii: line.is_ascii(),
            starts: reading_points(line),
        });
        if kept.len() == KEPT {
            kept.remove(0);
        }
        kept.push(s.clone());
        s
    })
}

/// The byte offsets just after a `;`, `,`, `{` or `}` that is code, read as `in_literals`
/// reads a line from its start (the characters it treats as opening a literal, and the same
/// test for a regular expression's `/`).
fn reading_points(line: &str) -> Vec<usize> {
    let b = line.as_bytes();
    let mut points = Vec::new();
    let mut last: Option<char> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c >= 0x80 {
            // Non-ASCII: never a delimiter; only whether it is a blank matters (to `last`).
            let ch = line[i..].chars().next().unwrap_or(' ');
            if !ch.is_whitespace() {
                last = Some(ch);
            }
            i += ch.len_utf8();
            continue;
        }
        let c = c as char;
        let next = b.get(i + 1).copied();
        let regexp = c == '/'
            && !matches!(next, Some(b'/' | b'*'))
            && last.is_none_or(|l: char| "(,=:[!&|?{};+-*%<>~^".contains(l));
        let close = match c {
            '\'' | '"' | '`' => Some(c as u8),
            '/' if next == Some(b'/') => Some(b'\n'),
            '/' if next == Some(b'*') => Some(b'*'),
            '/' if regexp => Some(b'/'),
            _ => None,
        };
        let Some(close) = close else {
            if !c.is_whitespace() {
                last = Some(c);
            }
            if matches!(c, ';' | ',' | '{' | '}') {
                points.push(i + 1);
            }
            i += 1;
            continue;
        };
        let start = i;
        let mut k = i + 1 + usize::from(close == b'*' || close == b'\n');
        let mut class = false;
        while k < b.len() {
            match b[k] {
                b'\\' if close != b'\n' && close != b'*' => k += 1,
                b'[' if close == b'/' => class = true,
                b']' if close == b'/' => class = false,
                b'/' if close == b'*' && b[k - 1] == b'*' && k > start + 2 => break,
                ch if ch == close && close != b'*' && !(close == b'/' && class) => break,
                _ => {}
            }
            k += 1;
        }
        last = Some(c);
        i = k + 1;
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_whole() {
        assert_eq!(around("a(b)", 3), ("a(b)", 0));
    }

    #[test]
    fn long_lines_are_cut_after_code_outside_literals() {
        // A string holding `;` right before the window's natural start: the cut is not in it.
        let pad = "var a;".repeat(3000);
        let line = format!("{pad}x='{};';f(1);{pad}", ";".repeat(5000));
        let col = (pad.len() + 5010) as i32;
        let (part, offset) = around(&line, col);
        assert!(part.len() < LONG);
        let start = offset as usize;
        assert_eq!(&line[start..start + part.len()], part);
        // The start is at most the string's opening quote's statement (before `x=`).
        assert!(start <= pad.len());
        let col = (line.len() - 10) as i32;
        let (part, offset) = around(&line, col);
        assert!(line[..offset as usize].ends_with(';'));
        assert!(part.len() <= 2 * MARGIN + 8);
    }

    #[test]
    fn reading_points_are_code_as_in_literals_reads_it() {
        let line = concat!(
            "a(1);s='x;y',t=\"{;}\";u=`;${v};`;r=/[;/]{1}/g,q=1/2;/* ; */f({a:1});",
            "// ; { }"
        );
        let chars: Vec<char> = line.chars().collect();
        let inside = crate::call_text::in_literals(&chars, chars.len());
        let points = reading_points(line);
        let expected: Vec<usize> = (0..chars.len())
            .filter(|&i| !inside[i] && matches!(chars[i], ';' | ',' | '{' | '}'))
            .map(|i| i + 1)
            .collect();
        assert_eq!(points, expected);
    }

    #[test]
    fn columns_count_characters() {
        let line = format!("{}é;{}", "a;".repeat(10000), "b;".repeat(10000));
        let col = line.chars().count() as i32 - 3;
        let (part, offset) = around(&line, col);
        let chars: Vec<char> = line.chars().collect();
        let got: String = chars[offset as usize..offset as usize + part.chars().count()]
            .iter()
            .collect();
        assert_eq!(got, part);
    }
}
