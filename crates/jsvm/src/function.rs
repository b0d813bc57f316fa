//! `compile_function`: Node's `vm.compileFunction`.
//!
//! The body is compiled as a script that evaluates to the function, wrapped in `with` blocks
//! for the context extensions (V8 gives compileFunction such extension scopes). The wrapper
//! starts on the line before the body, so positions in the body are the caller's own. The
//! compiled text is parsed again so that neither the body nor the parameters can close the
//! wrapper and run code of their own when it is called.

use oxc_allocator::Allocator;
use oxc_ast::ast::{Expression, Statement};
use oxc_span::SourceType;
use rquickjs::{Ctx, Function, Object};

use crate::context::ContextHandle;
use crate::error::{Error, Result};
use crate::script::{RunOptions, Script, ScriptOptions};

/// Options of [`compile_function`].
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let scope = jsvm::engine::rquickjs::Object::new(ctx.clone()).unwrap();
///     scope.set("rate", 3).unwrap();
///     let options = jsvm::engine::FunctionOptions {
///         filename: Some("price.js".into()),
///         context_extensions: vec![scope],
///         ..Default::default()
///     };
///     let f = jsvm::engine::compile_function(&ctx, "return n * rate", &["n"], options).unwrap();
///     assert_eq!(f.function.call::<_, i32>((5,)).unwrap(), 15);
/// });
/// ```
#[derive(Clone, Default)]
pub struct FunctionOptions<'js> {
    /// Filename for stack traces (Node's default is empty).
    pub filename: Option<String>,
    /// Added to line numbers.
    pub line_offset: i32,
    /// Added to columns on the first line.
    pub column_offset: i32,
    /// Cached data from an earlier compile ([`Script::cached_data`] of [`CompiledFunction::script`]).
    pub cached_data: Option<Vec<u8>>,
    /// The context whose builtins and globals the function sees (default: the caller's).
    pub parsing_context: Option<ContextHandle<'js>>,
    /// Objects whose properties are in scope of the body, first one outermost.
    pub context_extensions: Vec<Object<'js>>,
}

/// The result of [`compile_function`].
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let compiled = jsvm::engine::compile_function(&ctx, "return 1", &[], Default::default()).unwrap();
///     assert_eq!(compiled.function.call::<_, i32>(()).unwrap(), 1);
///     // Its script gives cached data for the next compile of the same body.
///     assert!(!compiled.script.cached_data(&ctx).unwrap().is_empty());
/// });
/// ```
pub struct CompiledFunction<'js> {
    /// The function.
    pub function: Function<'js>,
    /// The script it was compiled as: gives cached data, and says if given data was rejected.
    pub script: Script,
}

/// Compiles `body` as the body of a function with `params`, as Node's `vm.compileFunction`.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let f = jsvm::engine::compile_function(&ctx, "return a + b", &["a", "b"], Default::default())
///         .unwrap()
///         .function;
///     assert_eq!(f.call::<_, i32>((2, 3)).unwrap(), 5);
/// });
/// ```
pub fn compile_function<'js>(
    ctx: &Ctx<'js>,
    body: &str,
    params: &[&str],
    mut options: FunctionOptions<'js>,
) -> Result<CompiledFunction<'js>> {
    for p in params {
        if !is_parameter(p) {
            return Err(Error::InvalidArgument(format!(
                "invalid parameter name: {p:?}"
            )));
        }
    }
    let param_list = params.join(", ");
    // Cached data the library accepts holds bytecode of exactly the wrapper this body and
    // these parameters make, compiled when the data was made: the body is checked only when
    // there is no data, or the data was rejected (then it compiled from source).
    let with_data = options.cached_data.is_some();
    let n = options.context_extensions.len();
    let pad = crate::script::column_pad(options.column_offset) as usize;
    let wrapper = Wrapper::new(body, &param_list, n, pad);
    let source = &wrapper.source;
    let script = Script::compile(
        ctx,
        source,
        ScriptOptions {
            filename: Some(options.filename.clone().unwrap_or_default()),
            // The wrapper's first line comes before the body's (int arithmetic, as V8's).
            line_offset: options.line_offset.wrapping_sub(1),
            column_offset: 0,
            cached_data: options.cached_data.take(),
        },
    )
    .map_err(|e| body_ended_early(e, body, options.line_offset))?;
    // After the engine's compile (which runs nothing, and refuses nesting deeper than its
    // stack allows, which bounds this parse's).
    if !with_data || script.cached_data_rejected() != Some(false) {
        wrapper.check(body)?;
    }
    let target = match &options.parsing_context {
        Some(c) => c.clone(),
        None => ContextHandle::main(ctx)?,
    };
    let mut inner = target.run_to_result(&script, &RunOptions::default())?;
    // The outer function, then one per extension: each answers the next function expression
    // (what `check` made sure of), so these calls, outside any run, run no code of anyone's.
    let mut args = std::iter::once(None).chain(options.context_extensions.into_iter().map(Some));
    let function = loop {
        let f = inner
            .into_function()
            .ok_or_else(|| Error::InvalidArgument("compileFunction result".into()))?;
        let Some(arg) = args.next() else {
            break f;
        };
        inner = match arg {
            None => f.call(()),
            Some(e) => f.call((e,)),
        }
        .map_err(|_| crate::exception::describe_caught(ctx))?;
    };
    Ok(CompiledFunction { function, script })
}

/// Parameters are checked for real by parsing them with the body (`Wrapper::check`); here only
/// that there is something.
fn is_parameter(p: &str) -> bool {
    !p.trim().is_empty()
}

/// The body must be exactly a function body: parsed inside a function, its closing brace must
/// be the wrapper's.
/// A body that stops mid-construct (`return 1 +`) makes the engine stop at the wrapper's
/// closing brace; V8, which compiles the body alone, reports the end of the input, after the
/// body's last line.
fn body_ended_early(e: Error, body: &str, line_offset: i32) -> Error {
    let Error::Syntax(mut s) = e else {
        return e;
    };
    let lines = body.lines().count().max(1);
    let closing_line = lines as i64 + line_offset as i64 + 1;
    // A template's `${` left open at the end swallowed the wrapper's tail.
    let open_expression = crate::script::open_template_expression_at(body).is_some();
    if open_expression && s.line as i64 >= closing_line {
        s.message = "Missing } in template expression".into();
        return Error::Syntax(crate::script::open_template_expression(
            s,
            body,
            line_offset,
        ));
    }
    if let Some(at) = s
        .message
        .starts_with("Unexpected")
        .then(|| closing_too_early(body))
        .flatten()
    {
        let line_index = body[..at].matches('\n').count();
        let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = body[line_start..].split('\n').next().unwrap_or("");
        s.message = "Unexpected token '}'".into();
        s.line = (line_index as i64 + line_offset as i64 + 1).max(1) as u32;
        s.column = body[line_start..at].chars().count() as u32 + 1;
        s.source_line = line.trim_end_matches('\r').to_string();
        return Error::Syntax(s);
    }
    if s.line as i64 == closing_line && s.message.starts_with("Unexpected") && runs_out(body) {
        let last = body.lines().last().unwrap_or("");
        s.message = "Unexpected end of input".into();
        s.line -= 1;
        s.column = last.chars().count() as u32 + 1;
        s.source_line = last.to_string();
    } else if s.line as i64 > lines as i64 + line_offset as i64
        && matches!(
            s.message.as_str(),
            "Unexpected end of input" | "Invalid or unexpected token"
        )
    {
        // A literal left open (a template) ran into the wrapper's tail: for V8, which compiles
        // the body alone, the input ended after the body's last line (an empty one after a
        // final newline). The wrapper's text is never shown.
        let last_index = body.split('\n').count().saturating_sub(1);
        let last = body
            .split('\n')
            .next_back()
            .unwrap_or("")
            .trim_end_matches('\r');
        s.message = "Unexpected end of input".into();
        s.line = (last_index as i64 + line_offset as i64 + 1).max(1) as u32;
        s.column = last.chars().count() as u32 + 1;
        s.source_line = last.to_string();
    }
    Error::Syntax(s)
}

/// Whether the body, parsed alone, fails only at its end (it needs more input), rather than
/// at a token of its own (a `}` too many, which closes the wrapper early).
fn runs_out(body: &str) -> bool {
    crate::parse_stack::with_parse_stack(body, || runs_out_here(body)).unwrap_or(false)
}

fn runs_out_here(body: &str) -> bool {
    let end = body.trim_end().len();
    first_error_at(body).is_some_and(|at| at >= end)
}

/// Where the body, parsed alone as a function's, first fails (a byte offset).
fn first_error_at(body: &str) -> Option<usize> {
    let allocator = Allocator::default();
    let options = oxc_parser::ParseOptions {
        allow_return_outside_function: true,
        ..oxc_parser::ParseOptions::default()
    };
    let ret = oxc_parser::Parser::new(&allocator, body, SourceType::script())
        .with_options(options)
        .parse();
    ret.diagnostics
        .first()
        .and_then(|d| d.labels.first().map(|l| l.offset() as usize))
}

/// The `}` that closes the body's function early (`});`), where the body parsed alone first
/// fails at one: V8, which parses the body alone, refuses it there; the engine, which parses
/// the wrapper, at the token after it.
fn closing_too_early(body: &str) -> Option<usize> {
    crate::parse_stack::with_parse_stack(body, || first_error_at(body))
        .flatten()
        .filter(|&at| body.as_bytes().get(at) == Some(&b'}') && unmatched_brace(body, at))
}

/// Whether the `}` at `at` closes more braces than the body opened before it (braces in
/// strings and comments are counted too: a guess that only narrows the parser's answer).
fn unmatched_brace(body: &str, at: usize) -> bool {
    let opened = body[..at].bytes().filter(|&b| b == b'{').count();
    let closed = body[..at].bytes().filter(|&b| b == b'}').count();
    closed >= opened
}

/// The script `compile_function` compiles: a function answering the function of `params` and
/// `body` (line 0 holds the head; the body starts on the next line, after as many spaces as the
/// column offset, which as in V8 shifts only the body's first line). Each context extension is
/// a `with` scope entered by a function of its own, whose parameter names the extension: its
/// `with` head reads a name of that function's scope, never a property of an outer extension
/// (a proxy's `has` trap or a getter, code of whoever made the object, ran there with no
/// limit).
struct Wrapper {
    source: String,
    /// Where the body's function expression ends in `source`.
    end: usize,
    extensions: usize,
}

impl Wrapper {
    fn new(body: &str, params: &str, extensions: usize, column_offset: usize) -> Wrapper {
        let mut source = String::from("(function () { return ");
        for i in 0..extensions {
            source.push_str(&format!(
                "function (__jsvmExt{i}) {{ with (__jsvmExt{i}) return "
            ));
        }
        source.push_str(&format!("function ({params}) {{\n"));
        source.push_str(&" ".repeat(column_offset));
        source.push_str(body);
        source.push_str("\n}");
        let end = source.len();
        source.push_str(&" }".repeat(extensions));
        source.push_str(" })");
        Wrapper {
            source,
            end,
            extensions,
        }
    }

    /// Whether `body` and the parameters stay inside their function: the engine's own text,
    /// parsed, must be exactly the wrapper's functions, the innermost ending where the body's
    /// does. Parameters and a body that close it early and go on (`}, f(); return function
    /// () {`) made a text the engine compiles, whose outer call ran `f()` at compile time,
    /// with no limit; the check parsed another text, which failed, and left the verdict to the
    /// engine. Called after the engine compiled the wrapper, which bounds its nesting; one
    /// nested deeper than the library's parse may go is refused as the engine refuses deeper
    /// ones. A text the engine compiled but the parser refuses is refused too.
    fn check(&self, body: &str) -> Result<()> {
        crate::parse_stack::with_parse_stack(&self.source, || self.check_here(body))
            .unwrap_or(Err(Error::StackOverflow))
    }

    fn check_here(&self, body: &str) -> Result<()> {
        let allocator = Allocator::default();
        let ret = oxc_parser::Parser::new(&allocator, &self.source, SourceType::script()).parse();
        let whole = !ret.panicked
            && ret.diagnostics.is_empty()
            && ret.program.body.len() == 1
            && match &ret.program.body[0] {
                Statement::ExpressionStatement(e) => self.returns_the_body(&e.expression, 0),
                _ => false,
            };
        if whole {
            return Ok(());
        }
        Err(Error::Syntax(crate::error::SyntaxError {
            message: "Unexpected token '}'".into(),
            filename: String::new(),
            line: 1,
            column: 1,
            source_line: body.lines().next().unwrap_or("").to_string(),
        }))
    }

    /// Whether `e` is the wrapper's function of `level`: the outer `function () { return F }`
    /// (level 0), one `function (e) { with (e) return F }` per extension, and last the body's
    /// function, ending where the body's does.
    fn returns_the_body(&self, e: &Expression<'_>, level: usize) -> bool {
        let Expression::FunctionExpression(f) = e.get_inner_expression() else {
            return false;
        };
        if level > self.extensions {
            return f.span.end as usize == self.end;
        }
        let Some(body) = &f.body else {
            return false;
        };
        let [s] = body.statements.as_slice() else {
            return false;
        };
        let s = match s {
            Statement::WithStatement(w) if level > 0 => &w.body,
            _ if level > 0 => return false,
            s => s,
        };
        match s {
            Statement::ReturnStatement(r) => r
                .argument
                .as_ref()
                .is_some_and(|a| self.returns_the_body(a, level + 1)),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_with_rejected_cached_data_cannot_escape_its_wrapper() {
        let rt = crate::Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            ctx.globals().set("escaped", false).unwrap();
            let with_data = |body: &str, params: &[&str], data: Vec<u8>| {
                compile_function(
                    &ctx,
                    body,
                    params,
                    FunctionOptions {
                        cached_data: Some(data),
                        ..Default::default()
                    },
                )
            };
            let r = with_data("}); escaped = true; (function () {", &[], b"junk".to_vec());
            assert!(matches!(r, Err(Error::Syntax(_))), "{:?}", r.err());
            // Data made for another body is rejected too.
            let other = compile_function(&ctx, "return 1", &[], Default::default()).unwrap();
            let data = other.script.cached_data(&ctx).unwrap();
            let r = with_data("}); escaped = true; (function () {", &[], data.clone());
            assert!(matches!(r, Err(Error::Syntax(_))), "{:?}", r.err());
            let r = with_data(
                "return 1",
                &["a) { escaped = true }; (function (b"],
                data.clone(),
            );
            assert!(r.is_err());
            assert!(!ctx.globals().get::<_, bool>("escaped").unwrap());
            // Accepted data gives the function.
            let f = with_data("return 1", &[], data).unwrap();
            assert_eq!(f.script.cached_data_rejected(), Some(false));
            assert_eq!(f.function.call::<_, i32>(()).unwrap(), 1);
        });
    }

    #[test]
    fn a_body_or_parameters_that_close_the_wrapper_and_go_on_are_refused() {
        // The engine's text `(function () { return function (a) {\n}, f(); return function
        // () {\n} })` compiles, and its outer call ran `f()` at compile time, outside any
        // limit; the check parsed `(function (a) {\n}, f(); return …})`, which fails, and let
        // it through.
        let rt = crate::Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            ctx.globals().set("escaped", false).unwrap();
            let ext = |n: usize| {
                (0..n)
                    .map(|_| ctx.eval::<Object, _>("({ x: 1 })").unwrap())
                    .collect::<Vec<_>>()
            };
            for extensions in [0, 1, 3] {
                for (body, params) in [
                    (
                        "}, (() => { escaped = true; return function () {} })(); return function () {",
                        vec![],
                    ),
                    (
                        "return 1",
                        vec!["a) {}, (() => { escaped = true; return function () {} })(); return function (b"],
                    ),
                    ("}; escaped = true; return function () {", vec![]),
                    ("} }, escaped = true, function () { return function () {", vec![]),
                ] {
                    let options = FunctionOptions {
                        context_extensions: ext(extensions),
                        ..Default::default()
                    };
                    let r = compile_function(&ctx, body, &params, options);
                    assert!(r.is_err(), "{body} {params:?} with {extensions} extensions");
                    assert!(!ctx.globals().get::<_, bool>("escaped").unwrap());
                }
                // What stays inside compiles, extensions in scope, innermost first.
                let mut scopes = ext(extensions);
                for (i, o) in scopes.iter_mut().enumerate() {
                    o.set("x", i as i32).unwrap();
                }
                let options = FunctionOptions {
                    context_extensions: scopes,
                    ..Default::default()
                };
                let f = compile_function(&ctx, "return typeof x === 'number' ? x : -1", &["a = 1"], options)
                    .unwrap();
                assert_eq!(
                    f.function.call::<_, i32>(()).unwrap(),
                    extensions as i32 - 1
                );
            }
        });
    }

    #[test]
    fn extensions_are_entered_without_reading_the_outer_ones() {
        // `with (e0) with (e1)` looked `e1` up in `e0`: a proxy's `has` trap (or a getter of
        // `Symbol.unscopables`) ran at compile time, with no limit.
        let rt = crate::Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            let trap: Object = ctx
                .eval("new Proxy({}, { has() { for (;;) {} }, get() { for (;;) {} } })")
                .unwrap();
            let plain: Object = ctx.eval("({ y: 2 })").unwrap();
            let options = FunctionOptions {
                context_extensions: vec![trap, plain],
                ..Default::default()
            };
            let f = compile_function(&ctx, "return 1", &[], options).unwrap();
            assert_eq!(f.function.call::<_, i32>(()).unwrap(), 1);
        });
    }
}
