//! V8's wording of syntax errors: QuickJS words some differently, and programs print (and
//! test for) what Node prints.

/// V8's wording for the syntax errors QuickJS words differently, so programs print what Node
/// prints.
pub(crate) fn v8_syntax_message(quickjs: &str) -> String {
    if let Some(m) = v8_syntax_known(quickjs) {
        return m;
    }
    // Already in V8's words (a message worded once and passed through again).
    if TABLE.iter().any(|(_, v8)| quickjs.starts_with(v8)) || quickjs.starts_with(AWAIT_OUTSIDE) {
        return quickjs.to_string();
    }
    let mut chars = quickjs.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// QuickJS's words (a prefix) and V8's for the same syntax error.
const TABLE: &[(&str, &str)] = &[
    ("return not in a function", "Illegal return statement"),
    ("unexpected end of input", "Unexpected end of input"),
    // An empty token is the end of the source (`1 +`, `foo(`, `{`).
    (
        "unexpected token in expression: ''",
        "Unexpected end of input",
    ),
    (
        "unexpected end of regexp",
        "Invalid regular expression: missing /",
    ),
    (
        "unexpected line terminator in regexp",
        "Invalid regular expression: missing /",
    ),
    ("invalid number literal", "Invalid or unexpected token"),
    (
        "'let' is not a valid lexical identifier",
        "let is disallowed as a lexically bound name",
    ),
    (
        "new.target only allowed within functions",
        "new.target expression is not allowed here",
    ),
    (
        "super() is only valid in a derived class constructor",
        "'super' keyword unexpected here",
    ),
    (
        "'super' is only valid in a method",
        "'super' keyword unexpected here",
    ),
    (
        "missing initializer for variable",
        "Missing initializer in const declaration",
    ),
    (
        "break must be inside loop or switch",
        "Illegal break statement",
    ),
    (
        "continue must be inside loop",
        "Illegal continue statement: no surrounding iteration statement",
    ),
    (
        "invalid keyword: with",
        "Strict mode code may not include a with statement",
    ),
    (
        "cannot delete a direct reference in strict mode",
        "Delete of an unqualified identifier in strict mode.",
    ),
    (
        "invalid variable name in strict mode",
        "Unexpected eval or arguments in strict mode",
    ),
    // QuickJS's own words (js_parse_expect) for an `await` where it expected something else.
    ("Unexpected identifier 'await'", "Unexpected reserved word"),
    ("unexpected end of string", "Invalid or unexpected token"),
    (
        "invalid first character of private name",
        "Invalid or unexpected token",
    ),
    ("unexpected token in expression: '", "Unexpected token '"),
    ("expecting ')'", "missing ) after argument list"),
    ("unterminated string literal", "Invalid or unexpected token"),
    ("unsupported keyword: export", "Unexpected token 'export'"),
    (
        "import.meta only valid in module code",
        "Cannot use 'import.meta' outside a module",
    ),
    (
        "invalid assignment left-hand side",
        "Invalid left-hand side in assignment",
    ),
];

/// V8's words for the QuickJS syntax error messages whose V8 counterpart is known (None for
/// the others).
pub(crate) fn v8_syntax_known(quickjs: &str) -> Option<String> {
    for (q, v) in TABLE {
        if let Some(rest) = quickjs.strip_prefix(q) {
            return Some(format!("{v}{rest}"));
        }
    }
    if let Some(name) = quickjs
        .strip_prefix("invalid redefinition of lexical identifier '")
        .or_else(|| quickjs.strip_prefix("redeclaration of '"))
        .and_then(|rest| rest.strip_suffix('\''))
    {
        return Some(format!("Identifier '{name}' has already been declared"));
    }
    if let Some(tok) = quickjs.strip_prefix("unexpected token: '") {
        return Some(format!("Unexpected token '{tok}"));
    }
    None
}

/// V8's words where QuickJS says `expecting ';'` (an expression followed by more than an
/// operator): V8 names what it found there, and an `await` outside an async function (which
/// QuickJS reads as a name) for what it is. `column` is 1-based, in characters of `line`;
/// gives the message and the column V8 points at.
pub(crate) fn unexpected_after_expression(line: &str, column: u32) -> Option<(String, u32)> {
    let chars: Vec<char> = line.chars().collect();
    let at = (column as usize).checked_sub(1)?;
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    // The word before the error.
    let mut end = at.min(chars.len());
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && is_name(chars[start - 1]) {
        start -= 1;
    }
    let before: String = chars[start..end].iter().collect();
    if before == "await" && (start == 0 || chars[start - 1] != '.') {
        return Some((AWAIT_OUTSIDE.into(), start as u32 + 1));
    }
    let c = *chars.get(at)?;
    let message = if c.is_ascii_digit()
        || (c == '.' && chars.get(at + 1).is_some_and(char::is_ascii_digit))
    {
        "Unexpected number".to_string()
    } else if c == '"' || c == '\'' {
        "Unexpected string".to_string()
    } else if c == '`' {
        "Unexpected template string".to_string()
    } else if is_name(c) {
        let word: String = chars[at..].iter().take_while(|c| is_name(**c)).collect();
        if word == "await" {
            "Unexpected reserved word".to_string()
        } else if KEYWORDS.contains(&word.as_str()) {
            format!("Unexpected token '{word}'")
        } else {
            format!("Unexpected identifier '{word}'")
        }
    } else if "{}()[];,<>=!+-*/%&|^~?:.".contains(c) {
        format!("Unexpected token '{c}'")
    } else {
        // Not a token of the language at all (`@`, `#`, `\`).
        "Invalid or unexpected token".to_string()
    };
    Some((message, column))
}

/// V8's words for an `await` outside an async function.
pub(crate) const AWAIT_OUTSIDE: &str =
    "await is only valid in async functions and the top level bodies of modules";

/// The words V8 reports as tokens, not identifiers, when they come where they cannot.
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
