#!/bin/bash
# Run every test: the tooling's own tests (tests/tooling/test-*.sh) on the
# host, the demo, then the selected test_progs tests in the VM. Prints one
# line per test and ends with 'N passed, N failed'; exits non-zero on any
# failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

LOG=$BUILD/test-logs
passed=0
failed=0
skipped=0

result()	# result PASS|FAIL|SKIP name [detail]
{
	printf '%-4s %s%s\n' "$1" "$2" "${3:+  ($3)}"
	case $1 in
	PASS) passed=$((passed + 1)) ;;
	FAIL) failed=$((failed + 1)) ;;
	SKIP) skipped=$((skipped + 1)) ;;
	esac
}

run_tooling_tests()
{
	local t name

	for t in "$TOP"/tests/tooling/test-*.sh; do
		name=tooling/$(basename "$t" .sh)
		if bash "$t" >"$LOG/$(basename "$t" .sh).log" 2>&1; then
			result PASS "$name"
		else
			result FAIL "$name" "log: $LOG/$(basename "$t" .sh).log"
		fi
	done
}

# test_progs prints '#N name:OK|SKIP|FAIL' per test and '#N/M name/sub:...'
# per subtest; report every test, and every failed subtest.
run_selftests()
{
	local allow deny log=$LOG/test_progs.log name verdict

	allow=$(selftests_tests | paste -sd, -)
	deny=$(selftests_key deny | paste -sd, -)
	echo "Running test_progs in the VM: $allow"
	[ -n "$deny" ] && echo "Not run (see config/selftests.list): $deny"
	"$TOP/scripts/vm-run.sh" -- ./test_progs -a "$allow" ${deny:+-d "$deny"} >"$log" 2>&1
	echo "VM exit status $? (full output: $log)"
	for name in $(selftests_tests); do
		verdict=$(sed -nE "s/^#[0-9]+ +$name:(OK|SKIP|FAIL)( \(SKIP: .*\))?$/\1/p" "$log" |
			  tail -n 1)
		case $verdict in
		OK)   result PASS "test_progs/$name" ;;
		SKIP) result SKIP "test_progs/$name" "skipped by test_progs" ;;
		FAIL) result FAIL "test_progs/$name"
		      sed -nE "s|^#[0-9]+/[0-9]+ +($name/[^:]+):FAIL$|     failed subtest \1|p" "$log" |
			      sort -u ;;
		*)    result FAIL "test_progs/$name" "no result: not built, or the VM died" ;;
		esac
	done
}

# The main job end to end: bpftool -S, skel_internal.h and the kernel, with
# the tampered copies refused (scripts/demo.sh).
run_demo()
{
	if "$TOP/scripts/demo.sh" >"$LOG/demo.log" 2>&1; then
		result PASS demo/signed-lskel
	else
		result FAIL demo/signed-lskel "log: $LOG/demo.log"
	fi
}

mkdir -p "$LOG"
run_tooling_tests
run_demo
run_selftests
[ "$skipped" -gt 0 ] && echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
