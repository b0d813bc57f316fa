//! V8's wording of syntax errors: QuickJS words some differently, and programs print (and
//! test for) what Node prints.

mod refusals;
mod token;
pub(crate) use token::trailing_name;

pub(crate) use refusals::{
    builtin_refusal, refusal_quoting, Arg, CALLBACK_TAKERS, ITERABLE_TAKERS,
};

pub(crate) use token::is_ident;
use token::{
    in_call_arguments, is_postfix_update, token_at, unexpected, word_before, word_near, Token,
};

/// Where a syntax error was found: V8's wording of many names what is there.
pub(crate) struct Site<'a> {
    /// The source line of the error, and the 1-based column (in chars) QuickJS gives.
    pub(crate) line: &'a str,
    pub(crate) column: u32,
    /// Module code, or code under a "use strict" directive (more words are reserved).
    pub(crate) strict: bool,
}

impl Site<'_> {
    /// The line's text before the position.
    fn before(&self) -> String {
        let at = self.column.saturating_sub(1) as usize;
        self.line.chars().take(at).collect()
    }

    /// The line's text from the position on.
    fn from(&self) -> String {
        let at = self.column.saturating_sub(1) as usize;
        self.line.chars().skip(at).collect()
    }
}

/// V8's wording of a QuickJS syntax error found at `site` (when known).
pub(crate) fn v8_syntax_at(quickjs: &str, site: Option<&Site<'_>>) -> String {
    if let Some(m) = site.and_then(|site| v8_syntax_site(quickjs, site)) {
        return m;
    }
    v8_syntax_message(quickjs)
}

/// The first letter in lower case: QuickJS words most messages so, and the library
/// capitalises some before they come here.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// The messages whose V8 wording depends on what is at the error's position.
pub(crate) fn v8_syntax_site(quickjs: &str, site: &Site<'_>) -> Option<String> {
    let q = lower_first(quickjs);
    let token = token_at(site.line, site.column, site.strict);
    let before = word_before(site.line, site.column);
    // A regular expression QuickJS refused (its position may be the blank before it): V8
    // quotes it and names the fault its own way.
    let rest = site.from();
    let blanks = rest.chars().take_while(|c| c.is_whitespace()).count() as u32;
    if let Token::RegExp(text) = token_at(site.line, site.column + blanks, site.strict) {
        let (pattern, flags) = text
            .strip_prefix('/')
            .and_then(|t| t.rsplit_once('/'))
            .unwrap_or(("", ""));
        if let Some(fault) = regexp_fault(&q, pattern, flags) {
            return Some(format!("Invalid regular expression: {text}: {fault}"));
        }
    }
    let m = match q.as_str() {
        "expecting ';'"
        | "unexpected token ''"
        | "invalid property name"
        | "class statement requires a name"
        | "'for await' loop should be used with 'of'"
        | "class declarations can't appear in single-statement context" => {
            if before.as_deref() == Some("await") && !site.strict {
                "await is only valid in async functions and the top level bodies of modules".into()
            } else {
                unexpected_here(&token, site)
            }
        }
        m if m.starts_with("unexpected token in expression: '")
            || m.starts_with("unexpected token: '")
            || m.starts_with("unexpected token '")
            || m.starts_with("unexpected identifier '")
            || m == "unexpected number"
            || m == "unexpected string" =>
        {
            unexpected_here(&token, site)
        }
        "invalid increment/decrement operand" => {
            // V8 says which of the two forms it was.
            let form = match is_postfix_update(site.line, site.column) {
                true => "postfix",
                false => "prefix",
            };
            format!("Invalid left-hand side expression in {form} operation")
        }
        "invalid Unicode escape sequence" | "invalid unicode escape sequence"
            if unicode_beyond_range(site.line) =>
        {
            "Undefined Unicode code-point".into()
        }
        "variable name expected" => match &token {
            Token::Punctuator(p) if p == "[" || p == "{" => {
                if closes_on_line(site.line, site.column) {
                    "Missing initializer in destructuring declaration".into()
                } else {
                    "Unexpected end of input".into()
                }
            }
            Token::Identifier(w) if w == "await" => "Unexpected reserved word".into(),
            _ => unexpected(&token),
        },
        "expecting field name" => match token {
            Token::Template => "Invalid tagged template on optional chain".into(),
            _ => unexpected_here(&token, site),
        },
        "expected 'of' or 'in' in for control expression" => match &token {
            Token::Keyword(w) if w == "in" => "Invalid left-hand side in for-loop".into(),
            Token::Identifier(w) if w == "of" => "Invalid left-hand side in for-loop".into(),
            _ => unexpected(&token),
        },
        "invalid number literal" => {
            let literal: String = rest
                .chars()
                .take_while(|c| is_ident(*c) || *c == '.')
                .collect();
            if literal.contains("__") {
                "Only one underscore is allowed as numeric separator".into()
            } else if literal.ends_with('_') {
                "Numeric separators are not allowed at the end of numeric literals".into()
            } else if literal.starts_with("0_") {
                "Numeric separator can not be used after leading 0.".into()
            } else {
                "Invalid or unexpected token".into()
            }
        }
        "invalid or unexpected token"
            if site
                .line
                .chars()
                .take(site.column as usize)
                .any(|c| c == '`') =>
        {
            // An unclosed template literal runs to the end of the input.
            "Unexpected end of input".into()
        }
        "duplicate label name" => {
            format!(
                "Label '{}' has already been declared",
                word_near(site.line, site.column)?
            )
        }
        "break/continue label not found" => {
            format!("Undefined label '{}'", word_near(site.line, site.column)?)
        }
        "private class field is already defined" => {
            let name = word_near(site.line, site.column)?;
            format!("Identifier '#{name}' has already been declared")
        }
        "invalid method name" => match constructor_modifier(site.line, site.column).as_deref() {
            Some("get" | "set") => "Class constructor may not be an accessor".into(),
            Some("async") => "Class constructor may not be an async method".into(),
            Some("*") => "Class constructor may not be a generator".into(),
            _ => return None,
        },
        "invalid number of arguments for getter or setter" => {
            let head = site.before();
            match (head.rfind("get "), head.rfind("set ")) {
                (Some(g), s) if s.is_none_or(|s| g > s) => {
                    "Getter must not have any formal parameters.".into()
                }
                (_, Some(_)) => "Setter must have exactly one formal parameter.".into(),
                _ => return None,
            }
        }
        "function declarations can't appear in single-statement context" => {
            if rest
                .trim_start()
                .strip_prefix("function")
                .is_some_and(|r| r.trim_start().starts_with('*'))
            {
                "Generators can only be declared at the top level or inside a block.".into()
            } else if rest.trim_start().starts_with("async") || before.as_deref() == Some("async") {
                "Async functions can only be declared at the top level or inside a block.".into()
            } else {
                "In strict mode code, functions can only be declared at top level or inside a \
                 block."
                    .into()
            }
        }
        m if m.ends_with("' is a reserved identifier") => unexpected(&token),
        _ => return None,
    };
    Some(m)
}

/// V8's words for the token QuickJS stopped at; inside a call's arguments (anything but the
/// end there) V8 says the list is not closed.
fn unexpected_here(token: &Token, site: &Site<'_>) -> String {
    let head = site.before();
    let head = head.trim_end();
    let after_rest = head
        .rsplit_once("...")
        .is_some_and(|(_, name)| !name.is_empty() && name.chars().all(is_ident));
    match token {
        Token::End => unexpected(token),
        // A parameter list's rest parameter, followed by more.
        Token::Punctuator(p) if p == "," && after_rest && head.contains("function") => {
            "Rest parameter must be last formal parameter".into()
        }
        Token::Punctuator(p) if p == "=" && after_rest && head.contains("function") => {
            "Rest parameter may not have a default initializer".into()
        }
        Token::Identifier(w) if w == "await" && head.ends_with("for") => {
            "Unexpected reserved word".into()
        }
        Token::Punctuator(p) if p == ")" || p == "," => unexpected(token),
        _ if in_call_arguments(site.line, site.column) => "missing ) after argument list".into(),
        Token::Punctuator(p) if p == "@" || p == "#" => "Invalid or unexpected token".into(),
        _ => unexpected(token),
    }
}

/// Whether a `\\u{...}` escape of the line is past the last code point.
fn unicode_beyond_range(line: &str) -> bool {
    line.split("\\u{").skip(1).any(|rest| {
        let hex: String = rest.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        u32::from_str_radix(&hex, 16).map_or(!hex.is_empty(), |v| v > 0x10FFFF)
    })
}

/// The word (or `*`) before the `constructor` nearest the column (at it or before it).
fn constructor_modifier(line: &str, column: u32) -> Option<String> {
    let upto: String = line
        .chars()
        .take(column as usize + "constructor".len())
        .collect();
    let at = upto.rfind("constructor")?;
    word_before(line, upto[..at].chars().count() as u32 + 1)
}

/// Whether the bracket at `column` of `line` is closed later on the line.
fn closes_on_line(line: &str, column: u32) -> bool {
    let mut depth = 0i32;
    for c in line.chars().skip(column.saturating_sub(1) as usize) {
        match c {
            '[' | '{' | '(' => depth += 1,
            ']' | '}' | ')' => {
                depth -= 1;
                if depth == 0 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// V8's message for the RegExp constructor refusing `args` (pattern, then flags) with the
/// QuickJS message `quickjs`.
pub(crate) fn regexp_refusal(quickjs: &str, args: &[String]) -> Option<String> {
    let pattern = args.first().map(String::as_str).unwrap_or("(?:)");
    let flags = args.get(1).map(String::as_str).unwrap_or("");
    if lower_first(quickjs) == "invalid regular expression flags" {
        return Some(format!(
            "Invalid flags supplied to RegExp constructor '{flags}'"
        ));
    }
    let fault = regexp_fault(&lower_first(quickjs), pattern, flags)?;
    Some(format!(
        "Invalid regular expression: /{pattern}/{flags}: {fault}"
    ))
}

/// V8's name for what is wrong in a regular expression `pattern` with `flags`, from the
/// QuickJS message.
fn regexp_fault(quickjs: &str, pattern: &str, flags: &str) -> Option<&'static str> {
    Some(match quickjs {
        // A pattern that ends in the middle of an escape, or of a class.
        "unexpected end" => {
            let escapes = pattern.chars().rev().take_while(|c| *c == '\\').count();
            match escapes % 2 {
                1 => "\\ at end of pattern",
                _ => "Unterminated character class",
            }
        }
        // Only a lone `{`, `}` or `]` of a unicode pattern.
        "syntax error" if flags.contains(['u', 'v']) => "Lone quantifier brackets",
        // Only `\k` not followed by a group name.
        "expecting group name" => "Invalid named reference",
        "expecting ')'" | "missing ) after argument list" => "Unterminated group",
        "extraneous characters at the end" => "Unmatched ')'",
        "invalid class range" => "Range out of order in character class",
        "invalid repetition count" => "numbers out of order in {} quantifier",
        "group name not defined" => "Invalid named capture referenced",
        "duplicate group name" => "Duplicate capture group name",
        "unknown unicode property name"
        | "unknown unicode property value"
        | "unknown unicode general category"
        | "unknown unicode script"
        | "expecting '{' after \\p"
        | "expecting '}'" => "Invalid property name",
        "invalid group name" => "Invalid capture group name",
        "invalid escape sequence in regular expression" => "Invalid escape",
        "nothing to repeat" => "Nothing to repeat",
        "invalid group" => "Invalid group",
        "invalid decimal escape in regular expression" => "Invalid decimal escape",
        "back reference out of range in regular expression" => "Invalid named reference",
        "invalid character in class in regular expression" => "Invalid character class",
        _ => return None,
    })
}

/// V8's wording for the syntax errors QuickJS words differently, so programs print what Node
/// prints.
pub(crate) fn v8_syntax_message(quickjs: &str) -> String {
    if let Some(m) = v8_syntax_known(quickjs) {
        return m;
    }
    // Already in V8's words (a message worded once and passed through again).
    if quickjs.starts_with(AWAIT_OUTSIDE) {
        return quickjs.to_string();
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
        ("return in a static initializer block", "Illegal return statement"),
        ("function name expected", "Function statements require a function name"),
        ("'let' is not a valid lexical identifier", "let is disallowed as a lexically bound name"),
        ("invalid lexical variable name 'let'", "let is disallowed as a lexically bound name"),
        ("missing initializer for variable", "Missing initializer in const declaration"),
        ("super() is only valid in a derived class constructor", "'super' keyword unexpected here"),
        ("'super' is only valid in a method", "'super' keyword unexpected here"),
        ("invalid use of 'super'", "'super' keyword unexpected here"),
        ("unexpected end of regexp", "Invalid regular expression: missing /"),
        ("unexpected line terminator in regexp", "Invalid regular expression: missing /"),
        ("invalid regular expression flags", "Invalid regular expression flags"),
        ("cannot delete a direct reference in strict mode", "Delete of an unqualified identifier in strict mode."),
        ("invalid keyword: with", "Strict mode code may not include a with statement"),
        ("invalid variable name in strict mode", "Unexpected eval or arguments in strict mode"),
        ("invalid lvalue in strict mode", "Unexpected eval or arguments in strict mode"),
        ("invalid argument name in strict code", "Unexpected eval or arguments in strict mode"),
        ("continue must be inside loop", "Illegal continue statement: no surrounding iteration statement"),
        ("break must be inside loop or switch", "Illegal break statement"),
        ("invalid destructuring target", "Invalid destructuring assignment target"),
        ("a declaration in the head of a for-of loop can't have an initializer", "for-of loop variable declaration may not have an initializer."),
        ("a declaration in the head of a for-in loop can't have an initializer", "for-in loop variable declaration may not have an initializer."),
        ("expecting catch or finally", "Missing catch or finally after try"),
        ("duplicate default", "More than one default clause in switch statement"),
        ("line terminator not allowed after throw", "Illegal newline after throw"),
        ("property constructor appears more than once", "A class may only have one constructor"),
        ("cannot delete a private class field", "Private fields can not be deleted"),
        ("duplicate __proto__ property name", "Duplicate __proto__ fields are not allowed in object literals"),
        ("'for of' expression cannot start with 'async'", "The left-hand side of a for-of loop may not be 'async'."),
        ("'arguments' identifier is not allowed in class field initializer", "'arguments' is not allowed in class field initializer or static initialization block"),
        ("rest element must be the last one", "Rest element must be last element"),
        ("assignment rest property must be last", "Rest element must be last element"),
        ("unexpected end of comment", "Invalid or unexpected token"),
        ("unexpected character", "Invalid or unexpected token"),
        ("invalid first character of private name", "Invalid or unexpected token"),
        ("invalid number literal", "Invalid or unexpected token"),
        ("unsupported keyword: enum", "Unexpected reserved word"),
        ("unexpected 'await' keyword", "Unexpected reserved word"),
        ("unexpected 'yield' keyword", "Unexpected strict mode reserved word"),
        ("yield is a reserved identifier", "Unexpected strict mode reserved word"),
        ("unparenthesized unary expression can't appear on the left-hand side of '**'", "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence"),
        ("lexical declarations can't appear in single-statement context", "Lexical declaration cannot appear in a single-statement context"),
        ("octal literals are not allowed in strict mode", "Octal literals are not allowed in strict mode."),
        ("octal escape sequences are not allowed in strict mode", "Octal escape sequences are not allowed in strict mode."),
        ("unexpected token ''", "Unexpected end of input"),
        ("new.target only allowed within functions", "new.target expression is not allowed here"),
        // V8's own words from the rules above, known as such when worded again.
        (
            "await is only valid in async functions and the top level bodies of modules",
            "await is only valid in async functions and the top level bodies of modules",
        ),
    ];
    let lowered = lower_first(quickjs);
    for (q, v) in table {
        // Already V8's words (a message is worded once more when its error is rethrown).
        if quickjs == *v {
            return Some(quickjs.to_string());
        }
        if lowered == *q {
            return Some(v.to_string());
        }
        // The entries ending in a quote are followed by what QuickJS quotes.
        if let Some(rest) = lowered.strip_prefix(q).filter(|_| q.ends_with('\'')) {
            return Some(format!("{v}{rest}"));
        }
    }
    if let Some(name) = lowered
        .strip_prefix("invalid redefinition of lexical identifier '")
        .or_else(|| quickjs.strip_prefix("redeclaration of '"))
        .and_then(|rest| rest.strip_suffix('\''))
    {
        return Some(format!("Identifier '{name}' has already been declared"));
    }
    if let Some(tok) = lowered.strip_prefix("unexpected token: '") {
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
    let message = match token_at(line, column, false) {
        Token::End => return None,
        // Where QuickJS expected more of an expression, an `await` is V8's reserved word.
        Token::Identifier(w) if w == "await" => "Unexpected reserved word".to_string(),
        token => unexpected(&token),
    };
    Some((message, column))
}

/// V8's words for an `await` outside an async function.
pub(crate) const AWAIT_OUTSIDE: &str =
    "await is only valid in async functions and the top level bodies of modules";
