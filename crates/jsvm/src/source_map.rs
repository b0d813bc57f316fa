//! The `//# sourceMappingURL=` magic comment of a script (Node's `script.sourceMapURL`).
//!
//! V8 reads it while scanning: a single-line comment `//#` or `//@`, one whitespace character,
//! `sourceMappingURL=`, optional whitespace, the URL (no whitespace), then nothing but
//! whitespace to the end of the line; the last such comment wins. A look-alike inside a string,
//! template or block comment does not count.
//!
//! Sources rarely contain the name at all, so a fast substring search finds the candidates
//! (a JavaScript `lastIndexOf` over a 600 KB bundle cost more than a quarter of compiling it);
//! only when one has the right shape is the source parsed (oxc) to confirm it is a comment.

use oxc_allocator::Allocator;
use oxc_span::SourceType;

const NAME: &str = "sourceMappingURL=";

/// The URL named by the script's last valid magic comment, if any.
pub(crate) fn source_map_url(source: &str) -> Option<String> {
    // Last first: the first candidate confirmed is the answer.
    let candidates: Vec<(usize, &str)> = source
        .match_indices(NAME)
        .filter_map(|(at, _)| shaped(source, at))
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let line_comments = crate::parse_stack::with_parse_stack(source, || {
        let allocator = Allocator::default();
        let parsed = oxc_parser::Parser::new(&allocator, source, SourceType::script()).parse();
        (!parsed.panicked).then(|| {
            parsed
                .program
                .comments
                .iter()
                .filter(|c| c.is_line())
                .map(|c| c.span.start)
                .collect::<Vec<u32>>()
        })
    });
    let Some(Some(line_comments)) = line_comments else {
        // QuickJS accepted what oxc cannot parse (an engine extension), or what is nested
        // deeper than a parse may go: trust the shape.
        return candidates.last().map(|(_, url)| url.to_string());
    };
    candidates
        .iter()
        .rev()
        .find(|(start, _)| line_comments.binary_search(&(*start as u32)).is_ok())
        .map(|(_, url)| url.to_string())
}

/// JavaScript's `\s` (WhiteSpace and LineTerminator), which V8 uses here.
fn is_js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// When the name at byte `at` has a magic comment's shape: where its `//` starts, and the URL.
fn shaped(source: &str, at: usize) -> Option<(usize, &str)> {
    let before = &source[..at];
    let space = before.chars().next_back().filter(|c| is_js_space(*c))?;
    let marker = &before[..before.len() - space.len_utf8()];
    if !(marker.ends_with("//#") || marker.ends_with("//@")) {
        return None;
    }
    let rest = &source[at + NAME.len()..];
    let line = rest
        .find(is_line_terminator)
        .map_or(rest, |end| &rest[..end]);
    let value = line.trim_start_matches(is_js_space);
    let end = value.find(is_js_space).unwrap_or(value.len());
    let (url, tail) = value.split_at(end);
    if url.is_empty() || !tail.chars().all(is_js_space) {
        return None;
    }
    Some((marker.len() - 3, url))
}

#[cfg(test)]
mod tests {
    use super::source_map_url;

    /// Cases checked against Node 20.
    #[test]
    fn matches_v8() {
        let cases: &[(&str, Option<&str>)] = &[
            ("//# sourceMappingURL=a.map\nvar x=1;", Some("a.map")),
            ("var x=1;\n//# sourceMappingURL=b.map", Some("b.map")),
            ("var x=1;\n//# sourceMappingURL=b.map\n\n  ", Some("b.map")),
            ("var x=1;\n//@ sourceMappingURL=c.map", Some("c.map")),
            ("var x=1;\n//#    sourceMappingURL=   d.map  ", None),
            ("var x=1;\n//# sourceMappingURL=e.map extra", None),
            ("var x=1; //# sourceMappingURL=f.map", Some("f.map")),
            ("var s = \"//# sourceMappingURL=g.map\";", None),
            ("/*# sourceMappingURL=h.map */", None),
            (
                "//# sourceMappingURL=i1.map\n//# sourceMappingURL=i2.map\nvar y;",
                Some("i2.map"),
            ),
            ("x\n// # sourceMappingURL=k.map", None),
            ("x\n//# sourceMappingURL=a b", None),
            ("x\n//# sourceMappingURL=a\u{a0}", Some("a")),
            ("x\n//#\tsourceMappingURL=t.map", Some("t.map")),
            ("x\n//# sourceMappingURL=\n", None),
            ("x\n//# sourceMappingURL=   u.map", Some("u.map")),
            ("`\n//# sourceMappingURL=v.map\n`", None),
            ("1", None),
        ];
        for (source, want) in cases {
            assert_eq!(source_map_url(source).as_deref(), *want, "{source:?}");
        }
    }
}
