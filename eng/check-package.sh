#!/usr/bin/env bash
# Packs the analyzers and checks the package the way a user meets it:
#   1. dotnet pack src/SupabaseRealtime.Analyzers.Package -c Release -o artifacts/
#   2. the .nupkg: both assemblies under analyzers/dotnet/cs/, nothing under lib/, no other
#      assembly, developmentDependency true, no dependencies, the MIT licence expression, release
#      notes pointing at CHANGELOG.md, the package's own README.md (byte for byte the one in the
#      package project, every link absolute, a row linking each rule's page), build/ and
#      buildTransitive/ targets and the analysis-mode presets (build/presets/*.globalconfig);
#   3. a consumer: a throw-away project in a temp folder with PackageReference
#      Include="SupabaseRealtime.Analyzers" from the local artifacts/ feed (a NuGet.config there
#      adds that folder and keeps the configured registries for everything else) plus the real SDK,
#      PackageReference Include="Supabase" Version="1.6.0" (from ../shared/nuget beside the
#      repository when that folder exists, as the repository's Directory.Build.props does, and from
#      the configured registries otherwise); it compiles eng/package-consumer/*.cs and must report
#      exactly eng/package-consumer/expected-diagnostics.txt, at each rule's default severity;
#   4. the analysis modes, one consumer build each, every one re-running the compiler with the
#      package's analyzers: None (-p:, no SRT diagnostic, the build succeeds), AllWarnings (-p:, every
#      expected diagnostic as a warning, the build succeeds), AllErrors (set in the project file as the
#      README shows; every one an error, the build fails), AllErrors under an .editorconfig and then
#      beside a .globalconfig that make SRT002 a warning (the project's own setting wins), and an
#      unknown mode (the build fails with the targets' error naming the four modes).
# The package gets a version of its own on every run (<Version>-ci.<time>.<pid>), so a package
# cached by an earlier run is never used; the run removes that version from the NuGet cache again.
#
# Usage: eng/check-package.sh [--update]
#   --update (or UPDATE_EXPECTED=1)  rewrite eng/package-consumer/expected-diagnostics.txt from what
#                                    the consumer build reports.
#   ALLOW_MISSING_RULES=1            accept expected diagnostics that no analyzer reports yet (for
#                                    local runs while rules are being written; never set in CI).
# Logs go to artifacts/check-package/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

fail() {
    echo "check-package: FAIL: $*" >&2
    exit 1
}

UPDATE="${UPDATE_EXPECTED:-0}"
for arg in "$@"; do
    case "$arg" in
        --update) UPDATE=1 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "check-package: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
    esac
done
ALLOW_MISSING="${ALLOW_MISSING_RULES:-0}"

command -v dotnet >/dev/null 2>&1 || fail "dotnet is not on PATH."
command -v python3 >/dev/null 2>&1 || fail "python3 is not on PATH (the checks read the package and build output with it)."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PACKAGE_ID="SupabaseRealtime.Analyzers"
# The real SDK the consumer compiles against, and the local feed that serves it where the registry
# does not (the same folder the repository's Directory.Build.props adds when it exists).
SUPABASE_VERSION="1.6.0"
SDK_FEED="$(cd "$ROOT/.." && pwd)/shared/nuget"
PACKAGE_PROJECT="src/SupabaseRealtime.Analyzers.Package"
CONSUMER_SOURCES="eng/package-consumer"
EXPECTED="$CONSUMER_SOURCES/expected-diagnostics.txt"
# Each rule's default severity, as the compiler holds the descriptors to them.
RELEASES=("$ROOT/src/SupabaseRealtime.Analyzers/AnalyzerReleases.Shipped.md" "$ROOT/src/SupabaseRealtime.Analyzers/AnalyzerReleases.Unshipped.md")
TOOL=(python3 "$ROOT/eng/diagnostics.py")
ARTIFACTS="$ROOT/artifacts"
LOGS="$ARTIFACTS/check-package"
rm -rf "$LOGS"
mkdir -p "$LOGS"
[[ "$UPDATE" == 1 || -f "$EXPECTED" ]] || fail "$EXPECTED is missing (run eng/check-package.sh --update to create it)."

start=$SECONDS
step() { echo "-- [$((SECONDS - start)) s] $*"; }

# indented OUT COMMAND...: runs COMMAND into OUT, prints OUT indented, returns COMMAND's status.
indented() {
    local out="$1" status=0
    shift
    "$@" >"$out" 2>&1 || status=$?
    sed 's/^/    /' "$out"
    return "$status"
}

WORK=""
GLOBAL_PACKAGES=""
VERSION=""
cleanup() {
    [[ -z "$WORK" ]] || rm -rf "$WORK"
    if [[ -n "$GLOBAL_PACKAGES" && -n "$VERSION" ]]; then
        local id_lower version_lower
        id_lower="$(echo "$PACKAGE_ID" | tr '[:upper:]' '[:lower:]')"
        version_lower="$(echo "$VERSION" | tr '[:upper:]' '[:lower:]')"
        rm -rf "${GLOBAL_PACKAGES%/}/$id_lower/$version_lower"
        rmdir "${GLOBAL_PACKAGES%/}/$id_lower" 2>/dev/null || true
    fi
}
trap cleanup EXIT

step "Pack $PACKAGE_PROJECT"
base_version="$(dotnet msbuild "$PACKAGE_PROJECT" -nologo -getProperty:Version 2>"$LOGS/version.err" | tr -d '[:space:]')" \
    || fail "could not read the package version (see ${LOGS#"$ROOT"/}/version.err)."
[[ -n "$base_version" ]] || fail "the package project has no Version."
VERSION="${base_version%%-*}-ci.$(date -u +%Y%m%d%H%M%S).$$"
GLOBAL_PACKAGES="$(dotnet nuget locals global-packages --list 2>/dev/null | sed -n 's/^global-packages: *//p')"
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS/$PACKAGE_ID".*.nupkg
if ! dotnet pack "$PACKAGE_PROJECT" -c Release -o "$ARTIFACTS" -nologo -tl:off -v:minimal "-p:PackageVersion=$VERSION" >"$LOGS/pack.log" 2>&1; then
    grep -E ': error ' "$LOGS/pack.log" | sort -u | head -n 40 | sed 's/^/    /' || true
    fail "dotnet pack failed (log: ${LOGS#"$ROOT"/}/pack.log)."
fi
NUPKG="$ARTIFACTS/$PACKAGE_ID.$VERSION.nupkg"
[[ -f "$NUPKG" ]] || fail "dotnet pack did not produce ${NUPKG#"$ROOT"/}."
echo "    ${NUPKG#"$ROOT"/}"

step "Package layout and metadata"
indented "$LOGS/nupkg.txt" "${TOOL[@]}" nupkg "$NUPKG" "$PACKAGE_ID" "$VERSION" "$ROOT/$PACKAGE_PROJECT" \
    || fail "the package is not laid out as an analyzer-only development dependency."

step "Consumer project restores the package from artifacts/ and builds"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/srt-consumer.XXXXXX")"
# No <clear/>: the registries configured for this machine stay available for everything else.
sdk_source=""
if [[ -d "$SDK_FEED" ]]; then
    sdk_source="    <add key=\"supabase-sdk-local\" value=\"$SDK_FEED\" />"
    echo "    Supabase $SUPABASE_VERSION from ${SDK_FEED} (and the configured registries)"
else
    echo "    Supabase $SUPABASE_VERSION from the configured registries (no ${SDK_FEED})"
fi
cat >"$WORK/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="supabase-realtime-analyzers-local" value="$ARTIFACTS" />
$sdk_source
  </packageSources>
</configuration>
EOF
# write_consumer_project [MODE]: the consumer's project file, with <SupabaseRealtimeAnalysisMode> when MODE is given.
write_consumer_project() {
    local mode_property=""
    [[ -z "${1:-}" ]] || mode_property="    <SupabaseRealtimeAnalysisMode>$1</SupabaseRealtimeAnalysisMode>"
    cat >"$WORK/Consumer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
$mode_property
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="$PACKAGE_ID" Version="$VERSION" PrivateAssets="all" />
    <PackageReference Include="Supabase" Version="$SUPABASE_VERSION" />
  </ItemGroup>
</Project>
EOF
}
write_consumer_project
cp "$ROOT/$CONSUMER_SOURCES"/*.cs "$WORK/"

status=0
# -v:normal logs the compiler's command line: it shows which analyzer assemblies it loaded.
dotnet build "$WORK/Consumer.csproj" -nologo -tl:off -v:normal >"$LOGS/consumer.log" 2>&1 || status=$?
cp "$WORK/NuGet.config" "$WORK/Consumer.csproj" "$LOGS/"
if [[ -f "$WORK/obj/project.assets.json" ]]; then
    cp "$WORK/obj/project.assets.json" "$LOGS/"
    indented "$LOGS/assets.txt" "${TOOL[@]}" assets "$WORK/obj/project.assets.json" "$PACKAGE_ID" "$VERSION" \
        || fail "the consumer did not get the analyzers from the package."
else
    grep -E ': error ' "$LOGS/consumer.log" | sort -u | head -n 40 | sed 's/^/    /' || true
    fail "the consumer project did not restore (log: ${LOGS#"$ROOT"/}/consumer.log)."
fi
package_dir="$(echo "$PACKAGE_ID/$VERSION" | tr '[:upper:]' '[:lower:]')"
# compiler_ran LOG: the compiler ran (no up-to-date skip) and was given both analyzer assemblies from the package.
compiler_ran() {
    local assembly
    for assembly in "$PACKAGE_ID.dll" "$PACKAGE_ID.CodeFixes.dll"; do
        grep -qF "$package_dir/analyzers/dotnet/cs/$assembly" "$1" \
            || fail "the compiler did not run with $assembly from the package (log: ${1#"$ROOT"/})."
    done
}
compiler_ran "$LOGS/consumer.log"
echo "    the compiler ran with both analyzer assemblies from the package"
if "${TOOL[@]}" errors "$LOGS/consumer.log" >"$LOGS/consumer-errors.txt" && [[ -s "$LOGS/consumer-errors.txt" ]]; then
    sed 's/^/    /' "$LOGS/consumer-errors.txt" | head -n 40
    fail "the consumer build failed on something other than SRT diagnostics, or an analyzer failed."
fi
if [[ "$status" != 0 ]] && ! grep -qE ': error SRT[0-9]{3}:' "$LOGS/consumer.log"; then
    fail "the consumer build failed (log: ${LOGS#"$ROOT"/}/consumer.log)."
fi
"${TOOL[@]}" extract "$WORK" "$LOGS/consumer.log" >"$LOGS/actual.txt"
"${TOOL[@]}" severities "$WORK" "$LOGS/consumer.log" >"$LOGS/severities.txt"
grep -hoE ': (warning|error) SRT[0-9]{3}' "$LOGS/consumer.log" | sort -u | sed 's/^: /    reported: /' || true

if [[ "$UPDATE" == 1 ]]; then
    step "Updating $EXPECTED"
    "${TOOL[@]}" write "$EXPECTED" "$LOGS/actual.txt" \
        'Diagnostics the package consumer build must report: "<rule> <path in the consumer project>:<line>", sorted.' \
        'Checked by eng/check-package.sh (regenerate from a build with: eng/check-package.sh --update).'
else
    step "Consumer diagnostics match $EXPECTED"
    compare_args=("$EXPECTED" "$LOGS/actual.txt")
    [[ "$ALLOW_MISSING" == 1 ]] && compare_args+=(--allow-missing)
    indented "$LOGS/compare.txt" "${TOOL[@]}" compare "${compare_args[@]}" \
        || fail "the consumer's diagnostics differ from $EXPECTED."
fi

step "Analysis mode Default (no SupabaseRealtimeAnalysisMode): each rule at its default severity"
indented "$LOGS/preset-Default.txt" "${TOOL[@]}" preset Default "$status" "$EXPECTED" "$LOGS/severities.txt" "${RELEASES[@]}" \
    || fail "with no SupabaseRealtimeAnalysisMode (Default) the consumer's severities or build result are wrong."

# preset_build NAME MODE [--override ID=SEVERITY]... [-- BUILD ARGS...]: one more consumer build, checked
# against the expected diagnostics at the severities MODE gives them.
preset_build() {
    local name="$1" mode="$2" log="$LOGS/consumer-$1.log" status=0
    shift 2
    local overrides=()
    while [[ $# -gt 0 && "$1" != "--" ]]; do overrides+=("$1"); shift; done
    [[ $# -gt 0 ]] && shift
    dotnet build "$WORK/Consumer.csproj" --no-restore -nologo -tl:off -v:normal "$@" >"$log" 2>&1 || status=$?
    compiler_ran "$log"
    if "${TOOL[@]}" errors "$log" >"$LOGS/consumer-$name-errors.txt" && [[ -s "$LOGS/consumer-$name-errors.txt" ]]; then
        sed 's/^/    /' "$LOGS/consumer-$name-errors.txt" | head -n 40
        fail "$name: the consumer build failed on something other than SRT diagnostics, or an analyzer failed."
    fi
    "${TOOL[@]}" severities "$WORK" "$log" >"$LOGS/severities-$name.txt"
    indented "$LOGS/preset-$name.txt" "${TOOL[@]}" preset "$mode" "$status" "$EXPECTED" "$LOGS/severities-$name.txt" "${RELEASES[@]}" "${overrides[@]}" \
        || fail "$name: the consumer's diagnostics or build result are not what $mode must give (log: ${log#"$ROOT"/})."
}

# Switched on the command line with nothing else changed: the mode alone must re-run the compiler.
step "Analysis mode None (-p:SupabaseRealtimeAnalysisMode=None): nothing reported, the build succeeds"
preset_build None None -- -p:SupabaseRealtimeAnalysisMode=None
step "Analysis mode AllWarnings (-p:): every diagnostic a warning, the build succeeds"
preset_build AllWarnings AllWarnings -- -p:SupabaseRealtimeAnalysisMode=AllWarnings
# As the README shows it: the property in the project file.
step "Analysis mode AllErrors (<SupabaseRealtimeAnalysisMode> in the project file): every diagnostic an error, the build fails"
write_consumer_project AllErrors
cp "$WORK/Consumer.csproj" "$LOGS/Consumer.AllErrors.csproj"
preset_build AllErrors AllErrors
step "Analysis mode AllErrors under the project's .editorconfig (SRT002 = warning): the project's setting wins"
printf '[*.cs]\ndotnet_diagnostic.SRT002.severity = warning\n' >"$WORK/.editorconfig"
preset_build AllErrorsEditorConfig AllErrors --override SRT002=warning
rm -f "$WORK/.editorconfig"
step "Analysis mode AllErrors beside the project's .globalconfig (SRT002 = warning): the project's setting wins"
printf 'is_global = true\ndotnet_diagnostic.SRT002.severity = warning\n' >"$WORK/.globalconfig"
preset_build AllErrorsGlobalConfig AllErrors --override SRT002=warning
rm -f "$WORK/.globalconfig"

step "An unknown analysis mode fails the build with an error that names the four"
bad_status=0
dotnet build "$WORK/Consumer.csproj" --no-restore -nologo -tl:off -v:minimal -p:SupabaseRealtimeAnalysisMode=Strict >"$LOGS/consumer-unknown-mode.log" 2>&1 || bad_status=$?
bad_message="SupabaseRealtime.Analyzers: SupabaseRealtimeAnalysisMode is 'Strict'; expected Default, None, AllWarnings or AllErrors."
[[ "$bad_status" != 0 ]] || fail "the build with SupabaseRealtimeAnalysisMode=Strict succeeded (log: ${LOGS#"$ROOT"/}/consumer-unknown-mode.log)."
grep -qF "error : $bad_message" "$LOGS/consumer-unknown-mode.log" \
    || fail "the build with SupabaseRealtimeAnalysisMode=Strict did not fail with \"$bad_message\" (log: ${LOGS#"$ROOT"/}/consumer-unknown-mode.log)."
echo "    failed (exit $bad_status): $bad_message"

echo "check-package: OK ($((SECONDS - start)) s; ${NUPKG#"$ROOT"/}; logs in ${LOGS#"$ROOT"/}/)"
