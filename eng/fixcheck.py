#!/usr/bin/env python3
"""Checks for eng/check-fixes.sh (standard library only).

Subcommands:
  rules     ROOT                               print the rules that have a code fix, one a line (read from the
                                               code-fix providers' FixableDiagnosticIds and Descriptors.cs's RuleIds)
  known     ROOT                               print every rule id the analyzers define, one a line
  copy      SRC DST                            copy the project folder SRC to DST (no bin/ or obj/), with
                                               relative ProjectReference paths made absolute, so that the copy
                                               builds from another folder
  selftest  FILE                               check the "changes in place" judge on a C# file: an edit inside
                                               a member is in place for a diagnostic there, an edit of another
                                               member or of the namespace line is not
  count     SARIF RULE...                      print how many unsuppressed results of the rules the SARIF log has
  check     ORIG FIXED BASE_SARIF FIXED_SARIF RULES [--format-status N] [--build-errors FILE]
                                               judge one dotnet-format run: print a table row
                                               "fix applied|builds clean|diagnostic gone|changes in place"
                                               (each yes/no, with counts) and the reasons for every "no";
                                               exit 1 when any is "no"

"Changes in place": every changed line of a changed file lies in what the fix is about, computed on the
original file for each diagnostic of the rules (its location and its related locations):
  - the member that contains it (method, constructor, property, field, event, accessor list), from the
    line after the previous member (so its comments and attributes count) to its last line;
  - lines added anywhere in the body of the type that contains it (a new member, field or teardown),
    and changes to that type's declaration lines (a base list);
  - the file's using directives, and lines added next to them.
A file with changes and no diagnostic of the rules is out of place.

Exit codes: 0 ok, 1 check failed, 2 usage or input error. Messages never carry a stack trace.
"""

import difflib
import json
import os
import re
import shutil
import sys
import urllib.parse
import urllib.request


class Failure(Exception):
    """An input that cannot be read or a usage error: printed without a trace (exit 2)."""


# ---- Rules ------------------------------------------------------------------------------------

def rule_constants(root):
    path = os.path.join(root, "src", "SupabaseRealtime.Analyzers", "Descriptors.cs")
    text = read(path)
    body = re.search(r"class\s+RuleIds\s*\{(?P<body>.*?)\}", text, re.S)
    if not body:
        raise Failure(f"{path}: no RuleIds class")
    return dict(re.findall(r'const\s+string\s+(\w+)\s*=\s*"(SRT\d{3})"', body.group("body")))


def fixable_rules(root):
    constants = rule_constants(root)
    folder = os.path.join(root, "src", "SupabaseRealtime.Analyzers.CodeFixes", "Rules")
    if not os.path.isdir(folder):
        raise Failure(f"{folder} does not exist")
    found = set()
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".cs"):
            continue
        text = read(os.path.join(folder, name))
        for match in re.finditer(r"FixableDiagnosticIds\s*(?:=>|\{\s*get;\s*\}\s*=)\s*ImmutableArray\.Create\((?P<ids>[^)]*)\)", text):
            for ident in re.findall(r"RuleIds\.(\w+)", match.group("ids")):
                if ident in constants:
                    found.add(constants[ident])
            for literal in re.findall(r'"(SRT\d{3})"', match.group("ids")):
                found.add(literal)
    return sorted(found)


# ---- Copying a project ------------------------------------------------------------------------

def copy_project(src, dst):
    if not os.path.isdir(src):
        raise Failure(f"{src} is not a folder")
    projects = [n for n in os.listdir(src) if n.endswith(".csproj")]
    if len(projects) != 1:
        raise Failure(f"{src} holds {len(projects)} .csproj files; expected one")
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("bin", "obj"))
    project = os.path.join(dst, projects[0])
    text = read(project)

    def absolute(match):
        value = match.group("path")
        if os.path.isabs(value) or "$(" in value:
            return match.group(0)
        full = os.path.normpath(os.path.join(os.path.abspath(src), value.replace("\\", "/")))
        return match.group("head") + full + match.group("tail")

    text = re.sub(r'(?P<head><ProjectReference\s+Include=")(?P<path>[^"]+)(?P<tail>")', absolute, text)
    with open(project, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    print(projects[0])


# ---- SARIF ------------------------------------------------------------------------------------

def local_path(uri):
    if uri.startswith("file://"):
        return urllib.request.url2pathname(urllib.parse.urlparse(uri).path)
    return uri


def sarif_results(path):
    """(ruleId, level, file, line, message, related[(file, line)]) of every unsuppressed result."""
    try:
        log = json.loads(read(path))
    except ValueError as e:
        raise Failure(f"{path} is not JSON: {e}")
    results = []
    for run in log.get("runs") or []:
        for result in run.get("results") or []:
            if result.get("suppressions"):
                continue
            rule = result.get("ruleId") or ""
            level = result.get("level") or "warning"
            message = ((result.get("message") or {}).get("text")) or ""
            file, line = None, None
            for location in result.get("locations") or []:
                physical = location.get("physicalLocation") or {}
                uri = (physical.get("artifactLocation") or {}).get("uri")
                if uri:
                    file = os.path.realpath(local_path(uri))
                    line = (physical.get("region") or {}).get("startLine")
                    break
            related = []
            for location in result.get("relatedLocations") or []:
                physical = location.get("physicalLocation") or {}
                uri = (physical.get("artifactLocation") or {}).get("uri")
                if uri:
                    related.append((os.path.realpath(local_path(uri)), (physical.get("region") or {}).get("startLine")))
            results.append((rule, level, file, line, message, related))
    return results


# ---- C# structure -----------------------------------------------------------------------------

TYPE_HEADER = re.compile(r"\b(class|struct|interface|record|enum)\s+@?[A-Za-z_]")


def tokens(text):
    """Structural tokens of C# source: (kind, char index), kind one of { } ; = word. Strings, chars and comments are skipped."""
    out = []
    i, n = 0, len(text)

    def scan_literal(i):
        # Returns the index just after the literal starting at i (i points at $, @ or ").
        j = i
        interpolated = verbatim = False
        while j < n and text[j] in "$@":
            interpolated |= text[j] == "$"
            verbatim |= text[j] == "@"
            j += 1
        if text.startswith('"""', j):
            # Raw string literal: as many quotes close it as opened it.
            q = j
            while q < n and text[q] == '"':
                q += 1
            quotes = q - j
            close = text.find('"' * quotes, q)
            return n if close < 0 else close + quotes
        j += 1  # the opening quote
        while j < n:
            c = text[j]
            if verbatim:
                if c == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        j += 2
                        continue
                    return j + 1
            else:
                if c == "\\":
                    j += 2
                    continue
                if c == '"':
                    return j + 1
                if c == "\n":
                    return j
            if interpolated and c == "{":
                if j + 1 < n and text[j + 1] == "{":
                    j += 2
                    continue
                j = scan_hole(j + 1)
                continue
            j += 1
        return n

    def scan_hole(j):
        depth = 1
        while j < n and depth > 0:
            c = text[j]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            elif c == '"' or (c in "$@" and j + 1 < n and text[j + 1] in '"$@'):
                j = scan_literal(j)
                continue
            elif c == "'":
                j = scan_char(j)
                continue
            j += 1
        return j

    def scan_char(j):
        k = j + 1
        while k < n and text[k] != "'" and text[k] != "\n":
            k += 2 if text[k] == "\\" else 1
        return k + 1

    line_start = True
    while i < n:
        c = text[i]
        if c == "\n":
            line_start = True
            i += 1
            continue
        if c in " \t\r":
            i += 1
            continue
        if line_start and c == "#":
            # Preprocessor directive: the rest of the line.
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        line_start = False
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if c == '"' or (c in "$@" and i + 1 < n and text[i + 1] in '"$@'):
            i = scan_literal(i)
            continue
        if c == "'":
            i = scan_char(i)
            continue
        if c in "{};=":
            if c == "=" and i + 1 < n and text[i + 1] in "=>":
                i += 2
                continue
            if c == "=" and i > 0 and text[i - 1] in "!<>=+-*/%&|^?":
                i += 1
                continue
            out.append((c, i))
            i += 1
            continue
        if c.isalpha() or c == "_" or c == "@":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            out.append(("word:" + text[i:j].lstrip("@"), i))
            i = j
            continue
        out.append(("other", i))
        i += 1
    return out


class Structure:
    """Members and types of one C# file, by 1-based line."""

    def __init__(self, text):
        self.lines = text.split("\n")
        starts = [0]
        for index, ch in enumerate(text):
            if ch == "\n":
                starts.append(index + 1)
        self._starts = starts
        self.members = []   # (start, end) 1-based inclusive
        self.types = []     # (header_start, open, close) 1-based
        self.usings = []    # lines of using directives
        self._parse(tokens(text))

    def line_of(self, index):
        lo, hi = 0, len(self._starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._starts[mid] <= index:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def _parse(self, toks):
        line = lambda k: self.line_of(toks[k][1])
        n = len(toks)

        def block_end(k):
            """k at '{': index of its matching '}'."""
            depth = 0
            while k < n:
                if toks[k][0] == "{":
                    depth += 1
                elif toks[k][0] == "}":
                    depth -= 1
                    if depth == 0:
                        return k
                k += 1
            return n - 1

        def container(k, end, in_type, boundary_line):
            """Parses members between token k and end (exclusive): namespace or type bodies."""
            header = []
            start = k
            while k < end:
                kind = toks[k][0]
                if kind == "word:using" and not in_type and not header:
                    # using directive: to its ';'
                    j = k
                    while j < end and toks[j][0] != ";":
                        j += 1
                    for l in range(line(k), line(min(j, n - 1)) + 1):
                        self.usings.append(l)
                    k = j + 1
                    boundary_line = line(min(j, n - 1))
                    start = k
                    continue
                if kind == "{":
                    close = block_end(k)
                    words = " ".join(t[0][5:] for t in toks[start:k] if t[0].startswith("word:"))
                    if TYPE_HEADER.search(words) and not re.search(r"\benum\b", words):
                        self.types.append((line(start), line(k), line(close)))
                        container(k + 1, close, True, line(k))
                        if in_type:
                            self.members.append((boundary_line + 1, line(close)))
                        boundary_line = line(close)
                        k = close + 1
                        start = k
                        header = []
                        continue
                    if re.search(r"\bnamespace\b", words) and not in_type:
                        container(k + 1, close, False, line(k))
                        boundary_line = line(close)
                        k = close + 1
                        start = k
                        header = []
                        continue
                    # A member's block (or an enum): the member goes on when '=' or ';' follows (an initializer).
                    k = close + 1
                    if k < end and toks[k][0] in ("=", ";"):
                        header.append(kind)
                        continue
                    if in_type:
                        self.members.append((boundary_line + 1, line(close)))
                    boundary_line = line(close)
                    start = k
                    header = []
                    continue
                if kind == ";":
                    if in_type:
                        self.members.append((boundary_line + 1, line(k)))
                    boundary_line = line(k)
                    k += 1
                    start = k
                    header = []
                    continue
                header.append(kind)
                k += 1

        container(0, n, False, 0)

    def member_of(self, line):
        inner = None
        for start, end in self.members:
            if start <= line <= end and (inner is None or end - start < inner[1] - inner[0]):
                inner = (start, end)
        return inner

    def type_of(self, line):
        inner = None
        for header, open_, close in self.types:
            if header <= line <= close and (inner is None or close - header < inner[2] - inner[0]):
                inner = (header, open_, close)
        return inner


def allowed_regions(text, lines):
    """(changed, inserted): sets of original 1-based lines that may change, and of positions (0-based line indexes) where lines may be added."""
    structure = Structure(text)
    changed, inserted = set(), set()
    for line in lines:
        member = structure.member_of(line)
        if member:
            changed.update(range(member[0], member[1] + 1))
            inserted.update(range(member[0] - 1, member[1] + 1))
        type_ = structure.type_of(line)
        if type_:
            header, open_, close = type_
            changed.update(range(header, open_ + 1))
            inserted.update(range(open_, close))
        if not member and not type_:
            # Top-level statements: the whole file is what the fix is about.
            changed.update(range(1, len(structure.lines) + 1))
            inserted.update(range(0, len(structure.lines) + 1))
    if structure.usings:
        changed.update(structure.usings)
        inserted.update(range(min(structure.usings) - 1, max(structure.usings) + 1))
    elif lines:
        inserted.add(0)
    return changed, inserted


def out_of_place(original, fixed, lines):
    """The diff hunks of fixed against original that fall outside the allowed regions, as readable strings."""
    a = original.split("\n")
    b = fixed.split("\n")
    changed, inserted = allowed_regions(original, lines)
    problems = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert":
            if i1 not in inserted:
                problems.append(f"lines added after original line {i1}: {b[j1].strip()[:60]!r}")
            continue
        bad = [l for l in range(i1 + 1, i2 + 1) if l not in changed]
        if bad:
            problems.append(f"original lines {i1 + 1}-{i2} {tag}d (line {bad[0]} is outside the fix's member): {a[bad[0] - 1].strip()[:60]!r}")
    return problems


# ---- check ------------------------------------------------------------------------------------

def source_files(folder):
    found = {}
    for base, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in ("bin", "obj")]
        for name in files:
            if name.endswith((".cs", ".razor", ".csproj", ".props", ".targets", ".editorconfig", ".json")):
                path = os.path.join(base, name)
                found[os.path.relpath(path, folder)] = path
    return found


def no_fix_places():
    """(rule, file name) pairs of eng/fixcheck-no-fix.txt: where a rule offers no fix by design."""
    path = os.path.join(os.path.dirname(os.path.realpath(__file__)), "fixcheck-no-fix.txt")
    places = set()
    if not os.path.isfile(path):
        return places
    for number, line in enumerate(read(path).splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) < 3 or not re.match(r"^SRT\d{3}$", parts[0]):
            raise Failure(f"{path}:{number}: expected 'SRTxxx File.cs reason', got: {line}")
        places.add((parts[0], parts[1]))
    return places


def cmd_check(args):
    status_arg, errors_file = None, None
    rest = []
    i = 0
    while i < len(args):
        if args[i] == "--format-status" and i + 1 < len(args):
            status_arg = args[i + 1]
            i += 2
        elif args[i] == "--build-errors" and i + 1 < len(args):
            errors_file = args[i + 1]
            i += 2
        else:
            rest.append(args[i])
            i += 1
    if len(rest) != 5:
        raise Failure("usage: check ORIG FIXED BASE_SARIF FIXED_SARIF RULES [--format-status N] [--build-errors FILE]")
    orig, fixed, base_sarif, fixed_sarif, rules = rest
    rules = [r.strip().upper() for r in rules.split(",") if r.strip()]
    orig, fixed = os.path.realpath(orig), os.path.realpath(fixed)
    reasons = []

    base = sarif_results(base_sarif)
    base_rule = [r for r in base if r[0] in rules]

    # 1. fix applied: dotnet format succeeded and changed a file.
    before, after = source_files(orig), source_files(fixed)
    changed_files = sorted(rel for rel in set(before) | set(after)
                           if rel not in before or rel not in after or read(before[rel]) != read(after[rel]))
    format_ok = status_arg in (None, "0")
    applied = format_ok and bool(changed_files)
    if not format_ok:
        reasons.append(f"dotnet format exited with {status_arg}")
    if not changed_files:
        reasons.append("dotnet format changed no file")

    # 2. builds clean: the compiler ran, no error, no compiler warning the original did not have.
    clean = True
    if not os.path.isfile(fixed_sarif):
        clean = False
        reasons.append("the fixed project's build wrote no SARIF log (the compiler did not run)")
        results = []
    else:
        results = sarif_results(fixed_sarif)

    def relative(path, folder):
        return os.path.relpath(path, folder) if path else "?"

    errors = [r for r in results if r[1] == "error" and not r[0].startswith("SRT")]
    if errors:
        clean = False
        for r in errors[:10]:
            reasons.append(f"compiler error {r[0]} at {relative(r[2], fixed)}:{r[3]}: {r[4]}")
    if errors_file and os.path.isfile(errors_file) and read(errors_file).strip():
        clean = False
        for line in read(errors_file).strip().splitlines()[:10]:
            reasons.append(f"build error: {line.strip()}")
    base_warnings = [(r[0], relative(r[2], orig), r[4]) for r in base if r[1] == "warning" and not r[0].startswith("SRT")]
    new_warnings = []
    remaining = list(base_warnings)
    for r in results:
        if r[1] != "warning" or r[0].startswith("SRT"):
            continue
        key = (r[0], relative(r[2], fixed), r[4])
        if key in remaining:
            remaining.remove(key)
        else:
            new_warnings.append((r, key))
    if new_warnings:
        clean = False
        for r, key in new_warnings[:10]:
            reasons.append(f"new compiler warning {r[0]} at {key[1]}:{r[3]}: {r[4]}")

    # 3. diagnostic gone, but where the rule offers no fix by design (eng/fixcheck-no-fix.txt).
    no_fix = no_fix_places()
    left = [r for r in results if r[0] in rules and (r[0], os.path.basename(r[2] or "")) not in no_fix]
    kept = [r for r in results if r[0] in rules and (r[0], os.path.basename(r[2] or "")) in no_fix]
    gone = os.path.isfile(fixed_sarif) and not left
    for r in left[:10]:
        reasons.append(f"{r[0]} still reported at {relative(r[2], fixed)}:{r[3]}")

    # 4. changes in place.
    lines_by_file = {}
    for r in base_rule:
        for file, line in [(r[2], r[3])] + list(r[5]):
            if file and line:
                lines_by_file.setdefault(relative(file, orig), set()).add(int(line))
    in_place = True
    for rel in changed_files:
        if rel not in before or rel not in after:
            in_place = False
            reasons.append(f"{rel} was {'added' if rel not in before else 'deleted'}")
            continue
        lines = lines_by_file.get(rel)
        if not lines:
            in_place = False
            reasons.append(f"{rel} changed but has no {'/'.join(rules)} diagnostic")
            continue
        for problem in out_of_place(read(before[rel]), read(after[rel]), sorted(lines)):
            in_place = False
            reasons.append(f"{rel}: {problem}")

    def cell(ok, detail):
        return ("yes" if ok else "NO") + (f" ({detail})" if detail else "")

    files_detail = f"{len(changed_files)} file{'s' if len(changed_files) != 1 else ''}"
    print("|".join([
        cell(applied, files_detail),
        cell(clean, f"{len(new_warnings)} new warning{'s' if len(new_warnings) != 1 else ''}" if os.path.isfile(fixed_sarif) else "not built"),
        cell(gone, f"{len(base_rule)} -> {len(left)}" + (f", {len(kept)} with no fix by design" if kept else "")),
        cell(in_place, ""),
    ]))
    for reason in reasons:
        print("  " + reason, file=sys.stderr)
    return 0 if applied and clean and gone and in_place else 1


def cmd_count(args):
    if len(args) < 2:
        raise Failure("usage: count SARIF RULE...")
    rules = {a.upper() for a in args[1:]}
    print(sum(1 for r in sarif_results(args[0]) if r[0] in rules))
    return 0


def cmd_selftest(args):
    if len(args) != 1:
        raise Failure("usage: selftest FILE")
    text = read(args[0])
    structure = Structure(text)
    members = [m for m in structure.members if m[1] > m[0]]
    if len(members) < 2:
        raise Failure(f"{args[0]}: needs two members of several lines for the self-test")
    first, second = members[0], members[-1]
    lines = text.split("\n")

    def edited(line):
        copy = list(lines)
        copy[line - 1] = copy[line - 1] + " "
        return "\n".join(copy)

    inside = out_of_place(text, edited(second[1]), [second[1]])
    outside = out_of_place(text, edited(first[1]), [second[1]])
    failures = []
    if inside:
        failures.append(f"an edit of line {second[1]} was judged out of place for a diagnostic on that line: {inside}")
    if not outside:
        failures.append(f"an edit of line {first[1]} (another member) was judged in place for a diagnostic on line {second[1]}")
    for failure in failures:
        print(failure)
    if not failures:
        print(f"selftest: ok ({len(structure.members)} members, {len(structure.types)} types in {os.path.basename(args[0])})")
    return 1 if failures else 0


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError as e:
        raise Failure(f"cannot read {path}: {e.strerror}")


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    command, args = argv[1], argv[2:]
    try:
        if command == "rules" and len(args) == 1:
            print("\n".join(fixable_rules(args[0])))
            return 0
        if command == "known" and len(args) == 1:
            print("\n".join(sorted(rule_constants(args[0]).values())))
            return 0
        if command == "copy" and len(args) == 2:
            copy_project(args[0], args[1])
            return 0
        if command == "selftest":
            return cmd_selftest(args)
        if command == "count":
            return cmd_count(args)
        if command == "check":
            return cmd_check(args)
        print(__doc__.strip(), file=sys.stderr)
        return 2
    except Failure as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # never a stack trace in CI output
        print(f"error: {command} failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
