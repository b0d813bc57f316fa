//! Link errors of module graphs in V8's words, and errors settled when a job threw them (no
//! frame: an `import()` a job ran, `Promise.any`'s rejection).

use rquickjs::object::Property;
use rquickjs::{qjs, Ctx, Object, Value};

use super::lazy;
use super::own::{own_property, replace_message, Own};
use crate::call_text::is_ident;
use crate::runtime::state::RuntimeState;

/// A link error of modules the host loader resolved, in V8's words, which name the specifier
/// the importing module used (the engine names the module resolved).
pub(super) fn link_words(error: &Object<'_>, message: &str) -> Option<String> {
    link_error_message(error.ctx(), message)
}

/// V8's words for the engine's link error `message` (`Could not find export 'b' in module
/// 'file:///lib.mjs'`) when the host loader resolved that module: `The requested module
/// './lib.mjs' does not provide an export named 'b'`. Such an error made from a job (a module
/// graph imported by the host) has no frame, and is worded where it is caught.
pub fn link_error_message(ctx: &Ctx<'_>, message: &str) -> Option<String> {
    link_error(ctx, message, &|_| None).map(|l| l.message)
}

/// A link error of modules the host loader resolved, as V8 has it.
struct LinkError {
    message: String,
    export: String,
    specifier: String,
    /// The module whose import failed, as the engine names it.
    importer: String,
}

/// `source_of`: the text of a module the host loaded (by the engine's name), for telling apart
/// modules whose names the engine cut alike.
fn link_error(
    ctx: &Ctx<'_>,
    message: &str,
    source_of: &dyn Fn(&str) -> Option<String>,
) -> Option<LinkError> {
    let rest = message.strip_prefix("Could not find export '")?;
    let (export, module) = rest.split_once("' in module '")?;
    let module = module.strip_suffix('\'')?;
    let state = RuntimeState::of(ctx);
    let specifiers = state.import_specifiers.borrow();
    // The engine cuts a long name to its first 63 bytes: then the module of that start whose
    // importer imports the name from it (within the importer's head), else the one resolved
    // last (a graph's link follows the resolution of its last dependency).
    let (specifier, _, importer) = specifiers.get(module).or_else(|| {
        let candidates = || {
            specifiers
                .iter()
                .filter(|(name, _)| name.starts_with(module))
        };
        let imports_it = |(specifier, _, importer): &(String, _, String)| {
            let names =
                |line: &str| line.contains(specifier.as_str()) && contains_word(line, export);
            match state.source_line(importer, 1) {
                Some(_) => (1..=IMPORT_LINES)
                    .map_while(|n| state.source_line(importer, n))
                    .any(|line| names(&line)),
                None => source_of(importer)
                    .is_some_and(|text| text.lines().take(IMPORT_LINES as usize).any(names)),
            }
        };
        let named = candidates().filter(|(_, v)| imports_it(v));
        named
            .max_by_key(|(_, (_, order, _))| *order)
            .or_else(|| candidates().max_by_key(|(_, (_, order, _))| *order))
            .map(|(_, v)| v)
    })?;
    Some(LinkError {
        message: format!(
            "The requested module '{specifier}' does not provide an export named '{export}'"
        ),
        export: export.to_string(),
        specifier: specifier.clone(),
        importer: importer.clone(),
    })
}

/// Whether `word` stands in `line` as a whole name.
fn contains_word(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// Gives `error`, an error the engine made from a job with neither words nor stack, what V8
/// gives it: a module graph's link error ([`settle_link_error`]) or `Promise.any`'s
/// AggregateError ([`settle_any_rejection`]). False for any other value. Called where such an
/// error is first handed to code (a reaction job about to run, the rejection tracker).
pub fn settle_job_error<'js>(
    ctx: &Ctx<'js>,
    error: &Value<'js>,
    source_of: impl Fn(&str) -> Option<String>,
) -> bool {
    settle_link_error(ctx, error, source_of) || settle_any_rejection(error)
}

/// Gives `error`, the AggregateError `Promise.any` rejects with when every promise rejected,
/// V8's message (`All promises were rejected`) and stack: QuickJS-ng makes it in C with only
/// its `errors`, so neither message nor stack (the engine's hook is not called). V8 makes it
/// in the reject element function, with no frame: its stack is the header alone, an own data
/// property listed first (`stack`, `message`, `errors`). Told by what only the engine's
/// maker leaves: an error object with an own data `errors` and no own `message` or `stack`
/// (every error code makes, `new AggregateError(list)` too, gets a `stack` when made). False
/// for anything else.
pub fn settle_any_rejection(error: &Value<'_>) -> bool {
    let Some(obj) = error.as_object() else {
        return false;
    };
    let ctx = obj.ctx();
    if !unsafe { qjs::JS_IsError(obj.as_raw()) }
        || lazy::has_own_stack(error)
        || own_property(ctx, obj, "message").is_some()
        || !matches!(own_property(ctx, obj, "errors"), Some(Own::Data(_)))
    {
        return false;
    }
    const MESSAGE: &str = "All promises were rejected";
    if obj
        .prop("message", Property::from(MESSAGE).writable().configurable())
        .is_err()
    {
        drop(ctx.catch());
        return false;
    }
    // The header as V8 reads it when making the error: `name` from its prototype.
    let header = lazy::header_now(obj).unwrap_or_else(|| format!("AggregateError: {MESSAGE}"));
    let Ok(stack) = rquickjs::String::from_str(ctx.clone(), &header) else {
        drop(ctx.catch());
        return false;
    };
    lazy::fixed(error, false, stack.into_value());
    true
}

/// Gives `error`, a link error of modules the host loader resolved that the engine made from a
/// job (no frame: neither words nor a stack were settled when it was made), V8's message and
/// the stack Node gives it: the importer's import, with an arrow at the name, above the header.
/// False when `error` is no such error (or has a stack of its own). The importer's source is
/// the one compiled under its name, or else what `source_of` gives for that name (a file the
/// host loaded).
pub fn settle_link_error<'js>(
    ctx: &Ctx<'js>,
    error: &Value<'js>,
    source_of: impl Fn(&str) -> Option<String>,
) -> bool {
    let Some(obj) = error.as_object() else {
        return false;
    };
    if !unsafe { qjs::JS_IsError(obj.as_raw()) } || lazy::has_own_stack(error) {
        return false;
    }
    let Some(Own::Data(message)) = own_property(ctx, obj, "message") else {
        return false;
    };
    let Some(message) = message.as_string().and_then(|s| s.to_string().ok()) else {
        return false;
    };
    let Some(link) = link_error(ctx, &message, &source_of) else {
        return false;
    };
    replace_message(obj, &link.message);
    let header = format!("SyntaxError: {}", link.message);
    let state = RuntimeState::of(ctx);
    let lines: Vec<String> = match state.source_line(&link.importer, 1) {
        // Imports come first in a module: only its head is searched.
        Some(_) => (1..=IMPORT_LINES)
            .map_while(|n| state.source_line(&link.importer, n))
            .collect(),
        None => source_of(&link.importer)
            .map(|text| {
                text.lines()
                    .take(IMPORT_LINES as usize)
                    .map(|l| l.trim_end_matches('\r').to_string())
                    .collect()
            })
            .unwrap_or_default(),
    };
    let stack = match import_site(&lines, &link) {
        // V8 marks the whole name.
        Some((line, text, col)) => format!(
            "{}:{line}\n{text}\n{}{}\n{header}",
            crate::filename::display_filename(&link.importer),
            " ".repeat(col),
            "^".repeat(link.export.encode_utf16().count().max(1))
        ),
        None => header,
    };
    // The engine made it with no frame; those of the host code that ran the job which linked
    // the graph stand for them (V8's are Node's loader's), as an error made here has them.
    let frames = crate::made_error::make(ctx, crate::made_error::Kind::Error, "", None, Some(""))
        .ok()
        .and_then(|made| match own_property(ctx, made.as_object()?, "stack") {
            Some(Own::Data(v)) => v.as_string()?.to_string().ok(),
            _ => None,
        })
        .unwrap_or_default();
    let stack = stack + &frames;
    obj.prop("stack", Property::from(stack).writable().configurable())
        .is_ok()
}

/// How many of the importer's first lines are searched for its import.
const IMPORT_LINES: i32 = 2000;

/// Where the importer's source (its first lines) names the export of the failed import: its line number, text
/// and the 0-based column of the name, read from the line that names the specifier (or one of
/// the few before it, for an import list over several lines).
fn import_site(lines: &[String], link: &LinkError) -> Option<(usize, String, usize)> {
    let quoted = [
        format!("'{}'", link.specifier),
        format!("\"{}\"", link.specifier),
    ];
    let name: Vec<char> = link.export.chars().collect();
    // Each import of the specifier, first to last: the first that names the export.
    let imports = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| quoted.iter().any(|q| l.contains(q.as_str())));
    for (at, _) in imports {
        for n in (at.saturating_sub(16)..=at).rev() {
            let line = &lines[n];
            let mut chars: Vec<char> = line.chars().collect();
            if n == at {
                // The name comes before the specifier (which may hold it too).
                let end = quoted.iter().filter_map(|q| line.find(q.as_str())).min()?;
                chars.truncate(line[..end].chars().count());
            } else if line.contains(" from ") {
                break; // an earlier import statement
            }
            let found = (0..chars.len()).find(|&i| {
                chars[i..].starts_with(&name)
                    && (i == 0 || !is_ident(chars[i - 1]))
                    && chars.get(i + name.len()).is_none_or(|c| !is_ident(*c))
            });
            if let Some(col) = found {
                return Some((n + 1, line.clone(), col));
            }
            if line.trim_start().starts_with("import") {
                break;
            }
        }
    }
    None
}
