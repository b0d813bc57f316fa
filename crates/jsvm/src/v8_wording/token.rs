//! What token starts at a syntax error's position, in the classes V8's messages name
//! ("Unexpected identifier 'b'", "Unexpected number", "Unexpected end of input"...). QuickJS
//! often says what it expected instead ("expecting ';'"); the position is the token it found.

/// A token as V8's "Unexpected ..." messages class it.
#[derive(Debug, PartialEq)]
pub(crate) enum Token {
    End,
    Identifier(String),
    /// A keyword or literal word V8 names as a token (`if`, `null`...).
    Keyword(String),
    /// `enum`, and `await` where it is reserved.
    Reserved,
    /// `let`, `static`, `yield`, `implements`... in strict code.
    StrictReserved,
    Number,
    String,
    Template,
    /// A regular expression literal: its text (`/a(/g`).
    RegExp(String),
    /// A character no token starts with (`@`, a lone `#`).
    Invalid,
    Punctuator(String),
}

const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
];

const STRICT_RESERVED: &[&str] = &[
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
];

/// Longest first, so the first match is the token.
const PUNCTUATORS: &[&str] = &[
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=",
    "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "<<", ">>", "**", "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%",
    "&", "|", "^", "!", "~", "?", ":", "=", ".",
];

pub(crate) fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// The token at `column` (1-based, in chars) of `line`. `strict`: the code is strict (module
/// or a "use strict" directive), which reserves more words. A position past the line's text
/// is the end of the input: QuickJS points at the token it found, on its own line.
pub(crate) fn token_at(line: &str, column: u32, strict: bool) -> Token {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1) as usize;
    let rest = chars.get(at..).unwrap_or(&[]);
    let Some(&c) = rest.first() else {
        return Token::End;
    };
    if c.is_whitespace() && rest.iter().all(|c| c.is_whitespace()) {
        return Token::End;
    }
    if c.is_ascii_digit() || (c == '.' && rest.get(1).is_some_and(|d| d.is_ascii_digit())) {
        return Token::Number;
    }
    if c == '"' || c == '\'' {
        return Token::String;
    }
    if c == '`' {
        return Token::Template;
    }
    if is_ident(c) || c == '\\' {
        let word: String = rest.iter().take_while(|c| is_ident(**c)).collect();
        return match word.as_str() {
            w if KEYWORDS.contains(&w) => Token::Keyword(word),
            "enum" => Token::Reserved,
            "await" if strict => Token::Reserved,
            w if strict && STRICT_RESERVED.contains(&w) => Token::StrictReserved,
            _ => Token::Identifier(word),
        };
    }
    if c == '/' && !matches!(rest.get(1), Some('/' | '*')) {
        if let Some(text) = regexp_literal(rest) {
            return Token::RegExp(text);
        }
    }
    let text: String = rest.iter().take(4).collect();
    match PUNCTUATORS.iter().find(|p| text.starts_with(**p)) {
        Some(p) => Token::Punctuator(p.to_string()),
        None => Token::Invalid,
    }
}

/// A regular expression literal's text (with its flags) at the start of `rest`, when it is
/// closed on the line.
fn regexp_literal(rest: &[char]) -> Option<String> {
    let mut i = 1;
    let mut in_class = false;
    loop {
        match rest.get(i)? {
            '\\' => i += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '/' if !in_class => break,
            _ => {}
        }
        i += 1;
    }
    i += 1;
    while rest.get(i).is_some_and(|c| is_ident(*c)) {
        i += 1;
    }
    Some(rest[..i].iter().collect())
}

/// V8's "Unexpected ..." message for the token.
pub(crate) fn unexpected(token: &Token) -> String {
    match token {
        Token::End => "Unexpected end of input".into(),
        Token::Identifier(name) => format!("Unexpected identifier '{name}'"),
        Token::Keyword(word) => format!("Unexpected token '{word}'"),
        Token::Reserved => "Unexpected reserved word".into(),
        Token::StrictReserved => "Unexpected strict mode reserved word".into(),
        Token::Number => "Unexpected number".into(),
        Token::String => "Unexpected string".into(),
        Token::Template => "Unexpected template string".into(),
        Token::RegExp(_) => "Unexpected regular expression".into(),
        Token::Invalid => "Invalid or unexpected token".into(),
        Token::Punctuator(p) => format!("Unexpected token '{p}'"),
    }
}

/// Whether `column` of `line` is inside the parentheses of a call's arguments, after an
/// argument (where V8 says "missing ) after argument list" of any token but the end).
pub(crate) fn in_call_arguments(line: &str, column: u32) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let at = (column.saturating_sub(1) as usize).min(chars.len());
    let before: String = chars[..at].iter().collect();
    let last = before.trim_end().chars().last();
    if !last.is_some_and(|c| is_ident(c) || matches!(c, ')' | ']' | '"' | '\'' | '`')) {
        return false;
    }
    let mut depth = 0i32;
    for i in (0..at).rev() {
        match chars[i] {
            ')' | ']' | '}' => depth += 1,
            '[' | '{' if depth == 0 => return false,
            '(' if depth == 0 => {
                let head: String = chars[..i].iter().collect();
                let head = head.trim_end();
                let word = trailing_name(head);
                if matches!(
                    word,
                    "if" | "while" | "for" | "switch" | "catch" | "with" | "function" | "await"
                ) {
                    return false;
                }
                // A function's parameters, not a call's arguments.
                let declared = head[..head.len() - word.len()].trim_end();
                if declared.ends_with("function") || declared.ends_with('*') {
                    return false;
                }
                return !word.is_empty() && !KEYWORDS.contains(&word)
                    || head.ends_with(')')
                    || head.ends_with(']');
            }
            '(' | '[' | '{' => depth -= 1,
            _ => {}
        }
    }
    false
}

/// The identifier that ends just before `column` (skipping blanks), or starts at it.
pub(crate) fn word_near(line: &str, column: u32) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let at = (column.saturating_sub(1) as usize).min(chars.len());
    let starting: String = chars[at..].iter().take_while(|c| is_ident(**c)).collect();
    if !starting.is_empty() {
        return Some(starting);
    }
    let mut end = at;
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && is_ident(chars[start - 1]) {
        start -= 1;
    }
    (start < end).then(|| chars[start..end].iter().collect())
}

/// The word (or `*`) before the token at `column`, blanks skipped (`get` in `get constructor`).
pub(crate) fn word_before(line: &str, column: u32) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut end = (column.saturating_sub(1) as usize).min(chars.len());
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if end > 0 && chars[end - 1] == '*' {
        return Some("*".into());
    }
    let mut start = end;
    while start > 0 && is_ident(chars[start - 1]) {
        start -= 1;
    }
    (start < end).then(|| chars[start..end].iter().collect())
}

/// Whether the `++`/`--` nearest before `column` (1-based, where QuickJS reports a bad update
/// operand) of `line` follows its operand (`x++`) rather than precedes it (`++x`).
pub(crate) fn is_postfix_update(line: &str, column: u32) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let end = (column as usize).min(chars.len());
    let Some(op) = (1..=end).rev().find(|&i| {
        matches!(
            (chars[i - 1], chars.get(i)),
            ('+', Some('+')) | ('-', Some('-'))
        )
    }) else {
        return false;
    };
    let before = chars[..op - 1].iter().rev().find(|c| !c.is_whitespace());
    before.is_some_and(|c| c.is_alphanumeric() || matches!(c, ')' | ']' | '_' | '$'))
}

/// The name `text` ends with (`b` of `a.b`), empty when it ends otherwise.
pub(crate) fn trailing_name(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_ident(*c))
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_as_v8_names_them() {
        assert_eq!(token_at("a b", 3, false), Token::Identifier("b".into()));
        assert_eq!(token_at("a 1", 3, false), Token::Number);
        assert_eq!(token_at("a 'x'", 3, false), Token::String);
        assert_eq!(token_at("a if", 3, false), Token::Keyword("if".into()));
        assert_eq!(token_at("a ]", 3, false), Token::Punctuator("]".into()));
        assert_eq!(
            token_at("a >>>= 1", 3, false),
            Token::Punctuator(">>>=".into())
        );
        assert_eq!(token_at("x = ", 5, false), Token::End);
        assert_eq!(token_at("x = @", 5, false), Token::Invalid);
        assert_eq!(token_at("let = 1", 1, true), Token::StrictReserved);
        assert_eq!(
            token_at("let = 1", 1, false),
            Token::Identifier("let".into())
        );
        assert_eq!(
            token_at("x = /a(/g;", 5, false),
            Token::RegExp("/a(/g".into())
        );
    }

    #[test]
    fn call_arguments() {
        assert!(in_call_arguments("f(1 2)", 5));
        assert!(in_call_arguments("new X(a b)", 9));
        assert!(!in_call_arguments("if (a b)", 7));
        assert!(!in_call_arguments("f(1, 2", 5));
        assert!(!in_call_arguments("function f(...a = 1)", 17));
        assert!(!in_call_arguments("x = [1 2]", 8));
    }
}
