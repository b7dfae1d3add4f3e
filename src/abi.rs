//! The PHP an extension binary was built for, against the PHP loading it. The engine refuses a
//! binary built for another PHP with numbers only ("Module compiled with module API=20220829 …
//! PHP compiled with module API=20230831"); this says the same in words, with what to install.
//! Pure: the binding reads the running engine's version text and passes it here.

/// A PHP 8 version as the engine reports it: `Zend Engine v4.<minor>.<patch>` is PHP `8.<minor>.<patch>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhpVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl std::fmt::Display for PhpVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// `8.2.36` (or `8.2`) → the version; anything else → None.
pub fn parse_php_version(text: &str) -> Option<PhpVersion> {
    let mut parts = text.trim().split('.').map(|part| part.chars().take_while(char::is_ascii_digit).collect::<String>());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    let patch = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    Some(PhpVersion { major, minor, patch })
}

/// The PHP version behind `get_zend_version()`'s text: Zend Engine 4.N is PHP 8.N (PHP 8.0 to 8.x).
pub fn php_of_zend_engine(text: &str) -> Option<PhpVersion> {
    let rest = &text[text.find("Zend Engine v")? + "Zend Engine v".len()..];
    let engine = parse_php_version(rest.split(|c: char| c == ',' || c.is_whitespace()).next()?)?;
    (engine.major == 4).then_some(PhpVersion { major: 8, minor: engine.minor, patch: engine.patch })
}

/// What the binary was built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Build {
    pub php: PhpVersion,
    pub api: u32,
    pub thread_safe: bool,
}

fn safety(thread_safe: bool) -> &'static str {
    if thread_safe {
        "thread-safe (ZTS)"
    } else {
        "non-thread-safe (NTS)"
    }
}

/// None when the running PHP matches the build (same major.minor, same thread safety); else the
/// message for the admin. `running`: None when the engine's version could not be read (then
/// nothing is said: the engine's own check still runs).
pub fn mismatch(build: Build, running: Option<PhpVersion>, running_thread_safe: bool) -> Option<String> {
    let running = running?;
    let same_php = running.major == build.php.major && running.minor == build.php.minor;
    if same_php && running_thread_safe == build.thread_safe {
        return None;
    }
    Some(format!(
        "systempay: this systempay.so was built for PHP {}.{} ({}, module API {}), but PHP {} ({}) is loading it, so PHP will refuse it. \
         Install the build made for PHP {}.{} {} (the release zip's extension/php-{}.{}-{}-<arch>/ folder), or build one for this PHP: \
         make package PHP_CONFIG=/usr/bin/php-config{}.{} (see INSTALL, \"Building the extension for another PHP 8.x\").",
        build.php.major,
        build.php.minor,
        safety(build.thread_safe),
        build.api,
        running,
        safety(running_thread_safe),
        running.major,
        running.minor,
        if running_thread_safe { "ZTS" } else { "NTS" },
        running.major,
        running.minor,
        if running_thread_safe { "zts" } else { "nts" },
        running.major,
        running.minor,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILD: Build = Build { php: PhpVersion { major: 8, minor: 2, patch: 36 }, api: 20220829, thread_safe: false };

    #[test]
    fn the_engine_text_names_the_php() {
        let text = "Zend Engine v4.3.14, Copyright (c) Zend Technologies\n    with Zend OPcache v8.3.14";
        assert_eq!(php_of_zend_engine(text), Some(PhpVersion { major: 8, minor: 3, patch: 14 }));
        assert_eq!(php_of_zend_engine("Zend Engine v4.2.36, Copyright (c) Zend Technologies"), Some(PhpVersion { major: 8, minor: 2, patch: 36 }));
        // PHP 7 (Zend Engine 3) or junk: not read, nothing said.
        assert_eq!(php_of_zend_engine("Zend Engine v3.4.0, Copyright"), None);
        assert_eq!(php_of_zend_engine("something else"), None);
        assert_eq!(parse_php_version("8.2.36"), Some(PhpVersion { major: 8, minor: 2, patch: 36 }));
        assert_eq!(parse_php_version("8.3"), Some(PhpVersion { major: 8, minor: 3, patch: 0 }));
        assert_eq!(parse_php_version("8"), None);
    }

    #[test]
    fn the_same_php_says_nothing() {
        assert_eq!(mismatch(BUILD, Some(PhpVersion { major: 8, minor: 2, patch: 1 }), false), None, "another patch level is the same ABI");
        assert_eq!(mismatch(BUILD, None, true), None, "unknown engine: the engine's own check speaks");
    }

    #[test]
    fn another_minor_or_thread_safety_is_said_in_words() {
        let message = mismatch(BUILD, Some(PhpVersion { major: 8, minor: 3, patch: 14 }), false).expect("8.3");
        assert!(message.contains("built for PHP 8.2 (non-thread-safe (NTS), module API 20220829)"), "{message}");
        assert!(message.contains("PHP 8.3.14 (non-thread-safe (NTS)) is loading it"), "{message}");
        assert!(message.contains("extension/php-8.3-nts-<arch>/"), "{message}");
        assert!(message.contains("PHP_CONFIG=/usr/bin/php-config8.3"), "{message}");
        let message = mismatch(BUILD, Some(PhpVersion { major: 8, minor: 2, patch: 36 }), true).expect("ZTS");
        assert!(message.contains("PHP 8.2.36 (thread-safe (ZTS)) is loading it"), "{message}");
        assert!(message.contains("php-8.2-zts-"), "{message}");
    }
}
