//! Test-only entry points (feature `test-probes`): they let the PHP suite prove failure handling
//! that ordinary input cannot reach.

use ext_php_rs::prelude::*;

use super::functions::guarded;

/// Panics inside the same guard every real function uses.
#[php_function]
#[php(name = "Systempay\\__test_panic")]
pub fn test_panic(message: String) -> PhpResult<bool> {
    guarded(|| -> PhpResult<bool> { panic!("{message}") })
}

pub fn register(module: ModuleBuilder<'_>) -> ModuleBuilder<'_> {
    module.function(wrap_function!(test_panic))
}
