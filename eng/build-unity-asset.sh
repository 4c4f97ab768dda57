#!/usr/bin/env bash
# Builds the Unity release asset: a zip with the analyzer assembly alone and a short README.
# Unity does not restore NuGet packages, and the package's code-fix assembly references Roslyn's
# Workspaces layer, which Unity's compiler lacks; Unity users copy this folder under Assets/ and
# label the DLL RoslynAnalyzer (see eng/unity/README.md, which goes into the zip).
#
#   artifacts/SupabaseRealtime.Analyzers-<version>-unity.zip
#     SupabaseRealtime.Analyzers/SupabaseRealtime.Analyzers.dll   (Release build of src/SupabaseRealtime.Analyzers)
#     SupabaseRealtime.Analyzers/README.md                        (eng/unity/README.md with the version filled in)
#
# The zip is checked after it is written: exactly those two files and an assembly that references no
# Workspaces (the meta tests hold it to Roslyn 3.6); with --nupkg, the DLL must be byte for byte the
# package's analyzers/dotnet/cs/SupabaseRealtime.Analyzers.dll.
#
# Usage: eng/build-unity-asset.sh [--output DIR] [--nupkg PACKAGE.nupkg]
#   --output DIR   where the zip goes (default: artifacts/)
#   --nupkg FILE   a packed SupabaseRealtime.Analyzers package whose analyzer the zip must carry
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

fail() {
    echo "build-unity-asset: FAIL: $*" >&2
    exit 1
}

usage_error() {
    echo "build-unity-asset: $*" >&2
    usage >&2
    exit 2
}

OUTPUT="$ROOT/artifacts"
NUPKG=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --output|-o)
            [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 needs a folder."
            OUTPUT="$2"; shift 2 ;;
        --nupkg)
            [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 needs a .nupkg file."
            NUPKG="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage_error "unknown argument '$1'" ;;
    esac
done
if [[ -n "$NUPKG" && ! -f "$NUPKG" ]]; then
    usage_error "--nupkg $NUPKG: no such file."
fi
if [[ -e "$OUTPUT" && ! -d "$OUTPUT" ]]; then
    usage_error "--output $OUTPUT is a file, not a folder."
fi

command -v dotnet >/dev/null 2>&1 || fail "dotnet is not on PATH."
command -v python3 >/dev/null 2>&1 || fail "python3 is not on PATH (it writes and checks the zip)."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PROJECT="src/SupabaseRealtime.Analyzers/SupabaseRealtime.Analyzers.csproj"
mkdir -p "$OUTPUT"
OUTPUT="$(cd "$OUTPUT" && pwd)"
LOG="$OUTPUT/unity-asset-build.log"

version="$(dotnet msbuild "$PROJECT" -nologo -getProperty:Version 2>"$LOG" | tr -d '[:space:]')" \
    || fail "could not read the version (see $LOG)."
[[ -n "$version" ]] || fail "$PROJECT has no Version."
repository="$(dotnet msbuild "$PROJECT" -nologo -getProperty:RepositoryUrl 2>>"$LOG" | tr -d '[:space:]')"
[[ "$repository" == https://* ]] || fail "$PROJECT has no https:// RepositoryUrl (found '$repository')."

echo "-- Build $PROJECT (Release)"
if ! dotnet build "$PROJECT" -c Release -nologo -tl:off -v:minimal >"$LOG" 2>&1; then
    grep -E ': error ' "$LOG" | sort -u | head -n 40 | sed 's/^/    /' || true
    fail "the Release build failed (log: $LOG)."
fi
dll="$ROOT/src/SupabaseRealtime.Analyzers/bin/Release/netstandard2.0/SupabaseRealtime.Analyzers.dll"
[[ -f "$dll" ]] || fail "the build did not produce $dll."

zip="$OUTPUT/SupabaseRealtime.Analyzers-$version-unity.zip"
echo "-- Write ${zip#"$ROOT"/}"
status=0
python3 - "$zip" "$dll" "$ROOT/eng/unity/README.md" "$version" "$repository" "$NUPKG" <<'PY' || status=$?
import sys
import zipfile

zip_path, dll_path, readme_path, version, repository, nupkg = sys.argv[1:7]
folder = "SupabaseRealtime.Analyzers/"
with open(dll_path, "rb") as f:
    dll = f.read()
with open(readme_path, encoding="utf-8") as f:
    readme = f.read().replace("@VERSION@", version).replace("@REPOSITORY@", repository)
if "@" + "VERSION@" in readme or "@" + "REPOSITORY@" in readme:
    sys.exit("error: eng/unity/README.md has a placeholder left")

# Fixed timestamps and order: the same inputs give the same zip.
with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
    for name, data in ((folder + "SupabaseRealtime.Analyzers.dll", dll), (folder + "README.md", readme.encode("utf-8"))):
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        archive.writestr(info, data)

problems = []
with zipfile.ZipFile(zip_path) as archive:
    names = sorted(archive.namelist())
    expected = sorted([folder + "SupabaseRealtime.Analyzers.dll", folder + "README.md"])
    if names != expected:
        problems.append("the zip holds " + ", ".join(names) + "; expected " + ", ".join(expected))
    packed = archive.read(folder + "SupabaseRealtime.Analyzers.dll")

# Assembly references are names in the metadata string heap: Unity's compiler has no Workspaces
# (the meta tests check the references fully; this checks the very bytes that ship).
for forbidden in (b"Microsoft.CodeAnalysis.Workspaces", b"Microsoft.CodeAnalysis.CSharp.Workspaces"):
    if forbidden in packed:
        problems.append(f"the analyzer assembly references {forbidden.decode()}")
if nupkg:
    with zipfile.ZipFile(nupkg) as package:
        try:
            shipped = package.read("analyzers/dotnet/cs/SupabaseRealtime.Analyzers.dll")
        except KeyError:
            shipped = None
    if shipped is None:
        problems.append(f"{nupkg} has no analyzers/dotnet/cs/SupabaseRealtime.Analyzers.dll")
    elif shipped != packed:
        problems.append(f"the zip's analyzer differs from the one in {nupkg}")
    else:
        print(f"    the analyzer is byte for byte the one in {nupkg.rsplit('/', 1)[-1]}")
for name in names:
    print(f"    {name}")
if problems:
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    sys.exit(1)
PY
[[ $status == 0 ]] || fail "the zip is not what Unity users need."
echo "build-unity-asset: OK (${zip#"$ROOT"/})"
