//! Records build facts shown by `phpinfo()` (profile, target) so an admin can tell a debug build
//! from a release one without guessing, and the PHP the extension is built for, so that a PHP of
//! another version loading it is told so in words (src/abi.rs).
use std::process::Command;

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned()).filter(|s| !s.is_empty())
}

fn main() {
    let profile = std::env::var("PROFILE").unwrap_or_else(|_| "unknown".to_owned());
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".to_owned());
    println!("cargo:rustc-env=SYSTEMPAY_BUILD_PROFILE={profile}");
    println!("cargo:rustc-env=SYSTEMPAY_BUILD_TARGET={target}");
    // The same PHP ext-php-rs builds against: PHP_CONFIG, else PHP, else php-config / php on the PATH.
    let php_version = if std::env::var_os("CARGO_FEATURE_PHP").is_some() {
        let config = std::env::var("PHP_CONFIG").ok();
        let php = std::env::var("PHP").ok();
        config
            .as_deref()
            .and_then(|c| output(c, &["--version"]))
            .or_else(|| php.as_deref().and_then(|p| output(p, &["-r", "echo PHP_VERSION;"])))
            .or_else(|| output("php-config", &["--version"]))
            .or_else(|| output("php", &["-r", "echo PHP_VERSION;"]))
            .unwrap_or_default()
    } else {
        String::new()
    };
    println!("cargo:rustc-env=SYSTEMPAY_BUILT_FOR_PHP={php_version}");
    println!("cargo:rerun-if-env-changed=PHP_CONFIG");
    println!("cargo:rerun-if-env-changed=PHP");
    println!("cargo:rerun-if-changed=build.rs");
}
