#!/usr/bin/env bash
# Applies the code fixes in a real host, the way a user does from the command line, and checks what
# they leave behind. For each project (a fresh copy of it under artifacts/check-fixes/work) and each rule that
# has a code fix and diagnostics there:
#   dotnet format analyzers <copy> --diagnostics SRTxxx --severity info
# then the fixed copy is built and must show:
#   fix applied       dotnet format succeeded and changed the code;
#   builds clean      no compiler error, and no compiler warning the original build did not have;
#   diagnostic gone   no SRTxxx diagnostic is left;
#   changes in place  every changed line lies in what the fix is about: the members holding the
#                     diagnostic's location and related locations (with their comments and attributes),
#                     lines added to the type holding them (a new member or field), that type's
#                     declaration lines (a base list), and the using directives (eng/fixcheck.py).
# One rule at a time, then all of them in one run. It prints a table: project x rule x the four checks.
#
# Projects: samples/RealtimeMisuse (it references the analyzers with ProjectReference, as
# eng/check-samples.sh builds it), and the package consumer of eng/check-package.sh (a net10.0 project
# with nullable annotations on that compiles eng/package-consumer/*.cs against the packed package and
# the real Supabase package).
#
# Usage: eng/check-fixes.sh [--project DIR]... [--rules SRT001,SRT002,...] [--no-consumer] [--keep]
#   --project DIR   check this project folder (one .csproj in it) instead of samples/RealtimeMisuse;
#                   may be repeated
#   --rules LIST    only these rules (comma-separated); default: every rule with a code fix
#   --no-consumer   leave out the package consumer (no pack)
#   --keep          keep the work folder (artifacts/check-fixes/work) for a look at the fixed copies
# Logs, SARIF files and the diffs go to artifacts/check-fixes/. Exit: 0 all checks pass, 1 a check
# failed, 2 bad input (a missing project, an unknown rule, a rule without a code fix).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

fail() {
    echo "check-fixes: FAIL: $*" >&2
    exit 1
}

bad_input() {
    echo "check-fixes: $*" >&2
    exit 2
}

PROJECTS=()
RULES_ARG=""
CONSUMER=1
KEEP=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --project)
            [[ $# -ge 2 && -n "$2" ]] || bad_input "--project needs a folder."
            PROJECTS+=("$2")
            shift 2
            ;;
        --rules)
            [[ $# -ge 2 && -n "$2" ]] || bad_input "--rules needs a comma-separated list of rule ids (for example SRT001,SRT004)."
            RULES_ARG="$2"
            shift 2
            ;;
        --no-consumer) CONSUMER=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "check-fixes: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

command -v dotnet >/dev/null 2>&1 || bad_input "dotnet is not on PATH."
command -v python3 >/dev/null 2>&1 || bad_input "python3 is not on PATH (the checks read SARIF logs and diffs with it)."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

CHECK=(python3 "$ROOT/eng/fixcheck.py")
DIAG=(python3 "$ROOT/eng/diagnostics.py")

# ---- Input ------------------------------------------------------------------------------------
[[ ${#PROJECTS[@]} -gt 0 ]] || PROJECTS=("samples/RealtimeMisuse")
SOURCES=()
for project in "${PROJECTS[@]}"; do
    [[ -d "$project" ]] || bad_input "no project folder '$project'."
    full="$(cd "$project" && pwd)"
    count="$(find "$full" -maxdepth 1 -name '*.csproj' | wc -l)"
    [[ "$count" -eq 1 ]] || bad_input "'$project' holds $count .csproj files; expected one."
    SOURCES+=("$full")
done

mapfile -t KNOWN < <("${CHECK[@]}" known "$ROOT") || bad_input "could not read the rule ids from src/SupabaseRealtime.Analyzers/Descriptors.cs."
mapfile -t FIXABLE < <("${CHECK[@]}" rules "$ROOT") || bad_input "could not read the code-fix providers."
[[ ${#FIXABLE[@]} -gt 0 ]] || bad_input "found no code-fix provider under src/SupabaseRealtime.Analyzers.CodeFixes/Rules."
RULES=()
if [[ -z "$RULES_ARG" ]]; then
    RULES=("${FIXABLE[@]}")
else
    IFS=',' read -r -a requested <<<"$RULES_ARG"
    for rule in "${requested[@]}"; do
        rule="$(echo "$rule" | tr -d '[:space:]' | tr '[:lower:]' '[:upper:]')"
        [[ -n "$rule" ]] || continue
        printf '%s\n' "${KNOWN[@]}" | grep -qx "$rule" || bad_input "unknown rule '$rule' (the rules are ${KNOWN[*]})."
        printf '%s\n' "${FIXABLE[@]}" | grep -qx "$rule" || bad_input "$rule has no code fix (rules with one: ${FIXABLE[*]})."
        RULES+=("$rule")
    done
    [[ ${#RULES[@]} -gt 0 ]] || bad_input "--rules named no rule."
fi

# The judge of "changes in place" must be able to say no: a quick test on a sample file first.
"${CHECK[@]}" selftest "$ROOT/samples/RealtimeMisuse/SRT002_LobbyPresence.cs" >/dev/null \
    || bad_input "eng/fixcheck.py's own check failed (it would not tell an out-of-place change)."

LOGS="$ROOT/artifacts/check-fixes"
WORK="$LOGS/work"
rm -rf "$LOGS"
mkdir -p "$WORK"

start=$SECONDS
step() { echo "-- [$((SECONDS - start)) s] $*"; }

GLOBAL_PACKAGES=""
PACKAGE_VERSION=""
PACKAGE_ID="SupabaseRealtime.Analyzers"
cleanup() {
    if [[ -n "$GLOBAL_PACKAGES" && -n "$PACKAGE_VERSION" ]]; then
        local id_lower version_lower
        id_lower="$(echo "$PACKAGE_ID" | tr '[:upper:]' '[:lower:]')"
        version_lower="$(echo "$PACKAGE_VERSION" | tr '[:upper:]' '[:lower:]')"
        rm -rf "${GLOBAL_PACKAGES%/}/$id_lower/$version_lower"
        rmdir "${GLOBAL_PACKAGES%/}/$id_lower" 2>/dev/null || true
    fi
    [[ "$KEEP" == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

# ---- Work folders -----------------------------------------------------------------------------
# A project P is checked in WORK/P/: pristine/<name> is the copy every run starts from (and whose build
# is the baseline), run/<name> the copy dotnet format changes. WORK/P/Directory.Build.props and .targets
# import what the original project gets from above its folder, and make every build write its SARIF log
# to WORK/P/build.sarif and run the compiler even when up to date.
write_build_files() {
    local dir="$1" above="$2"
    local import_props="" import_targets=""
    if [[ -n "$above" ]]; then
        import_props="  <PropertyGroup><_FixCheckAbove>\$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$above'))</_FixCheckAbove></PropertyGroup>
  <Import Project=\"\$(_FixCheckAbove)\" Condition=\"'\$(_FixCheckAbove)' != ''\" />"
        import_targets="  <PropertyGroup><_FixCheckAboveTargets>\$([MSBuild]::GetPathOfFileAbove('Directory.Build.targets', '$above'))</_FixCheckAboveTargets></PropertyGroup>
  <Import Project=\"\$(_FixCheckAboveTargets)\" Condition=\"'\$(_FixCheckAboveTargets)' != ''\" />"
    fi
    cat >"$dir/Directory.Build.props" <<EOF
<Project>
$import_props
  <PropertyGroup>
    <ErrorLog>\$(MSBuildThisFileDirectory)build.sarif,version=2.1</ErrorLog>
  </PropertyGroup>
</Project>
EOF
    cat >"$dir/Directory.Build.targets" <<EOF
<Project>
$import_targets
  <ItemGroup>
    <CustomAdditionalCompileOutputs Include="\$(MSBuildProjectDirectory)/obj/__never_written__" />
  </ItemGroup>
</Project>
EOF
}

# build DIR LOG [ARGS...]: builds the project in DIR; its SARIF log is left in DIR/../../build.sarif.
build() {
    local dir="$1" log="$2"
    shift 2
    local status=0
    rm -f "$dir/../../build.sarif"
    dotnet build "$dir" -nologo -tl:off -v:minimal "$@" >"$log" 2>&1 || status=$?
    return "$status"
}

SUPABASE_VERSION="1.6.0"
SDK_FEED="$(cd "$ROOT/.." && pwd)/shared/nuget"

prepare_consumer() {
    local base="$1"
    step "Pack the analyzers for the package consumer"
    local base_version
    base_version="$(dotnet msbuild src/SupabaseRealtime.Analyzers.Package -nologo -getProperty:Version 2>"$LOGS/version.err" | tr -d '[:space:]')" \
        || fail "could not read the package version (see ${LOGS#"$ROOT"/}/version.err)."
    PACKAGE_VERSION="${base_version%%-*}-fixes.$(date -u +%Y%m%d%H%M%S).$$"
    GLOBAL_PACKAGES="$(dotnet nuget locals global-packages --list 2>/dev/null | sed -n 's/^global-packages: *//p')"
    local feed="$base/feed"
    mkdir -p "$feed" "$base/pristine/Consumer"
    if ! dotnet pack src/SupabaseRealtime.Analyzers.Package -c Release -o "$feed" -nologo -tl:off -v:minimal "-p:PackageVersion=$PACKAGE_VERSION" >"$LOGS/pack.log" 2>&1; then
        grep -E ': error ' "$LOGS/pack.log" | sort -u | head -n 20 | sed 's/^/    /' || true
        fail "dotnet pack failed (log: ${LOGS#"$ROOT"/}/pack.log)."
    fi
    local sdk_source=""
    [[ -d "$SDK_FEED" ]] && sdk_source="    <add key=\"supabase-sdk-local\" value=\"$SDK_FEED\" />"
    cat >"$base/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="check-fixes-local" value="$feed" />
$sdk_source
  </packageSources>
</configuration>
EOF
    cat >"$base/pristine/Consumer/Consumer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="$PACKAGE_ID" Version="$PACKAGE_VERSION" PrivateAssets="all" />
    <PackageReference Include="Supabase" Version="$SUPABASE_VERSION" />
  </ItemGroup>
</Project>
EOF
    cp "$ROOT/eng/package-consumer/"*.cs "$base/pristine/Consumer/"
    write_build_files "$base" ""
}

# ---- The checks -------------------------------------------------------------------------------
ROWS=()
NOTES=()
FAILED=0

# check_project LABEL BASE NAME: BASE/pristine/NAME is ready; runs every rule, then all together.
check_project() {
    local label="$1" base="$2" name="$3"
    local pristine="$base/pristine/$name" run="$base/run/$name"
    local tag="${label//\//_}"

    step "$label: baseline build"
    if ! build "$pristine" "$LOGS/$tag.baseline.log"; then
        # SRT errors (SRT008 in the consumer) fail the build; anything else is a broken project.
        if "${DIAG[@]}" errors "$LOGS/$tag.baseline.log" | grep -q .; then
            "${DIAG[@]}" errors "$LOGS/$tag.baseline.log" | head -n 20 | sed 's/^/    /'
            fail "$label does not build before any fix (log: ${LOGS#"$ROOT"/}/$tag.baseline.log)."
        fi
    fi
    [[ -s "$base/build.sarif" ]] || fail "$label: the baseline build wrote no SARIF log (log: ${LOGS#"$ROOT"/}/$tag.baseline.log)."
    mv "$base/build.sarif" "$LOGS/$tag.baseline.sarif"

    mkdir -p "$base/run"
    cp -R "$pristine" "$base/run/"
    rm -rf "$run/bin" "$run/obj"
    dotnet restore "$run" -nologo -v:quiet >"$LOGS/$tag.restore.log" 2>&1 || fail "$label: the work copy does not restore (log: ${LOGS#"$ROOT"/}/$tag.restore.log)."

    local present=() absent=()
    for rule in "${RULES[@]}"; do
        local count
        count="$("${CHECK[@]}" count "$LOGS/$tag.baseline.sarif" "$rule")"
        if [[ "$count" -eq 0 ]]; then
            absent+=("$rule")
        else
            present+=("$rule")
        fi
    done

    [[ ${#absent[@]} -eq 0 ]] || NOTES+=("$label has no diagnostic of ${absent[*]}: nothing to fix there.")
    [[ ${#present[@]} -gt 0 ]] || return 0
    local runs=("${present[@]}")
    [[ ${#present[@]} -gt 1 ]] && runs+=("ALL")
    for selection in "${runs[@]}"; do
        local rules_list rules_csv
        if [[ "$selection" == "ALL" ]]; then
            rules_list=("${present[@]}")
        else
            rules_list=("$selection")
        fi
        rules_csv="$(IFS=,; echo "${rules_list[*]}")"
        step "$label: dotnet format analyzers --diagnostics ${rules_list[*]}"

        # A fresh copy of the sources (the restore output stays).
        find "$run" -mindepth 1 -maxdepth 1 ! -name obj ! -name bin -exec rm -rf {} +
        (cd "$pristine" && find . -mindepth 1 -maxdepth 1 ! -name obj ! -name bin -exec cp -R {} "$run/" \;)

        local format_status=0
        dotnet format analyzers "$run" --diagnostics "${rules_list[@]}" --severity info --no-restore -v:normal \
            >"$LOGS/$tag.$selection.format.log" 2>&1 || format_status=$?
        (cd "$base" && diff -ru -x obj -x bin "pristine/$name" "run/$name") >"$LOGS/$tag.$selection.diff" 2>&1 || true

        build "$run" "$LOGS/$tag.$selection.build.log" --no-restore || true
        "${DIAG[@]}" errors "$LOGS/$tag.$selection.build.log" >"$LOGS/$tag.$selection.errors.txt" || true
        local sarif="$LOGS/$tag.$selection.sarif"
        rm -f "$sarif"
        [[ -f "$base/build.sarif" ]] && mv "$base/build.sarif" "$sarif"

        local row status=0
        row="$("${CHECK[@]}" check "$pristine" "$run" "$LOGS/$tag.baseline.sarif" "$sarif" "$rules_csv" \
            --format-status "$format_status" --build-errors "$LOGS/$tag.$selection.errors.txt" 2>"$LOGS/$tag.$selection.reasons.txt")" || status=$?
        if [[ "$status" -eq 2 || -z "$row" ]]; then
            sed 's/^/    /' "$LOGS/$tag.$selection.reasons.txt"
            fail "$label: could not judge the $selection run."
        fi
        local shown="$selection"
        [[ "$selection" == "ALL" ]] && shown="all (${#present[@]})"
        ROWS+=("$label|$shown|$row")
        if [[ "$status" -ne 0 ]]; then
            FAILED=1
            echo "    $selection:"
            sed 's/^/    /' "$LOGS/$tag.$selection.reasons.txt"
        fi
    done
}

for source in "${SOURCES[@]}"; do
    label="${source#"$ROOT"/}"
    name="$(basename "$source")"
    base="$WORK/${label//\//_}"
    mkdir -p "$base/pristine"
    "${CHECK[@]}" copy "$source" "$base/pristine/$name" >/dev/null || bad_input "could not copy '$label'."
    write_build_files "$base" "$(dirname "$source")"
    check_project "$label" "$base" "$name"
done

if [[ "$CONSUMER" == 1 ]]; then
    base="$WORK/package-consumer"
    prepare_consumer "$base"
    check_project "package consumer" "$base" "Consumer"
fi

echo
printf '%-24s %-9s %-22s %-24s %-22s %s\n' "project" "rule" "fix applied" "builds clean" "diagnostic gone" "changes in place"
for row in "${ROWS[@]}"; do
    IFS='|' read -r project rule applied clean gone in_place <<<"$row"
    printf '%-24s %-9s %-22s %-24s %-22s %s\n' "$project" "$rule" "$applied" "$clean" "$gone" "$in_place"
done
for note in "${NOTES[@]}"; do
    echo "$note"
done
echo

[[ "$FAILED" == 0 ]] || fail "a fix did not pass (the reasons are above; diffs and logs in ${LOGS#"$ROOT"/}/)."
echo "check-fixes: OK ($((SECONDS - start)) s; diffs and logs in ${LOGS#"$ROOT"/}/)"
