//! The source text of compiled scripts, by line, for stack traces and error arrows.

/// A compiled script's source (as compiled: NUL-terminated), by the engine's line numbers.
pub(crate) struct SourceLines {
    text: std::sync::Arc<Vec<u8>>,
    first_line: i32,
    /// Where each line starts, found on the first lookup (errors may be created often; a
    /// large source must not be scanned for each of them).
    starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceLines {
    pub(crate) fn new(text: std::sync::Arc<Vec<u8>>, first_line: i32) -> Self {
        SourceLines {
            text,
            first_line,
            starts: std::sync::OnceLock::new(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }

    pub(crate) fn line(&self, line: i32) -> Option<String> {
        let index = usize::try_from(line - self.first_line).ok()?;
        let text = &self.text[..self.text.len().saturating_sub(1)];
        let starts = self.starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    text.iter()
                        .enumerate()
                        .filter(|(_, b)| **b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect()
        });
        let start = *starts.get(index)?;
        let end = starts.get(index + 1).map(|e| e - 1).unwrap_or(text.len());
        let line = std::str::from_utf8(&text[start..end]).ok()?;
        Some(line.trim_end_matches('\r').to_string())
    }
}
