//! V8's wording of syntax errors: QuickJS words some differently, and programs print (and
//! test for) what Node prints.

/// V8's wording for the syntax errors QuickJS words differently, so programs print what Node
/// prints.
pub(crate) fn v8_syntax_message(quickjs: &str) -> String {
    if let Some(m) = v8_syntax_known(quickjs) {
        return m;
    }
    // Already in V8's words (a message worded once and passed through again).
    if TABLE.iter().any(|(_, v8)| quickjs.starts_with(v8)) {
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
    ("unexpected token in expression: ''", "Unexpected end of input"),
    ("unexpected end of regexp", "Invalid regular expression: missing /"),
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
    ("'super' is only valid in a method", "'super' keyword unexpected here"),
    (
        "missing initializer for variable",
        "Missing initializer in const declaration",
    ),
    ("break must be inside loop or switch", "Illegal break statement"),
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
