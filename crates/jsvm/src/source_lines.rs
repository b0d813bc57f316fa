//! The source text of compiled scripts, by line, for stack traces and error arrows.

/// A compiled script's source (as compiled: NUL-terminated), by the engine's line numbers.
pub(crate) struct SourceLines {
    text: std::sync::Arc<Vec<u8>>,
    first_line: i32,
    /// Where each line starts, found on the first lookup (errors may be created often; a
    /// large source must not be scanned for each of them).
    starts: std::sync::OnceLock<Vec<usize>>,
    /// The last long line read (a minified bundle's line of hundreds of KB, read for each
    /// frame of each error made in it): by index, checked as UTF-8 once.
    last_long: std::sync::Mutex<Option<(usize, std::sync::Arc<str>)>>,
}

/// Lines longer than this many bytes are kept once read ([`SourceLines::shared_line`]).
const LONG: usize = 16 * 1024;

impl SourceLines {
    pub(crate) fn new(text: std::sync::Arc<Vec<u8>>, first_line: i32) -> Self {
        SourceLines {
            text,
            first_line,
            starts: std::sync::OnceLock::new(),
            last_long: std::sync::Mutex::new(None),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }

    pub(crate) fn line(&self, line: i32) -> Option<String> {
        self.shared_line(line).map(|l| l.to_string())
    }

    /// [`SourceLines::line`], shared: a long line is made once and kept until another long
    /// line is read.
    pub(crate) fn shared_line(&self, line: i32) -> Option<std::sync::Arc<str>> {
        // Line numbers are int arithmetic, as V8's: past 2^31 - 1 they go on from -2^31.
        let index = usize::try_from(line.wrapping_sub(self.first_line)).ok()?;
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
        let long = end - start > LONG;
        if long {
            let last = self.last_long.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((at, kept)) = &*last {
                if *at == index {
                    return Some(kept.clone());
                }
            }
        }
        let line = std::str::from_utf8(&text[start..end]).ok()?;
        let line: std::sync::Arc<str> = std::sync::Arc::from(line.trim_end_matches('\r'));
        if long {
            *self.last_long.lock().unwrap_or_else(|e| e.into_inner()) = Some((index, line.clone()));
        }
        Some(line)
    }
}
