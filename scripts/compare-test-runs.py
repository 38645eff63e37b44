#!/usr/bin/python3
"""Compare two runs of the same test_progs binary and selection, on the base
kernel and on the patched one: each run's output holds its --json-summary
between '=== test_progs summary' and '=== end' (vm/regress-run.sh). Prints
both tallies, the tests and subtests that fail on the base only, and every
regression: a test or subtest that fails on the patched kernel but not on
the base. Exit status 1 when there is one.

    compare-test-runs.py BASE_LOG PATCHED_LOG
"""
import json, sys

def parse(path):
    text = open(path).read()
    summary = json.loads(text.split("=== test_progs summary\n", 1)[1].split("\n=== end", 1)[0])
    failed = set()
    for t in summary["results"]:
        if t["failed"] and not t["subtests"]:
            failed.add(t["name"])
        for s in t["subtests"]:
            if s["failed"]:
                failed.add("%s/%s" % (t["name"], s["name"]))
    return summary, failed

base, patched = parse(sys.argv[1]), parse(sys.argv[2])
for name, (s, f) in (("base", base), ("patched", patched)):
    print("%-8s test_progs: %d tests passed (%d subtests), %d skipped, %d failed"
          % (name, s["success"], s["success_subtest"], s["skipped"], s["failed"]))
only_base = sorted(base[1] - patched[1])
broken = sorted(patched[1] - base[1])
print("failing on the base only (what the base lacks): %d tests and subtests" % len(only_base))
for t in broken:
    print("REGRESSION: " + t)
print("passing on the base, failing on the patched kernel: %d" % len(broken))
sys.exit(1 if broken else 0)
