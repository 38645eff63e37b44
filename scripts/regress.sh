#!/bin/bash
# The differential regression run: the same test_progs binary and
# selection (config/selftests.list), and test_verifier whole, on the
# unpatched base kernel and on the patched one, same config (both as 'make
# bench' builds them). Fails if a test or subtest that passes on the base
# fails on the patched kernel; prints both tallies and the difference, read
# from test_progs' --json-summary (which lists the failed tests and
# subtests) and test_verifier's per-test lines. Tests of what the base lacks
# fail there, so they compare only where the base runs them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

OUT=$BUILD/regress
BASE_KOUT=$BUILD/base/kbuild

if [ ! -f "$BASE_KOUT/arch/x86/boot/bzImage" ]; then
	base_worktree
	say "building the base kernel"
	TREE=$BASE_TREE KOUT=$BASE_KOUT "$TOP/scripts/build-kernel.sh"
fi

mkdir -p "$OUT"
allow=$(selftests_tests | paste -sd, -)
deny=$(selftests_key deny | paste -sd, -)
for k in patched base; do
	kout=$KOUT
	[ $k = base ] && kout=$BASE_KOUT
	say "running test_progs on the $k kernel (log: $OUT/$k.log)"
	KOUT=$kout VM_TIMEOUT=3600 "$TOP/scripts/vm-run.sh" -- \
		"$TOP/vm/regress-run.sh" "$allow" "$deny" > "$OUT/$k.log" 2>&1 || true
	grep -q '^=== end' "$OUT/$k.log" || die "the $k kernel's run did not finish (log: $OUT/$k.log)"
done

"$TOP/scripts/compare-test-runs.py" "$OUT/base.log" "$OUT/patched.log"
