#!/usr/bin/python3
"""Compare two runs of the same test binaries and selection, on the base
kernel and on the patched one (vm/regress-run.sh's output): test_progs'
--json-summary between '=== test_progs summary' and '=== end', and, when
the run has them, test_verifier's output after '=== test_verifier' and
test_maps' after '=== test_maps'. Prints
each run's tallies, how many tests fail on the base only, and every
regression: a test or subtest that fails on the patched kernel but not on
the base. Exit status 1 when there is one.

    compare-test-runs.py BASE_LOG PATCHED_LOG
"""
import json, re, sys

def section(text, start):
    """The lines after a '=== START' line, up to the next '=== ' line."""
    if ("=== %s\n" % start) not in text:
        return None
    return re.split(r"^=== ", text.split("=== %s\n" % start, 1)[1], maxsplit=1, flags=re.M)[0]

def parse_test_progs(text):
    summary = json.loads(section(text, "test_progs summary"))
    failed = set()
    for t in summary["results"]:
        if t["failed"] and not t["subtests"]:
            failed.add(t["name"])
        for s in t["subtests"]:
            if s["failed"]:
                failed.add("%s/%s" % (t["name"], s["name"]))
    tally = ("test_progs: %d tests passed (%d subtests), %d skipped, %d failed"
             % (summary["success"], summary["success_subtest"], summary["skipped"],
                summary["failed"]))
    return tally, failed

def finished(text, name, last, missing):
    """The section of a run of NAME and the match of its LAST line, or
    None when the run has no such section; exit when LAST is MISSING."""
    body = section(text, name)
    if body is None:
        return None
    m = re.search(last, body, re.M)
    if not m:
        sys.exit("%s did not finish: no %s" % (name, missing))
    return body, m

def parse_test_verifier(text):
    """test_verifier prints '#N/p description FAIL' per failed test (u for
    the unprivileged run) and a 'Summary:' line; no Summary: it died."""
    run = finished(text, "test_verifier", r"^Summary: (\d+) PASSED, (\d+) SKIPPED, (\d+) FAILED$",
                   "'Summary:' line")
    if run is None:
        return None
    body, m = run
    failed = {"test_verifier " + f for f in re.findall(r"^(#\d+/[up] .*) FAIL$", body, re.M)}
    tally = "test_verifier: %s passed, %s skipped, %s failed" % m.groups()
    return tally, failed

def parse_test_maps(text):
    """test_maps stops at its first failure ('func(line):FAIL:tag ...') and
    prints 'test_maps: OK, N SKIPPED' when all pass: one result for all."""
    run = finished(text, "test_maps", r"^test_maps exit status (\d+)$", "exit status")
    if run is None:
        return None
    body, m = run
    ok = re.search(r"^test_maps: OK, (\d+) SKIPPED$", body, re.M)
    if ok and m.group(1) == "0":
        return "test_maps: passed, %s skipped" % ok.group(1), set()
    fail = re.search(r"^.*:FAIL:.*$", body, re.M)
    why = fail.group(0) if fail else "exit status " + m.group(1)
    return "test_maps: failed (%s)" % why, {"test_maps"}

def parse(path):
    text = open(path).read()
    runs = [parse_test_progs(text), parse_test_verifier(text), parse_test_maps(text)]
    return [r for r in runs if r is not None]

base, patched = parse(sys.argv[1]), parse(sys.argv[2])
if len(base) != len(patched):
    sys.exit("the two runs ran different test binaries")
for name, runs in (("base", base), ("patched", patched)):
    for tally, _ in runs:
        print("%-8s %s" % (name, tally))
base_failed = set().union(*(f for _, f in base))
patched_failed = set().union(*(f for _, f in patched))
only_base = sorted(base_failed - patched_failed)
broken = sorted(patched_failed - base_failed)
print("failing on the base only (what the base lacks): %d tests and subtests" % len(only_base))
for t in broken:
    print("REGRESSION: " + t)
print("passing on the base, failing on the patched kernel: %d" % len(broken))
sys.exit(1 if broken else 0)
