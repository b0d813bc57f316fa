//! V8's wording of syntax errors: QuickJS words some differently, and programs print (and
//! test for) what Node prints.

/// V8's wording for the syntax errors QuickJS words differently, so programs print what Node
/// prints.
pub(crate) fn v8_syntax_message(quickjs: &str) -> String {
    if let Some(m) = v8_syntax_known(quickjs) {
        return m;
    }
    let mut chars = quickjs.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// V8's words for the QuickJS syntax error messages whose V8 counterpart is known (None for
/// the others).
pub(crate) fn v8_syntax_known(quickjs: &str) -> Option<String> {
    let table: &[(&str, &str)] = &[
        ("return not in a function", "Illegal return statement"),
        ("unexpected end of input", "Unexpected end of input"),
        // The token QuickJS found at the end of the source is the empty one.
        (
            "unexpected token in expression: ''",
            "Unexpected end of input",
        ),
        ("Unexpected token ''", "Unexpected end of input"),
        ("unexpected end of comment", "Invalid or unexpected token"),
        (
            "unexpected end of regexp",
            "Invalid regular expression: missing /",
        ),
        (
            "expected '}' after template expression",
            "Missing } in template expression",
        ),
        ("unexpected end of string", "Invalid or unexpected token"),
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
    for (q, v) in table {
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

/// Whether QuickJS's message names what it expected where V8 names the token it found.
pub(crate) fn names_expected(quickjs: &str) -> bool {
    matches!(
        quickjs,
        "variable name expected" | "expecting field name" | "expecting ';'"
    )
}

/// V8's words for a token it did not expect, the one starting at `col` (1-based) of `line`:
/// QuickJS names what it expected there instead (`expecting field name`, `variable name
/// expected`). `None` when the line does not reach `col`.
pub(crate) fn unexpected_token_at(line: &str, col: u32) -> Option<String> {
    let rest: Vec<char> = line.chars().skip(col.saturating_sub(1) as usize).collect();
    let first = *rest.first()?;
    if first.is_whitespace() {
        return None;
    }
    let word: String = rest
        .iter()
        .take_while(|c| crate::call_text::is_ident(**c))
        .collect();
    Some(match first {
        '0'..='9' => "Unexpected number".into(),
        '.' if rest.get(1).is_some_and(char::is_ascii_digit) => "Unexpected number".into(),
        '\'' | '"' => "Unexpected string".into(),
        '`' => "Unexpected template string".into(),
        _ if word.is_empty() => format!("Unexpected token '{first}'"),
        _ if is_reserved(&word) => format!("Unexpected token '{word}'"),
        _ => format!("Unexpected identifier '{word}'"),
    })
}

/// Words V8 names as tokens rather than identifiers when they come unexpectedly.
fn is_reserved(word: &str) -> bool {
    matches!(
        word,
        "break"
            | "case"
            | "catch"
            | "class"
            | "const"
            | "continue"
            | "debugger"
            | "default"
            | "delete"
            | "do"
            | "else"
            | "export"
            | "extends"
            | "false"
            | "finally"
            | "for"
            | "function"
            | "if"
            | "import"
            | "in"
            | "instanceof"
            | "new"
            | "null"
            | "return"
            | "super"
            | "switch"
            | "this"
            | "throw"
            | "true"
            | "try"
            | "typeof"
            | "var"
            | "void"
            | "while"
            | "with"
    )
}
