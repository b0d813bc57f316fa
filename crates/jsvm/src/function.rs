//! `compile_function`: Node's `vm.compileFunction`.

/// Options of [`compile_function`] (placeholder until implemented below).
#[derive(Clone, Debug, Default)]
pub struct FunctionOptions {}

/// Compiles a function (implemented below).
pub fn compile_function() {}
