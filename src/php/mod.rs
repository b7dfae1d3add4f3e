//! The PHP extension: registers the `Systempay\…` functions and classes and the phpinfo() section.

mod abi_check;
mod arrays;
mod convert;
mod exceptions;
mod functions;
mod notification_class;
#[cfg(feature = "test-probes")]
mod probes;

use ext_php_rs::prelude::*;

use ext_php_rs::zend::ModuleEntry;
use ext_php_rs::{info_table_end, info_table_row, info_table_start};

use crate::signature::Algorithm;

pub extern "C" fn module_info(_module: *mut ModuleEntry) {
    let algorithms = Algorithm::ALL.map(Algorithm::name).join(", ");
    info_table_start!();
    info_table_row!("systempay support", "enabled");
    info_table_row!("version", crate::VERSION);
    info_table_row!("build profile", env!("SYSTEMPAY_BUILD_PROFILE"));
    info_table_row!("build target", env!("SYSTEMPAY_BUILD_TARGET"));
    info_table_row!("signature algorithms", algorithms.as_str());
    info_table_row!("currencies", crate::currency::CURRENCIES.len().to_string().as_str());
    info_table_end!();
}

/// MINIT: registers the exception classes (plain engine classes, see `exceptions`).
unsafe extern "C" fn startup(_type: i32, _module_number: i32) -> i32 {
    match exceptions::register() {
        Ok(()) => 0,  // SUCCESS
        Err(_) => -1, // FAILURE: PHP reports "Unable to start systempay module"
    }
}

#[php_module]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    // Before the engine compares module API numbers: a mismatch is said in words first.
    abi_check::warn_if_mismatch();
    let module = module
        .name("systempay")
        .version(crate::VERSION)
        .startup_function(startup)
        .class::<notification_class::PhpNotification>()
        .info_function(module_info);
    let module = functions::register(module);
    #[cfg(feature = "test-probes")]
    let module = probes::register(module);
    module
}
