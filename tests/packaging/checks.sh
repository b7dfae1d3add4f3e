# The packaging tests' reporting and guide reading (sourced): each check prints ok or FAIL with what it
# said; the summary line "<CHECKS_NAME>: N passed, M failed" is what scripts/test.sh counts.
PASSED=0
FAILED=0
ok() { PASSED=$((PASSED + 1)); printf '  ok    %s\n' "$1"; }
bad() { FAILED=$((FAILED + 1)); printf '  FAIL  %s\n' "$1"; [ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/        /' | head -n "${CHECKS_DETAIL_LINES:-20}"; }
# check "description" command...: passes when the command succeeds.
check() {
    local name="$1" out
    shift
    if out="$("$@" 2>&1)"; then ok "$name"; else bad "$name" "$out"; fi
}
section() { printf '%s\n' "-- $*"; }
# The N-th code block of section K of a guide, as a merchant would paste it (the list's indent removed).
guide_block() {
    awk -v k="$2" -v n="$3" '/^## /{in_k = ($0 ~ "^## " k "\\.")} in_k && /^ *```/{b++; next} in_k && b == 2*n-1{sub(/^ +/, ""); print}' "$1"
}
summary() {
    printf '%s: %d passed, %d failed\n' "$CHECKS_NAME" "$PASSED" "$FAILED"
    [ "$FAILED" -eq 0 ]
}
