#!/usr/bin/env python3
"""Small checks used by eng/check-samples.sh and eng/check-package.sh (standard library only).

Subcommands:
  extract  ROOT LOG...                       print the SRT diagnostics of MSBuild logs, one
                                             "SRTxxx path:line" a line (paths relative to ROOT), sorted
  compare  EXPECTED ACTUAL [--allow-missing] diff two such lists: print missing and extra lines
  write    EXPECTED ACTUAL HEADER...         write ACTUAL to EXPECTED under a '#' header
  errors   LOG...                            print the errors and analyzer failures that are not SRT diagnostics
  sarif    ROOT SARIF ACTUAL                 check a SARIF 2.1 log: its SRT results are exactly the
                                             ACTUAL list (the same build's output), and each rule has a helpUri
  nupkg    NUPKG ID VERSION                  check the analyzer package's layout and metadata
  assets   ASSETS_JSON ID VERSION            check that a consumer restored the package's analyzers

Exit codes: 0 ok, 1 check failed, 2 usage or input error. Messages go to stdout/stderr, never a
stack trace.
"""

import json
import os
import re
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
import zipfile

# MSBuild's canonical format: "path(line,col[,endline,endcol]): warning SRT001: message [project]",
# prefixed with the node number ("1>") at normal verbosity.
DIAGNOSTIC = re.compile(
    r"^\s*(?:\d+>)?\s*(?P<path>[^\s].*?)\((?P<line>\d+)(?:,\d+){0,3}\)\s*:\s*"
    r"(?:[A-Za-z ]+ )?(?P<severity>warning|error|info)\s+(?P<id>SRT\d{3})\s*:",
    re.IGNORECASE,
)
ANY_ERROR = re.compile(r":\s*error\s+(?P<id>[A-Za-z]+\d+)\s*:", re.IGNORECASE)
# Analyzer load failures and analyzer crashes: the rules silently do nothing when these happen.
ANALYZER_FAILURE = re.compile(r":\s*(?:warning|error)\s+(?P<id>AD0001|CS8032|CS8033|CS8034|CS9057|RS1001)\s*:", re.IGNORECASE)
ENTRY = re.compile(r"^(?P<id>SRT\d{3}) (?P<path>.+):(?P<line>\d+)$")


class Failure(Exception):
    """A check that failed or an input that cannot be read: printed without a trace."""


def relative(root, path):
    path = path.strip().replace("\\", "/")
    if path.startswith("file://"):
        path = urllib.request.url2pathname(urllib.parse.urlparse(path).path)
    if os.path.isabs(path):
        rel = os.path.relpath(os.path.normpath(path), os.path.normpath(root))
        if not rel.startswith(".."):
            return rel.replace("\\", "/")
    return path


def sort_key(entry):
    m = ENTRY.match(entry)
    return (m.group("id"), m.group("path"), int(m.group("line"))) if m else (entry, "", 0)


def read_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError as e:
        raise Failure(f"cannot read {path}: {e.strerror}")


def read_list(path):
    entries = []
    for number, raw in enumerate(read_text(path).splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not ENTRY.match(line):
            raise Failure(f"{path}:{number}: expected 'SRTxxx path:line', found '{line}'")
        entries.append(line)
    return entries


def extract(root, logs):
    found = set()
    for log in logs:
        for raw in read_text(log).splitlines():
            m = DIAGNOSTIC.match(raw)
            if m:
                found.add(f"{m.group('id').upper()} {relative(root, m.group('path'))}:{int(m.group('line'))}")
    return sorted(found, key=sort_key)


def cmd_extract(args):
    if len(args) < 2:
        raise Failure("usage: extract ROOT LOG...")
    for entry in extract(args[0], args[1:]):
        print(entry)
    return 0


def cmd_compare(args):
    allow_missing = "--allow-missing" in args
    args = [a for a in args if a != "--allow-missing"]
    if len(args) != 2:
        raise Failure("usage: compare EXPECTED ACTUAL [--allow-missing]")
    expected, actual = set(read_list(args[0])), set(read_list(args[1]))
    missing = sorted(expected - actual, key=sort_key)
    extra = sorted(actual - expected, key=sort_key)
    print(f"expected {len(expected)}, reported {len(actual)}, matched {len(expected & actual)}")
    for entry in missing:
        print(f"  missing: {entry}")
    for entry in extra:
        print(f"  extra:   {entry}")
    if extra:
        print(f"FAIL: {len(extra)} diagnostic(s) reported that {args[0]} does not expect.")
        return 1
    if missing and not allow_missing:
        print(f"FAIL: {len(missing)} expected diagnostic(s) not reported.")
        return 1
    if missing:
        print(f"NOTE: {len(missing)} expected diagnostic(s) not reported; accepted because ALLOW_MISSING_RULES=1.")
    return 0


def cmd_write(args):
    if len(args) < 2:
        raise Failure("usage: write EXPECTED ACTUAL HEADER...")
    entries = sorted(set(read_list(args[1])), key=sort_key)
    try:
        with open(args[0], "w", encoding="utf-8", newline="\n") as f:
            for header in args[2:]:
                f.write(f"# {header}\n")
            for entry in entries:
                f.write(entry + "\n")
    except OSError as e:
        raise Failure(f"cannot write {args[0]}: {e.strerror}")
    print(f"wrote {len(entries)} diagnostic(s) to {args[0]}")
    return 0


def cmd_errors(args):
    lines = set()
    for log in args:
        for raw in read_text(log).splitlines():
            m = ANY_ERROR.search(raw)
            if (m and not m.group("id").upper().startswith("SRT")) or ANALYZER_FAILURE.search(raw):
                lines.add(raw.strip())
    for line in sorted(lines):
        print(line)
    return 0


def cmd_sarif(args):
    if len(args) != 3:
        raise Failure("usage: sarif ROOT SARIF ACTUAL")
    root, sarif_path, actual_path = args
    try:
        log = json.loads(read_text(sarif_path))
    except ValueError as e:
        raise Failure(f"{sarif_path} is not JSON: {e}")
    problems = []
    if not str(log.get("version", "")).startswith("2.1"):
        problems.append(f"SARIF version is '{log.get('version')}', expected 2.1.x")
    results, rules = set(), {}
    for run in log.get("runs") or []:
        driver = ((run.get("tool") or {}).get("driver")) or {}
        for rule in driver.get("rules") or []:
            rules[rule.get("id")] = rule
        for result in run.get("results") or []:
            rule_id = result.get("ruleId") or ""
            if not rule_id.startswith("SRT") or result.get("suppressions"):
                continue
            for location in result.get("locations") or []:
                physical = location.get("physicalLocation") or {}
                uri = (physical.get("artifactLocation") or {}).get("uri")
                line = (physical.get("region") or {}).get("startLine")
                if uri and line:
                    results.add(f"{rule_id} {relative(root, uri)}:{int(line)}")
    # The build output of the same compilation (the caller passes that project's diagnostics only).
    expected = set(read_list(actual_path))
    for entry in sorted(expected - results, key=sort_key):
        problems.append(f"in the build output but not in the SARIF log: {entry}")
    for entry in sorted(results - expected, key=sort_key):
        problems.append(f"in the SARIF log but not in the build output: {entry}")
    for rule_id in sorted({e.split(" ", 1)[0] for e in results}):
        rule = rules.get(rule_id)
        help_uri = (rule or {}).get("helpUri") or ""
        if not rule:
            problems.append(f"{rule_id}: no rule entry in the SARIF log")
        elif not help_uri.startswith("https://"):
            problems.append(f"{rule_id}: helpUri is '{help_uri}', expected an https:// address")
        elif not help_uri.endswith(f"/docs/rules/{rule_id}.md"):
            problems.append(f"{rule_id}: helpUri {help_uri} does not point at docs/rules/{rule_id}.md")
        elif not os.path.isfile(os.path.join(root, "docs", "rules", rule_id + ".md")):
            problems.append(f"{rule_id}: helpUri points at docs/rules/{rule_id}.md, which does not exist")
    print(f"SARIF {sarif_path}: {len(results)} SRT result(s), {len({e.split(' ', 1)[0] for e in results})} rule(s) with help links checked")
    for problem in problems:
        print(f"  {problem}")
    return 1 if problems else 0


def local(tag):
    return tag.rsplit("}", 1)[-1]


def cmd_nupkg(args):
    if len(args) != 3:
        raise Failure("usage: nupkg NUPKG ID VERSION")
    path, package_id, version = args
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        raise Failure(f"cannot open {path} as a package: {e}")
    with archive:
        names = [n for n in archive.namelist() if not n.endswith("/")]
        problems = []
        expected = [f"analyzers/dotnet/cs/{package_id}.dll", f"analyzers/dotnet/cs/{package_id}.CodeFixes.dll"]
        for name in expected:
            if name not in names:
                problems.append(f"missing {name}")
        others = [n for n in names if n.lower().endswith(".dll") and n not in expected]
        if others:
            problems.append("unexpected assemblies: " + ", ".join(sorted(others)))
        lib = [n for n in names if n.lower().startswith("lib/")]
        if lib:
            problems.append("files under lib/ (the package must add nothing to the consumer's output): " + ", ".join(sorted(lib)))
        nuspecs = [n for n in names if n.endswith(".nuspec") and "/" not in n]
        if len(nuspecs) != 1:
            raise Failure(f"{path}: expected one .nuspec at the root, found {len(nuspecs)}")
        try:
            nuspec = ET.fromstring(archive.read(nuspecs[0]))
        except ET.ParseError as e:
            raise Failure(f"{path}: {nuspecs[0]} is not valid XML: {e}")
        metadata = next((c for c in nuspec if local(c.tag) == "metadata"), None)
        if metadata is None:
            raise Failure(f"{path}: {nuspecs[0]} has no <metadata>")
        fields = {local(c.tag): c for c in metadata}

        def text(name):
            element = fields.get(name)
            return (element.text or "").strip() if element is not None else ""

        if text("id") != package_id:
            problems.append(f"id is '{text('id')}', expected {package_id}")
        if text("version") != version:
            problems.append(f"version is '{text('version')}', expected {version}")
        if text("developmentDependency").lower() != "true":
            problems.append(f"developmentDependency is '{text('developmentDependency') or '(absent)'}', expected true")
        dependencies = fields.get("dependencies")
        if dependencies is not None:
            listed = [d.get("id") for d in dependencies.iter() if local(d.tag) == "dependency"]
            if listed:
                problems.append("dependencies: " + ", ".join(listed))
        readme = text("readme")
        if not readme:
            problems.append("no <readme> in the nuspec")
        elif readme not in names:
            problems.append(f"<readme> names {readme}, which is not in the package")
        license_element = fields.get("license")
        license_file = (license_element.text or "").strip() if license_element is not None else ""
        if license_element is None:
            problems.append("no <license> in the nuspec")
        elif license_element.get("type") == "file" and license_file not in names:
            problems.append(f"<license> names {license_file}, which is not in the package")
        if "README.md" not in names:
            problems.append("README.md is not in the package")
        if "LICENSE" not in names:
            problems.append("LICENSE is not in the package")
    print(f"{os.path.basename(path)}: {len(names)} file(s): " + ", ".join(sorted(n for n in names if not n.startswith(("_rels/", "package/", "[Content_Types]")))))
    for problem in problems:
        print(f"  {problem}")
    return 1 if problems else 0


def cmd_assets(args):
    if len(args) != 3:
        raise Failure("usage: assets ASSETS_JSON ID VERSION")
    path, package_id, version = args
    try:
        assets = json.loads(read_text(path))
    except ValueError as e:
        raise Failure(f"{path} is not JSON: {e}")
    library = (assets.get("libraries") or {}).get(f"{package_id}/{version}")
    if not library:
        print(f"  the consumer did not restore {package_id} {version} (see {path})")
        return 1
    if library.get("type") != "package":
        print(f"  {package_id} {version} restored as '{library.get('type')}', expected a package")
        return 1
    files = set(library.get("files") or [])
    missing = [f for f in (f"analyzers/dotnet/cs/{package_id}.dll", f"analyzers/dotnet/cs/{package_id}.CodeFixes.dll") if f not in files]
    if missing:
        print("  restored package lacks " + ", ".join(missing))
        return 1
    print(f"restored {package_id} {version} from {library.get('path')} with its analyzers")
    return 0


COMMANDS = {
    "extract": cmd_extract,
    "compare": cmd_compare,
    "write": cmd_write,
    "errors": cmd_errors,
    "sarif": cmd_sarif,
    "nupkg": cmd_nupkg,
    "assets": cmd_assets,
}


def main(argv):
    if len(argv) < 2 or argv[1] not in COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        return COMMANDS[argv[1]](argv[2:])
    except Failure as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # never a stack trace in CI output
        print(f"error: {argv[1]} failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
