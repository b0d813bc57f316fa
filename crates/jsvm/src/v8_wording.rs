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
        ("unexpected token in expression: ''", "Unexpected end of input"),
        ("Unexpected token ''", "Unexpected end of input"),
        ("unexpected end of comment", "Invalid or unexpected token"),
        ("unexpected end of regexp", "Invalid regular expression: missing /"),
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
