#!/bin/bash
# The sanitizer run: the test_progs selection, the demo's application and a
# seeded fuzz run (vm/sanitizer-run.sh) on the patched kernel and on the
# unpatched base, both built with config/vm.config plus
# config/sanitizer.config (KASAN, lockdep, kmemleak, DEBUG_ATOMIC_SLEEP,
# DEBUG_OBJECTS). Fails on any kernel report (KASAN, lockdep, BUG, WARNING,
# a kmemleak leak) on the patched kernel that the base kernel does not also
# show; reports are compared by kind and function, offsets and line numbers
# stripped. Expects 'make example initramfs'. On demand: 'make sanitize'.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

OUT=$BUILD/sanitizer
FRAGMENTS="$TOP/config/vm.config $TOP/config/sanitizer.config"
FUZZ_SEED=${FUZZ_SEED:-20261203}
FUZZ_CALLS=${FUZZ_CALLS:-20000}

build()	# build TREE KOUT
{
	TREE=$1 KOUT=$2 KERNEL_FRAGMENTS=$FRAGMENTS "$TOP/scripts/build-kernel.sh"
}

# reports LOG: one line per kernel report in LOG (scripts/kernel-reports.awk)
reports()
{
	awk -f "$TOP/scripts/kernel-reports.awk" "$1" | sort -u
}

# run KOUT LOG: the guest's part, with bpf_testmod.ko built for KOUT (in
# KOUT-testmod): a module built for another config has another struct
# module and does not load
run()
{
	local allow deny

	allow=$(selftests_tests | paste -sd, -)
	deny=$(selftests_key deny | paste -sd, -)
	KOUT=$1 VM_TIMEOUT=3600 "$TOP/scripts/vm-run.sh" \
		-f "$BUILD/fuzz/bpf_fuzz" -f "$BUILD/fuzz/corpus" -f "$BUILD/example/hello" \
		-f "$1-testmod/bpf_testmod.ko" \
		-- "$TOP/vm/sanitizer-run.sh" "$allow" "$deny" "$FUZZ_SEED" "$FUZZ_CALLS" \
		> "$2" 2>&1 || true
}

mkdir -p "$OUT"
# the fuzzer and its corpus, built by a zero-call fuzz run's build step
[ -x "$BUILD/fuzz/bpf_fuzz" ] || die "no fuzzer at $BUILD/fuzz/bpf_fuzz; run 'make fuzz CALLS=1'"
base_worktree

say "building the patched kernel with config/sanitizer.config"
build "$TREE" "$OUT/kbuild"
build_testmod "$TREE" "$OUT/kbuild" "$OUT/kbuild-testmod"
say "building the base kernel with config/sanitizer.config"
build "$BASE_TREE" "$OUT/base-kbuild"
build_testmod "$BASE_TREE" "$OUT/base-kbuild" "$OUT/base-kbuild-testmod"

say "running on the patched kernel (log: $OUT/patched.log)"
start=$(date +%s)
run "$OUT/kbuild" "$OUT/patched.log"
patched_s=$(($(date +%s) - start))
say "running on the base kernel (log: $OUT/base.log)"
run "$OUT/base-kbuild" "$OUT/base.log"

reports "$OUT/patched.log" > "$OUT/patched.reports"
reports "$OUT/base.log" > "$OUT/base.reports"
grep '^sanitizer:' "$OUT/patched.log" | sed 's/^/patched: /'
# the base fails the tests of what it lacks: its tally, not their names
grep '^sanitizer:' "$OUT/base.log" | grep -v '^sanitizer: test_progs failed:' |
	sed 's/^/base:    /'
echo "kernel reports: patched $(wc -l < "$OUT/patched.reports"), base $(wc -l < "$OUT/base.reports");" \
	"the patched kernel's run took $patched_s s"
new=$(comm -23 "$OUT/patched.reports" "$OUT/base.reports")
if [ -n "$new" ]; then
	echo "reports on the patched kernel only:"
	echo "$new" | sed 's/^/  /'
	die "the sanitizer run found reports the base kernel does not show (logs in $OUT)"
fi
grep -q '^=== dmesg' "$OUT/patched.log" ||
	die "the patched kernel's sanitizer run did not finish (log: $OUT/patched.log)"
say "no kernel report on the patched kernel that the base kernel does not show"
