//! V8's checks of the text a dynamic function is compiled from (`Function`, `AsyncFunction`,
//! `GeneratorFunction`, `AsyncGeneratorFunction`): the engine joins the parameters and the
//! body into `(function anonymous(PARAMS\n) {\nBODY\n})` and compiles that, so parameters or a
//! body that close the wrapper early (`new Function('});\n\n(function() {')`) made another
//! function than the one asked for. V8 parses the parameters and the body as such and refuses
//! them: `Arg string terminates parameters early`, `Unexpected end of arg string`, `Single
//! function literal required`.

use oxc_allocator::Allocator;
use oxc_ast::ast::{Expression, Statement};
use oxc_span::SourceType;

/// How the engine starts the text of each kind of dynamic function.
pub(crate) const PREFIXES: [&str; 4] = [
    "(function anonymous(",
    "(async function anonymous(",
    "(function* anonymous(",
    "(async function* anonymous(",
];

/// The parameters and the body of the engine's text `source` of a dynamic function, given
/// the strings the constructor was called with (the last is the body): `None` unless
/// `source` is exactly what the engine joins from them.
pub(crate) fn split<'a>(source: &'a str, args: &[String]) -> Option<(&'a str, &'a str, &'a str)> {
    let prefix = PREFIXES.iter().find(|p| source.starts_with(**p))?;
    let (params, body) = match args.split_last() {
        Some((body, params)) => (params.join(","), body.as_str()),
        None => (String::new(), ""),
    };
    let rest = &source[prefix.len()..];
    let expected_len = params.len() + "\n) {\n".len() + body.len() + "\n})".len();
    if rest.len() != expected_len
        || !rest.starts_with(params.as_str())
        || !rest[params.len()..].starts_with("\n) {\n")
        || !rest.ends_with("\n})")
    {
        return None;
    }
    let params_at = prefix.len();
    let body_at = params_at + params.len() + "\n) {\n".len();
    (source.get(body_at..body_at + body.len()) == Some(body)).then(|| {
        (
            &source[..prefix.len()],
            &source[params_at..params_at + params.len()],
            &source[body_at..body_at + body.len()],
        )
    })
}

/// V8's refusal of the parameters `params` and the body of the dynamic function whose whole
/// text is `source` (starting with `prefix`), or `None` when V8 takes them or refuses them as
/// any syntax error (the engine's own error then stands). Text that parses as the one function
/// asked for (its parameters closing where the engine closed them) is never refused.
pub(crate) fn refusal(
    prefix: &str,
    params: &str,
    body: &str,
    source: &str,
) -> Option<&'static str> {
    // A body closes the function early only with a `}`, parameters only with a `)`: with
    // neither, nothing is parsed. (The scan below cannot place a regular expression literal:
    // `a = /\(/) {}, f(), function (b` scans as whole parameters, though the engine reads a
    // function, a call at construction and another function; it decides no refusal alone.)
    let scanned = scan_parameters(params);
    if !body.contains('}') && !params.contains(')') && scanned == Params::Whole {
        return None;
    }
    // The parameters' closing parenthesis, where the engine put it.
    let close = prefix.len() + params.len() + 1;
    let whole = crate::parse_stack::with_parse_stack(source, || parse(source));
    if matches!(whole, Some(Parsed::Function(Some(end))) if end == close + 1) {
        return None;
    }
    match scanned {
        Params::ClosedEarly => return Some("Arg string terminates parameters early"),
        Params::RunsOn => return Some("Unexpected end of arg string"),
        Params::Whole => {}
    }
    if !matches!(whole, Some(Parsed::Function(_))) {
        return None;
    }
    // The text parsed, as more than the function: the parameters closed it early when they
    // do so with an empty body too (what the scan could not place), else the body did.
    if params.contains(')') {
        let alone = format!("{prefix}{params}\n) {{\n\n}})");
        let parsed = crate::parse_stack::with_parse_stack(&alone, || parse(&alone));
        if !matches!(parsed, Some(Parsed::Function(Some(end))) if end == close + 1) {
            return Some("Arg string terminates parameters early");
        }
    }
    Some("Single function literal required")
}

/// How a parameter list's text ends, read as V8's scanner reads it (strings, templates and
/// comments skipped; brackets counted).
#[derive(Debug, PartialEq)]
enum Params {
    /// It ends with its brackets closed, outside any string or comment.
    Whole,
    /// A `)` closes the list before its end.
    ClosedEarly,
    /// It ends inside a comment, string or template.
    RunsOn,
}

fn scan_parameters(params: &str) -> Params {
    let b = params.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None if b[i] == b')' => return Params::ClosedEarly,
                None => return Params::Whole,
            },
            q @ (b'\'' | b'"' | b'`') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if i >= b.len() {
                    return Params::RunsOn;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => match params[i + 2..].find("*/") {
                Some(at) => i += 2 + at + 1,
                None => return Params::RunsOn,
            },
            b'/' if b.get(i + 1) == Some(&b'/') => match params[i..].find('\n') {
                Some(at) => i += at,
                // The engine's `\n` after the parameters ends the comment.
                None => return Params::Whole,
            },
            _ => {}
        }
        i += 1;
    }
    Params::Whole
}

enum Parsed {
    /// It does not parse.
    Error,
    /// Whether the text is one function expression (its parameters' end), else `None`.
    Function(Option<usize>),
}

fn parse(text: &str) -> Parsed {
    let allocator = Allocator::default();
    let ret = oxc_parser::Parser::new(&allocator, text, SourceType::script()).parse();
    if ret.panicked || !ret.diagnostics.is_empty() {
        return Parsed::Error;
    }
    let function = match ret.program.body.as_slice() {
        [Statement::ExpressionStatement(e)] => match e.expression.get_inner_expression() {
            Expression::FunctionExpression(f) if f.span.end as usize == text.len() - 1 => {
                Some(f.params.span.end as usize)
            }
            _ => None,
        },
        _ => None,
    };
    Parsed::Function(function)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: &[&str]) -> Option<&'static str> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (params, body) = match args.split_last() {
            Some((b, p)) => (p.join(","), b.clone()),
            None => (String::new(), String::new()),
        };
        let source = format!("(function anonymous({params}\n) {{\n{body}\n}})");
        let (prefix, params, body) = split(&source, &args).unwrap();
        refusal(prefix, params, body, &source)
    }

    #[test]
    fn v8_refuses_what_closes_the_wrapper_early() {
        assert_eq!(
            check(&["});\n\n(function() {"]),
            Some("Single function literal required")
        );
        assert_eq!(
            check(&["a", "b", "})(); (function() {"]),
            Some("Single function literal required")
        );
        assert_eq!(
            check(&["a) { }; (function (b", "return 1"]),
            Some("Arg string terminates parameters early")
        );
        assert_eq!(check(&["/*", "*/){"]), Some("Unexpected end of arg string"));
        assert_eq!(check(&["a", "b", "return a + b"]), None);
        assert_eq!(check(&["}"]), None);
        assert_eq!(check(&[]), None);
        assert_eq!(check(&["a = function() {", "}"]), None);
        assert_eq!(check(&["a = ')'", "b", "return a"]), None);
        assert_eq!(check(&["a = `", "`"]), Some("Unexpected end of arg string"));
        assert_eq!(check(&["a // c", "return a"]), None);
        // A regular expression the parameters' scan cannot place.
        for params in [
            "a = /\\(/) {}, f(), function(b",
            "a = /[(]/) {}, f(), function(b",
            "a = /\\(/) {}, f(), function(b = /\\)/",
        ] {
            assert_eq!(
                check(&[params, "return 1"]),
                Some("Arg string terminates parameters early"),
                "{params}"
            );
        }
        assert_eq!(check(&["a = /\\)/", "return a"]), None);
        assert_eq!(check(&["a = f(1)", "b = (2)", "return a"]), None);
    }

    #[test]
    fn only_the_engines_own_joining_is_split() {
        let args = vec!["a".to_string(), "return a".to_string()];
        assert!(split("(function anonymous(a\n) {\nreturn a\n})", &args).is_some());
        assert!(split("(function anonymous(a\n) {\nreturn b\n})", &args).is_none());
        assert!(split("(function named(a\n) {\nreturn a\n})", &args).is_none());
    }
}
