#!/usr/bin/env bash
# Builds the samples the way a user does and holds the analyzers to samples/expected-diagnostics.txt:
#   1. samples/RealtimeCorrect builds with -warnaserror (no SRT diagnostic, no other warning);
#   2. samples/RealtimeMisuse and samples/BlazorRealtime build, and the set of (rule, file, line) in
#      their build output equals the expectation file: any missing or extra diagnostic fails;
#   3. samples/RealtimeMisuse fails to build with -warnaserror, on SRT errors;
#   4. the SARIF 2.1 log of the misuse build (-p:ErrorLog=...) lists the same diagnostics, and each
#      rule in it has a help link to its docs page.
#
# Usage: eng/check-samples.sh [--update]
#   --update (or UPDATE_EXPECTED=1)  rewrite samples/expected-diagnostics.txt from what the build
#                                    reports, then run the other checks.
#   ALLOW_MISSING_RULES=1            accept expected diagnostics that no analyzer reports yet (for
#                                    local runs while rules are being written; never set in CI).
# Logs and the SARIF file go to artifacts/check-samples/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

fail() {
    echo "check-samples: FAIL: $*" >&2
    exit 1
}

UPDATE="${UPDATE_EXPECTED:-0}"
for arg in "$@"; do
    case "$arg" in
        --update) UPDATE=1 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "check-samples: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
    esac
done
ALLOW_MISSING="${ALLOW_MISSING_RULES:-0}"

command -v dotnet >/dev/null 2>&1 || fail "dotnet is not on PATH."
command -v python3 >/dev/null 2>&1 || fail "python3 is not on PATH (the checks parse build output and SARIF with it)."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

EXPECTED="samples/expected-diagnostics.txt"
TOOL=(python3 "$ROOT/eng/diagnostics.py")
LOGS="$ROOT/artifacts/check-samples"
rm -rf "$LOGS"
mkdir -p "$LOGS"
[[ "$UPDATE" == 1 || -f "$EXPECTED" ]] || fail "$EXPECTED is missing (run eng/check-samples.sh --update to create it)."

# -p:ForceSampleCompile=true makes the compiler run even when a sample is up to date (see
# samples/Directory.Build.targets), so its diagnostics always reach the log.
BUILD_ARGS=(-nologo -tl:off -v:minimal -p:ForceSampleCompile=true)

# build NAME LOG [ARGS...]: builds samples/NAME into LOG; returns dotnet's exit code.
build() {
    local name="$1" log="$2"
    shift 2
    local status=0
    dotnet build "samples/$name" "${BUILD_ARGS[@]}" "$@" >"$log" 2>&1 || status=$?
    return "$status"
}

# show_errors LOG...: the errors (other than SRT diagnostics) and analyzer failures in the logs.
show_errors() {
    local errors
    errors="$("${TOOL[@]}" errors "$@")"
    if [[ -n "$errors" ]]; then
        echo "$errors" | head -n 40 | sed 's/^/    /'
        return 0
    fi
    return 1
}

start=$SECONDS
step() { echo "-- [$((SECONDS - start)) s] $*"; }

step "RealtimeCorrect builds with -warnaserror"
if ! build RealtimeCorrect "$LOGS/correct.log" -warnaserror; then
    echo "    build failed; errors (SRT diagnostics included):"
    grep -E ': error ' "$LOGS/correct.log" | sort -u | head -n 40 | sed 's/^/    /' || true
    fail "samples/RealtimeCorrect must build with zero warnings (log: ${LOGS#"$ROOT"/}/correct.log)."
fi
"${TOOL[@]}" extract "$ROOT" "$LOGS/correct.log" >"$LOGS/correct.txt"
[[ ! -s "$LOGS/correct.txt" ]] || { sed 's/^/    /' "$LOGS/correct.txt"; fail "samples/RealtimeCorrect reports SRT diagnostics."; }
if show_errors "$LOGS/correct.log" >"$LOGS/correct-errors.txt"; then
    cat "$LOGS/correct-errors.txt"
    fail "analyzer failures in the RealtimeCorrect build."
fi

step "RealtimeMisuse builds (SARIF log written) and BlazorRealtime builds"
SARIF="$LOGS/RealtimeMisuse.sarif"
# The comma belongs to the ErrorLog value ("path,version=2.1"): %2C keeps MSBuild from splitting there.
if ! build RealtimeMisuse "$LOGS/misuse.log" "-p:ErrorLog=$SARIF%2Cversion=2.1"; then
    show_errors "$LOGS/misuse.log" || grep -E ': error ' "$LOGS/misuse.log" | sort -u | head -n 40 | sed 's/^/    /' || true
    fail "samples/RealtimeMisuse must build (its diagnostics are warnings; log: ${LOGS#"$ROOT"/}/misuse.log)."
fi
if ! build BlazorRealtime "$LOGS/blazor.log"; then
    show_errors "$LOGS/blazor.log" || grep -E ': error ' "$LOGS/blazor.log" | sort -u | head -n 40 | sed 's/^/    /' || true
    fail "samples/BlazorRealtime must build (log: ${LOGS#"$ROOT"/}/blazor.log)."
fi
if show_errors "$LOGS/misuse.log" "$LOGS/blazor.log" >"$LOGS/misuse-errors.txt"; then
    cat "$LOGS/misuse-errors.txt"
    fail "analyzer failures in the sample builds."
fi
"${TOOL[@]}" extract "$ROOT" "$LOGS/misuse.log" >"$LOGS/misuse.txt"
"${TOOL[@]}" extract "$ROOT" "$LOGS/misuse.log" "$LOGS/blazor.log" >"$LOGS/actual.txt"

if [[ "$UPDATE" == 1 ]]; then
    step "Updating $EXPECTED"
    "${TOOL[@]}" write "$EXPECTED" "$LOGS/actual.txt" \
        'Diagnostics the samples must produce: "<rule> <path from the repository root>:<line>", sorted.' \
        'Checked by eng/check-samples.sh (regenerate from a build with: eng/check-samples.sh --update).'
else
    step "Build output matches $EXPECTED"
    compare_args=("$EXPECTED" "$LOGS/actual.txt")
    [[ "$ALLOW_MISSING" == 1 ]] && compare_args+=(--allow-missing)
    "${TOOL[@]}" compare "${compare_args[@]}" || fail "the samples' diagnostics differ from $EXPECTED (update the samples, the analyzers, or the file with --update)."
fi

step "RealtimeMisuse fails with -warnaserror"
if build RealtimeMisuse "$LOGS/misuse-warnaserror.log" -warnaserror; then
    if [[ ! -s "$LOGS/misuse.txt" && "$ALLOW_MISSING" == 1 ]]; then
        echo "    NOTE: it built, because no rule reports anything yet; accepted because ALLOW_MISSING_RULES=1."
    else
        fail "samples/RealtimeMisuse built with -warnaserror; its SRT diagnostics must fail the build."
    fi
else
    if show_errors "$LOGS/misuse-warnaserror.log" >"$LOGS/misuse-warnaserror-errors.txt"; then
        cat "$LOGS/misuse-warnaserror-errors.txt"
        fail "the -warnaserror build of RealtimeMisuse failed on something other than SRT diagnostics."
    fi
    srt_errors="$(grep -cE ': error SRT[0-9]{3}:' "$LOGS/misuse-warnaserror.log" || true)"
    [[ "$srt_errors" -gt 0 ]] || fail "the -warnaserror build of RealtimeMisuse failed without SRT errors (log: ${LOGS#"$ROOT"/}/misuse-warnaserror.log)."
    echo "    failed as required, on SRT errors."
fi

step "SARIF log lists the same diagnostics, with help links"
[[ -s "$SARIF" ]] || fail "the misuse build wrote no SARIF log at ${SARIF#"$ROOT"/}."
"${TOOL[@]}" sarif "$ROOT" "$SARIF" "$LOGS/misuse.txt" || fail "the SARIF log check failed (see above)."

echo "check-samples: OK ($((SECONDS - start)) s; logs in ${LOGS#"$ROOT"/}/)"
