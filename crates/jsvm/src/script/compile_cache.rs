//! Recently compiled scripts, kept by the runtime so a repeated source skips parsing.

use super::{cached_data, Script, ScriptOptions, DEFAULT_FILENAME};

/// Recently compiled scripts by source, filename and offsets (Node keeps such a compilation
/// cache): repeated `vm.runInContext(source)` calls skip parsing. Bounded, oldest out first.
#[derive(Default)]
pub(crate) struct CompileCache {
    entries: std::collections::HashMap<u64, Vec<Script>>,
    /// Oldest first: key, script id, source bytes.
    order: std::collections::VecDeque<(u64, u64, usize)>,
    bytes: usize,
}

/// At most this many scripts, and this many bytes of their source, stay cached.
const COMPILE_CACHE_SIZE: usize = 256;
const COMPILE_CACHE_BYTES: usize = 8 << 20;

impl CompileCache {
    fn key(source: &str, filename: &str, line: i32, column: i32) -> u64 {
        cached_data::hash(&[
            source.as_bytes(),
            filename.as_bytes(),
            &line.to_le_bytes(),
            &column.to_le_bytes(),
        ])
    }

    pub(crate) fn get(&self, source: &str, options: &ScriptOptions) -> Option<Script> {
        let filename = options.filename.as_deref().unwrap_or(DEFAULT_FILENAME);
        let key = Self::key(source, filename, options.line_offset, options.column_offset);
        self.entries
            .get(&key)?
            .iter()
            .find(|s| {
                s.inner.source() == source
                    && s.inner.filename == filename
                    && s.inner.line_offset == options.line_offset
                    && s.inner.column_offset == options.column_offset
            })
            .cloned()
    }

    pub(crate) fn insert(&mut self, script: Script) {
        let i = &script.inner;
        let size = i.source().len();
        if size > COMPILE_CACHE_BYTES / 4 {
            return; // a large program is not worth keeping for a repeat
        }
        let key = Self::key(i.source(), &i.filename, i.line_offset, i.column_offset);
        while self.order.len() >= COMPILE_CACHE_SIZE || self.bytes + size > COMPILE_CACHE_BYTES {
            let Some((old_key, old_id, old_size)) = self.order.pop_front() else {
                break;
            };
            self.bytes -= old_size;
            if let Some(list) = self.entries.get_mut(&old_key) {
                list.retain(|s| s.id() != old_id);
                if list.is_empty() {
                    self.entries.remove(&old_key);
                }
            }
        }
        self.bytes += size;
        self.order.push_back((key, script.id(), size));
        self.entries.entry(key).or_default().push(script);
    }
}
