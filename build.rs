//! Records build facts shown by `phpinfo()` (profile, target) so an admin can tell a debug build
//! from a release one without guessing.
fn main() {
    let profile = std::env::var("PROFILE").unwrap_or_else(|_| "unknown".to_owned());
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".to_owned());
    println!("cargo:rustc-env=SYSTEMPAY_BUILD_PROFILE={profile}");
    println!("cargo:rustc-env=SYSTEMPAY_BUILD_TARGET={target}");
    println!("cargo:rerun-if-changed=build.rs");
}
