#!/bin/bash
# The differential regression run: the same test_progs binary and
# selection (config/selftests.list, with its 'regress:' tests), and
# test_verifier and test_maps whole, on the unpatched base kernel and on
# the patched one, same config (both as 'make bench' builds them). Fails if a test or
# subtest that passes on the base fails on the patched kernel; prints both
# tallies and the difference, read from test_progs' --json-summary (which
# lists the failed tests and subtests) and test_verifier's per-test lines.
# Tests of what the base lacks fail there, so they compare only where the
# base runs them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

OUT=$BUILD/regress

say "building the base kernel (when stale)"
build_base_kernel

# in_vm KOUT LOG [vm-run.sh options] -- ARGS: a boot of vm/regress-run.sh
in_vm()
{
	local kout=$1 log=$2

	shift 2
	KOUT=$kout VM_TIMEOUT=3600 "$TOP/scripts/vm-run.sh" "$@" >> "$log" 2>&1 || true
	[ "$(grep -c '^=== end' "$log")" -ge 1 ] || die "a run on $kout did not finish (log: $log)"
}

mkdir -p "$OUT"
build_testmod "$BASE_TREE" "$BASE_KOUT" "$OUT/base-testmod"
allow=$( (selftests_tests; selftests_key regress) | paste -sd, -)
deny=$(selftests_key deny | paste -sd, -)
for k in patched base; do
	kout=$KOUT testmod=()
	if [ $k = base ]; then
		kout=$BASE_KOUT
		testmod=(-f "$OUT/base-testmod/bpf_testmod.ko")
	fi
	say "running test_progs, test_verifier and test_maps on the $k kernel (log: $OUT/$k.log)"
	: > "$OUT/$k.log"
	in_vm "$kout" "$OUT/$k.log" -- "$TOP/vm/regress-run.sh" test_progs "$allow" "$deny"
	in_vm "$kout" "$OUT/$k.log" "${testmod[@]}" -- "$TOP/vm/regress-run.sh" test_verifier
	in_vm "$kout" "$OUT/$k.log" -- "$TOP/vm/regress-run.sh" test_maps
	[ "$(grep -c '^=== end' "$OUT/$k.log")" = 3 ] || die "the $k kernel's runs did not finish (log: $OUT/$k.log)"
done

"$TOP/scripts/compare-test-runs.py" "$OUT/base.log" "$OUT/patched.log"
