# Shared helpers for the project's scripts (sourced, not run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="$ROOT/build"
# The extension as shipped (release) and the debug build with test probes.
RELEASE_SO="$BUILD_DIR/systempay.so"
DEBUG_SO="$BUILD_DIR/debug/systempay.so"

log() { printf '==> %s\n' "$*" >&2; }

# System packages every script needs on a bare Debian 12 machine.
BASE_PACKAGES=(php8.2-cli php8.2-dev php8.2-mbstring php8.2-xml clang libclang-dev phpunit ca-certificates)

# Installs the given Debian packages that are missing (one `apt-get update`, then one install).
ensure_packages() {
    local missing=()
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        log "installing ${missing[*]}"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
    fi
}

require_cargo() {
    if ! command -v cargo >/dev/null 2>&1; then
        echo "cargo is not installed: this project builds with the machine's Rust toolchain" >&2
        exit 1
    fi
}

# Builds the release extension (and, with "debug", the debug build with test probes).
build_extension() {
    require_cargo
    mkdir -p "$BUILD_DIR/debug"
    log "building the release extension"
    (cd "$ROOT" && cargo build --quiet --release --locked --features php)
    cp "$ROOT/target/release/libsystempay.so" "$RELEASE_SO"
    if [ "${1:-}" = "debug" ]; then
        log "building the debug extension with test probes"
        (cd "$ROOT" && cargo build --quiet --locked --features test-probes)
        cp "$ROOT/target/debug/libsystempay.so" "$DEBUG_SO"
    fi
}

# php with the given extension build loaded.
php_with() {
    local so="$1"
    shift
    php -d "extension=$so" "$@"
}

# The test shop's packages (tests/shop/start.sh installs them too; listed here so one apt run suffices).
SHOP_PACKAGES=(mariadb-server mariadb-client apache2 libapache2-mod-php8.2 php8.2-mysql php8.2-mbstring php8.2-curl curl php8.2-gd php8.2-zip php8.2-xml)
# Browser tests and the demo's headless purchase: Debian's Chromium and ChromeDriver, Python's venv.
E2E_PACKAGES=(chromium chromium-driver python3 python3-venv)
E2E_VENV="$BUILD_DIR/e2e-venv"
E2E_PYTHON="$E2E_VENV/bin/python"

# Installs the browser packages and a venv with the pinned Selenium (tests/e2e/requirements.txt).
ensure_e2e_tools() {
    ensure_packages "${E2E_PACKAGES[@]}"
    local req="$ROOT/tests/e2e/requirements.txt" stamp="$E2E_VENV/.requirements"
    if [ -x "$E2E_PYTHON" ] && [ -f "$stamp" ] && cmp -s "$req" "$stamp"; then
        return 0
    fi
    log "creating $E2E_VENV with the pinned Selenium"
    rm -rf "$E2E_VENV"
    /usr/bin/python3 -m venv "$E2E_VENV"
    "$E2E_VENV/bin/pip" install --quiet --no-deps -r "$req"
    cp "$req" "$stamp"
}

# Builds the release extension unless build/systempay.so is newer than every source file.
ensure_extension() {
    if [ -f "$RELEASE_SO" ] && [ -z "$(find "$ROOT/src" "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" "$ROOT/build.rs" -newer "$RELEASE_SO" -print -quit)" ]; then
        return 0
    fi
    build_extension
}
