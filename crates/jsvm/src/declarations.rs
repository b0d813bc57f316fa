//! The names a script declares at its top level with `var` and `function`, and with `let`,
//! `const` and `class`.
//!
//! QuickJS creates these as own properties of the global, where the sandbox cannot see them
//! (see `sandbox.rs`). Knowing them before the first run lets a context install forwarders for
//! the `var` names and copy the functions to the sandbox. Found with a real parser (oxc), once
//! per script, and kept with it.

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    BindingPattern, ForStatementInit, ForStatementLeft, Statement, VariableDeclaration,
    VariableDeclarationKind,
};
use oxc_span::SourceType;

/// Top-level declared names of a script, in source order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Declarations {
    /// `var` names (and functions declared inside blocks, which sloppy code also binds with var).
    pub vars: Vec<String>,
    /// Functions declared directly at the top level.
    pub functions: Vec<String>,
    /// `let`, `const` and `class` names of the top level (their conflicts with the global's
    /// bindings are found before the script runs: see `stack::settle_declaration_conflict`).
    pub lexicals: Vec<String>,
}

impl Declarations {
    /// Scans `source` as a classic script. A source oxc cannot parse yields no names: QuickJS
    /// will report the syntax error itself, or accept an extension oxc does not know. So does
    /// a source nested deeper than a parse may go (see `parse_stack`).
    pub(crate) fn scan(source: &str) -> Declarations {
        crate::parse_stack::with_parse_stack(source, || Self::scan_here(source)).unwrap_or_default()
    }

    fn scan_here(source: &str) -> Declarations {
        let allocator = Allocator::default();
        let ret = oxc_parser::Parser::new(&allocator, source, SourceType::script()).parse();
        if ret.panicked {
            return Declarations::default();
        }
        let mut functions = Names::default();
        let mut vars = Names::default();
        let mut lexicals = Names::default();
        for stmt in &ret.program.body {
            match stmt {
                Statement::FunctionDeclaration(f) => {
                    if let Some(id) = &f.id {
                        functions.push(id.name.as_str());
                    }
                }
                Statement::VariableDeclaration(d) if d.kind != VariableDeclarationKind::Var => {
                    for d in &d.declarations {
                        pattern_names(&d.id, &mut lexicals);
                    }
                }
                Statement::ClassDeclaration(c) => {
                    if let Some(id) = &c.id {
                        lexicals.push(id.name.as_str());
                    }
                }
                other => collect_vars(other, &mut vars),
            }
        }
        // A name that is both a var and a function is a function binding.
        let mut out = Declarations {
            vars: vars.list,
            functions: functions.list,
            lexicals: lexicals.list,
        };
        out.vars.retain(|v| !functions.seen.contains(v));
        out
    }
}

/// Names in first-seen order, each once (large scripts declare thousands).
#[derive(Default)]
struct Names {
    list: Vec<String>,
    seen: std::collections::HashSet<String>,
}

impl Names {
    fn push(&mut self, name: &str) {
        if !self.seen.contains(name) {
            self.seen.insert(name.to_string());
            self.list.push(name.to_string());
        }
    }
}

fn var_names(decl: &VariableDeclaration, out: &mut Names) {
    if decl.kind != VariableDeclarationKind::Var {
        return;
    }
    for d in &decl.declarations {
        pattern_names(&d.id, out);
    }
}

fn pattern_names(pattern: &BindingPattern, out: &mut Names) {
    for id in pattern.get_binding_identifiers() {
        out.push(id.name.as_str());
    }
}

/// Var-scoped names of a statement below the top level: into blocks and loops, never into
/// functions or classes.
fn collect_vars(stmt: &Statement, out: &mut Names) {
    match stmt {
        Statement::VariableDeclaration(d) => var_names(d, out),
        Statement::FunctionDeclaration(f) => {
            if let Some(id) = &f.id {
                out.push(id.name.as_str());
            }
        }
        Statement::BlockStatement(b) => b.body.iter().for_each(|s| collect_vars(s, out)),
        Statement::IfStatement(s) => {
            collect_vars(&s.consequent, out);
            if let Some(alt) = &s.alternate {
                collect_vars(alt, out);
            }
        }
        Statement::ForStatement(s) => {
            if let Some(ForStatementInit::VariableDeclaration(d)) = &s.init {
                var_names(d, out);
            }
            collect_vars(&s.body, out);
        }
        Statement::ForInStatement(s) => {
            if let ForStatementLeft::VariableDeclaration(d) = &s.left {
                var_names(d, out);
            }
            collect_vars(&s.body, out);
        }
        Statement::ForOfStatement(s) => {
            if let ForStatementLeft::VariableDeclaration(d) = &s.left {
                var_names(d, out);
            }
            collect_vars(&s.body, out);
        }
        Statement::WhileStatement(s) => collect_vars(&s.body, out),
        Statement::DoWhileStatement(s) => collect_vars(&s.body, out),
        Statement::LabeledStatement(s) => collect_vars(&s.body, out),
        Statement::WithStatement(s) => collect_vars(&s.body, out),
        Statement::TryStatement(s) => {
            s.block.body.iter().for_each(|st| collect_vars(st, out));
            if let Some(h) = &s.handler {
                h.body.body.iter().for_each(|st| collect_vars(st, out));
            }
            if let Some(f) = &s.finalizer {
                f.body.iter().for_each(|st| collect_vars(st, out));
            }
        }
        Statement::SwitchStatement(s) => {
            for case in &s.cases {
                case.consequent.iter().for_each(|st| collect_vars(st, out));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_top_level_vars_and_functions() {
        let d = Declarations::scan(
            "var a = 1, {b, c: [d]} = o; function f() { var inner; } let l; const k = 1; class C {}
             if (x) { var e; function g() {} } for (var i = 0;;) {} for (var j in o) {}
             try { var t } catch (err) { var u } finally { var w }
             switch (1) { case 1: var s; } label: { var lab }",
        );
        assert_eq!(d.functions, vec!["f"]);
        assert_eq!(d.lexicals, vec!["l", "k", "C"]);
        assert_eq!(
            d.vars,
            vec!["a", "b", "d", "e", "g", "i", "j", "t", "u", "w", "s", "lab"]
        );
    }

    #[test]
    fn unparsable_source_gives_nothing() {
        let d = Declarations::scan("function (");
        assert!(d.functions.is_empty() && d.vars.is_empty());
    }
}
