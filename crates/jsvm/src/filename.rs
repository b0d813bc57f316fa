//! Filenames as users gave them: a script registered for its own `import()` answer gets a
//! suffix in its engine filename, which errors and stacks must not show.

/// What [`crate::engine::register_script_import`] appends to a filename, before a number.
pub(crate) const SCRIPT_MARK: &str = "#jsvm-import-";

/// The filename a user gave, without the suffix [`register_script_import`](crate::engine::register_script_import) may add.
///
/// ```
/// assert_eq!(jsvm::engine::display_filename("rule.js"), "rule.js");
/// assert_eq!(jsvm::engine::display_filename("rule.js#jsvm-import-3"), "rule.js");
/// ```
pub fn display_filename(name: &str) -> &str {
    match name.rfind(SCRIPT_MARK) {
        Some(i)
            if name[i + SCRIPT_MARK.len()..]
                .bytes()
                .all(|b| b.is_ascii_digit()) =>
        {
            &name[..i]
        }
        _ => name,
    }
}
