//! Says in words when a PHP other than the one this binary was built for loads it (see
//! `crate::abi`). Runs in `get_module()`, the one function the engine calls before its own check, and
//! only reads the running engine through two symbols whose shape never changed in PHP 8.

use std::ffi::{c_char, c_void, CStr};
use std::io::Write;

use crate::abi;

extern "C" {
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
}

/// glibc's RTLD_DEFAULT: the global scope (the PHP binary, or Apache's libphp, and their symbols).
const RTLD_DEFAULT: *mut c_void = std::ptr::null_mut();

/// The running engine's `get_zend_version()` text, if the symbol is there.
fn running_engine() -> Option<String> {
    // SAFETY: dlsym with the global handle and a NUL-terminated name has no preconditions.
    let symbol = unsafe { dlsym(RTLD_DEFAULT, c"get_zend_version".as_ptr()) };
    if symbol.is_null() {
        return None;
    }
    // SAFETY: `const char *get_zend_version(void)` in every PHP 7 and 8 engine; it returns a pointer to
    // a static NUL-terminated buffer (or null, checked).
    let version: extern "C" fn() -> *const c_char = unsafe { std::mem::transmute::<*mut c_void, extern "C" fn() -> *const c_char>(symbol) };
    let text = version();
    if text.is_null() {
        return None;
    }
    // SAFETY: non-null, NUL-terminated, static for the engine's life.
    unsafe { CStr::from_ptr(text) }.to_str().ok().map(str::to_owned)
}

/// Only a thread-safe (ZTS) engine exports TSRM's cache accessor.
fn running_thread_safe() -> bool {
    // SAFETY: as above.
    !unsafe { dlsym(RTLD_DEFAULT, c"tsrm_get_ls_cache".as_ptr()) }.is_null()
}

/// Writes the mismatch, if any, to the SAPI's standard error (the terminal, Apache's or php-fpm's
/// error log). Never panics: a closed stderr is ignored.
pub fn warn_if_mismatch() {
    let Some(php) = abi::parse_php_version(env!("SYSTEMPAY_BUILT_FOR_PHP")) else {
        return;
    };
    let build = abi::Build { php, api: ext_php_rs::ffi::ZEND_MODULE_API_NO, thread_safe: ext_php_rs::ffi::USING_ZTS != 0 };
    let running = running_engine().as_deref().and_then(abi::php_of_zend_engine);
    if let Some(message) = abi::mismatch(build, running, running_thread_safe()) {
        let _ = writeln!(std::io::stderr(), "{message}");
    }
}
