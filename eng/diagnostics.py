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
  nupkg    NUPKG ID VERSION PACKAGE_DIR      check the analyzer package's layout and metadata against its
                                             project folder (readme, build/ targets, analysis-mode presets)
  severities ROOT LOG...                     like extract, with each diagnostic's severity:
                                             "SRTxxx severity path:line"
  preset   MODE STATUS EXPECTED ACTUAL RELEASES... [--override ID=SEVERITY]...
                                             check one analysis-mode build: ACTUAL (a severities list) has
                                             the EXPECTED entries at the severities MODE gives them (Default:
                                             the release-tracking files RELEASES), and the build's exit STATUS
                                             fails exactly when one of them is an error
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


def extract_severities(root, logs):
    found = set()
    for log in logs:
        for raw in read_text(log).splitlines():
            m = DIAGNOSTIC.match(raw)
            if m:
                found.add(f"{m.group('id').upper()} {m.group('severity').lower()} {relative(root, m.group('path'))}:{int(m.group('line'))}")
    return sorted(found, key=lambda e: sort_key(without_severity(e)) + (e.split(" ")[1],))


def without_severity(entry):
    rule, _, rest = entry.partition(" ")
    return rule + " " + rest.partition(" ")[2]


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


def cmd_severities(args):
    if len(args) < 2:
        raise Failure("usage: severities ROOT LOG...")
    for entry in extract_severities(args[0], args[1:]):
        print(entry)
    return 0


MODES = {"default": None, "none": "none", "allwarnings": "warning", "allerrors": "error"}
SEVERITIES = {"error": "error", "warning": "warning", "info": "info", "suggestion": "info", "hidden": "none", "silent": "none", "none": "none"}
RELEASE_ROW = re.compile(r"^\s*(?P<id>[A-Z]+\d+)\s*\|[^|]*\|\s*(?P<severity>\w+)\s*\|")


def default_severities(release_files):
    """Each rule's default severity from the release-tracking files (the compiler holds them to the
    descriptors): the last row that names the rule wins, Shipped releases before Unshipped."""
    severities = {}
    for path in release_files:
        section = ""
        for raw in read_text(path).splitlines():
            if raw.startswith("###"):
                section = raw.strip("# ").lower()
                continue
            m = RELEASE_ROW.match(raw)
            if not m or m.group("severity").lower() == "severity":
                continue
            if section.startswith("removed"):
                severities.pop(m.group("id"), None)
            else:
                severities[m.group("id")] = m.group("severity").lower()
    return severities


def cmd_preset(args):
    overrides = {}
    rest = []
    iterator = iter(args)
    for arg in iterator:
        if arg == "--override":
            value = next(iterator, None)
            if value is None or "=" not in value:
                raise Failure("--override needs ID=SEVERITY")
            rule, severity = value.split("=", 1)
            if severity.lower() not in SEVERITIES:
                raise Failure(f"--override {value}: unknown severity '{severity}'")
            overrides[rule.upper()] = SEVERITIES[severity.lower()]
        else:
            rest.append(arg)
    if len(rest) < 5:
        raise Failure("usage: preset MODE STATUS EXPECTED ACTUAL RELEASES... [--override ID=SEVERITY]...")
    mode, status, expected_path, actual_path, releases = rest[0], rest[1], rest[2], rest[3], rest[4:]
    if mode.lower() not in MODES:
        raise Failure(f"unknown analysis mode '{mode}' (expected Default, None, AllWarnings or AllErrors)")
    if not status.isdigit():
        raise Failure(f"STATUS must be the build's exit code, not '{status}'")
    preset = MODES[mode.lower()]
    defaults = default_severities(releases)
    expected = set()
    for entry in read_list(expected_path):
        rule = entry.split(" ", 1)[0]
        if rule in overrides:
            severity = overrides[rule]
        elif preset is not None:
            severity = preset
        elif rule in defaults:
            severity = SEVERITIES.get(defaults[rule], defaults[rule])
        else:
            raise Failure(f"{rule} has no severity in the release-tracking files {', '.join(releases)}")
        if severity != "none":
            rule, _, location = entry.partition(" ")
            expected.add(f"{rule} {severity} {location}")
    actual = set()
    for number, raw in enumerate(read_text(actual_path).splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            actual.add(line)
    missing = sorted(expected - actual)
    extra = sorted(actual - expected)
    must_fail = any(e.split(" ")[1] == "error" for e in expected)
    failed = status != "0"
    print(f"{mode}: expected {len(expected)} diagnostic(s), reported {len(actual)}, matched {len(expected & actual)}; "
          f"build {'failed' if failed else 'succeeded'} (exit {status}), must {'fail' if must_fail else 'succeed'}")
    for entry in sorted(expected & actual):
        print(f"  reported: {entry}")
    for entry in missing:
        print(f"  missing:  {entry}")
    for entry in extra:
        print(f"  extra:    {entry}")
    problems = bool(missing or extra)
    if failed != must_fail:
        print(f"FAIL: the build {'failed' if failed else 'succeeded'}, but with {mode} it must {'fail' if must_fail else 'succeed'}.")
        problems = True
    elif problems:
        print(f"FAIL: the diagnostics differ from what {mode} must report.")
    return 1 if problems else 0


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
    if len(args) != 4:
        raise Failure("usage: nupkg NUPKG ID VERSION PACKAGE_DIR")
    path, package_id, version, package_dir = args
    if not os.path.isdir(package_dir):
        raise Failure(f"{package_dir} is not a folder (the package project's folder)")
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
        if license_element is None:
            problems.append("no <license> in the nuspec")
        elif license_element.get("type") != "expression" or (license_element.text or "").strip() != "MIT":
            problems.append(f"<license type=\"{license_element.get('type')}\"> is '{(license_element.text or '').strip()}', expected the MIT licence expression")
        if "LICENSE" in names:
            problems.append("LICENSE is in the package; the licence is the MIT expression")
        project_url = text("projectUrl")
        notes = text("releaseNotes")
        if not project_url.startswith("https://"):
            problems.append(f"projectUrl is '{project_url}', expected an https:// address")
        elif notes != f"Release notes: {project_url}/blob/main/CHANGELOG.md":
            problems.append(f"releaseNotes is '{notes}', expected 'Release notes: {project_url}/blob/main/CHANGELOG.md'")

        # Files packed from the project folder, byte for byte: the package's own readme (not the repository
        # README), the targets that pick an analysis mode, and every preset.
        sources = {"README.md": "README.md",
                   "build/SupabaseRealtime.Analyzers.targets": "build/SupabaseRealtime.Analyzers.targets",
                   "buildTransitive/SupabaseRealtime.Analyzers.targets": "buildTransitive/SupabaseRealtime.Analyzers.targets"}
        presets_dir = os.path.join(package_dir, "build", "presets")
        presets = sorted(f for f in os.listdir(presets_dir) if f.endswith(".globalconfig")) if os.path.isdir(presets_dir) else []
        if not presets:
            problems.append(f"{presets_dir} holds no .globalconfig presets")
        for preset in presets:
            sources[f"build/presets/{preset}"] = f"build/presets/{preset}"
        for packed, source in sources.items():
            if packed not in names:
                problems.append(f"{packed} is not in the package")
                continue
            with open(os.path.join(package_dir, source), "rb") as f:
                if archive.read(packed) != f.read():
                    problems.append(f"{packed} differs from {os.path.join(package_dir, source)}")
        packed_presets = sorted(n for n in names if n.startswith("build/presets/"))
        if packed_presets != sorted(f"build/presets/{p}" for p in presets):
            problems.append("presets in the package (" + ", ".join(packed_presets) + ") differ from the project's (" + ", ".join(presets) + ")")
        known = set(sources) | set(expected) | {nuspecs[0]}
        unexpected = sorted(n for n in names if n not in known and not n.startswith(("_rels/", "package/", "[Content_Types]")))
        if unexpected:
            problems.append("unexpected files: " + ", ".join(unexpected))

        # The package page: nuget.org follows absolute links only, and every rule the presets set (they are
        # generated from the rule catalogue) has a row linking its page.
        if "README.md" in names and "build/presets/all-errors.globalconfig" in names:
            page = archive.read("README.md").decode("utf-8", errors="replace")
            for link in re.findall(r"\]\(([^)\s]+)\)", page):
                if not link.startswith("https://"):
                    problems.append(f"README.md links '{link}', which nuget.org cannot follow (use an absolute https:// address)")
            rules = re.findall(r"^dotnet_diagnostic\.(SRT\d{3})\.severity", archive.read("build/presets/all-errors.globalconfig").decode("utf-8"), re.MULTILINE)
            rows = dict(re.findall(r"^\| \[(SRT\d{3})\]\(([^)]*)\) \|", page, re.MULTILINE))
            for rule in rules:
                link = rows.get(rule)
                if link is None:
                    problems.append(f"README.md has no rule-table row for {rule}")
                elif link != f"{project_url}/blob/main/docs/rules/{rule}.md":
                    problems.append(f"README.md links {rule} to '{link}', expected {project_url}/blob/main/docs/rules/{rule}.md")
            for rule in sorted(set(rows) - set(rules)):
                problems.append(f"README.md lists {rule}, which the presets do not set")
            print(f"README.md: {len(rows)} rule row(s) with absolute links; presets set {len(rules)} rule(s)")
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
    "severities": cmd_severities,
    "preset": cmd_preset,
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
