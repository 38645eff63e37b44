#!/bin/bash
# Run every test: the tooling's own tests (tests/tooling/test-*.sh) on the
# host, the demo, a short seeded run of the bpf() fuzzer, then the selected
# test_progs tests and test_verifier in the VM, then those for a kernel
# booted with bpf.keyring_unsealed=1, and with IPE policies, in boots of
# their own.
# Prints one line per test and ends with 'N passed, N failed'; exits
# non-zero on any failure.
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

# verdict LOG NAME: OK, SKIP or FAIL for test or subtest NAME in LOG
verdict()
{
	sed -nE "s%^#[0-9/]+ +$2:(OK|SKIP|FAIL)( \(SKIP: .*\))?$%\1%p" "$1" | tail -n 1
}

# test_progs prints '#N name:OK|SKIP|FAIL' per test and '#N/M name/sub:...'
# per subtest; report every test, and every failed subtest.
run_selftests()
{
	local allow deny log=$LOG/test_progs.log name

	allow=$(selftests_tests | paste -sd, -)
	deny=$(selftests_key deny | paste -sd, -)
	echo "Running test_progs in the VM: $allow"
	[ -n "$deny" ] && echo "Not run (see config/selftests.list): $deny"
	"$TOP/scripts/vm-run.sh" -- ./test_progs -a "$allow" ${deny:+-d "$deny"} >"$log" 2>&1
	echo "VM exit status $? (full output: $log)"
	for name in $(selftests_tests); do
		case $(verdict "$log" "$name") in
		OK)   result PASS "test_progs/$name" ;;
		SKIP) result SKIP "test_progs/$name" "skipped by test_progs" ;;
		FAIL) result FAIL "test_progs/$name"
		      sed -nE "s|^#[0-9]+/[0-9]+ +($name/[^:]+):FAIL$|     failed subtest \1|p" "$log" |
			      sort -u ;;
		*)    result FAIL "test_progs/$name" "no result: not built, or the VM died" ;;
		esac
	done
}

# A boot of its own for the tests and subtests config/selftests.list names
# 'KEY:', with vm-run.sh's OPTIONS (kernel arguments, files, a provisioning
# step); a skip there is a failure, as the boot exists for them.
#   run_boot LABEL KEY OPTION...
run_boot()
{
	local label=$1 key=$2 log=$LOG/test_progs-$1.log name tests

	shift 2
	tests=$(selftests_key "$key" | paste -sd, -)
	[ -n "$tests" ] || return 0
	echo "Running test_progs in a VM booted $label: $tests"
	"$TOP/scripts/vm-run.sh" "$@" -- ./test_progs -a "$tests" >"$log" 2>&1
	echo "VM exit status $? (full output: $log)"
	for name in $(selftests_key "$key"); do
		case $(verdict "$log" "$name") in
		OK)   result PASS "test_progs[$label]/$name" ;;
		SKIP) result FAIL "test_progs[$label]/$name" "skipped: see $log" ;;
		FAIL) result FAIL "test_progs[$label]/$name" ;;
		*)    result FAIL "test_progs[$label]/$name" "no result: provisioning failed, or the VM died" ;;
		esac
	done
}

# The IPE policies of the selftests, signed with the test CA the VM kernel
# trusts, as vm-run.sh options.
ipe_policy_files()
{
	local pol out=$BUILD/ipe

	mkdir -p "$out"
	for pol in "$TREE"/tools/testing/selftests/bpf/ipe_bpf_*.pol; do
		ipe_sign_policy "$pol" "$out/$(basename "$pol" .pol).p7s"
		printf -- '-f\n%s\n' "$out/$(basename "$pol" .pol).p7s"
	done
}

# The unsealed boot: bpf.keyring_unsealed=1 and the .bpf keyring provisioned
# with the signing certificate of test_progs' signed light skeletons, as a
# distribution's initramfs would (vm/provision-bpf-keyring.sh); and one not
# provisioned, whose test provisions it itself. The IPE
# boots: the signed IPE policies next to test_progs (vm/provision-ipe.sh),
# sealed, and unsealed with .bpf provisioned as well.
run_other_boots()
{
	local unsealed=(-a bpf.keyring_unsealed=1 -f "$ST_OUT/lskel_sign.der") ipe

	mapfile -t ipe < <(ipe_policy_files)
	run_boot unsealed unsealed_boot "${unsealed[@]}" -p "$TOP/vm/provision-bpf-keyring.sh"
	run_boot unsealed-open open_boot -a bpf.keyring_unsealed=1
	run_boot ipe ipe_boot "${ipe[@]}" -p "$TOP/vm/provision-ipe.sh"
	run_boot ipe-unsealed ipe_unsealed_boot "${unsealed[@]}" "${ipe[@]}" \
		-f "$TOP/vm/provision-bpf-keyring.sh" -p "$TOP/vm/provision-ipe.sh"
}

# test_verifier whole, in a boot of its own: one result per run, with the
# failed tests named ('make regress' compares the same run with the base
# kernel's).
run_test_verifier()
{
	local log=$LOG/test_verifier.log summary pass skip fail

	[ -x "$ST_OUT/test_verifier" ] || return 0
	echo "Running test_verifier in the VM"
	"$TOP/scripts/vm-run.sh" -- ./test_verifier >"$log" 2>&1
	echo "VM exit status $? (full output: $log)"
	summary=$(sed -n 's/^Summary: \([0-9]*\) PASSED, \([0-9]*\) SKIPPED, \([0-9]*\) FAILED$/\1 \2 \3/p' "$log")
	read -r pass skip fail <<<"$summary"
	if [ -z "$summary" ]; then
		result FAIL test_verifier "no summary: the VM died (log: $log)"
	elif [ "$fail" = 0 ]; then
		result PASS test_verifier "$pass passed, $skip skipped"
	else
		result FAIL test_verifier "$fail failed (log: $log)"
		sed -nE 's/^(#[0-9]+\/[up] .*) FAIL$/     failed \1/p' "$log"
	fi
}

# The guest the attack tests run in has what they need (vm/guest-features.sh):
# without a second CPU their races run on one and pass without proving
# anything.
run_guest_features()
{
	if "$TOP/scripts/vm-run.sh" -f "$TOP/vm/guest-features.sh" -- sh /host/guest-features.sh \
		>"$LOG/guest-features.log" 2>&1; then
		result PASS vm/guest-features "$(sed -n 's/^guest: \([0-9]* CPUs online\)$/\1/p' \
			"$LOG/guest-features.log")"
	else
		result FAIL vm/guest-features "$(grep '^guest: missing' "$LOG/guest-features.log" ||
			echo "log: $LOG/guest-features.log")"
	fi
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

# A short run of the bpf() fuzzer with a fixed seed (scripts/fuzz.sh; 'make
# fuzz' runs a million calls on demand).
FUZZ_SEED=20261203
run_fuzz_seeded()
{
	if "$TOP/scripts/fuzz.sh" -s "$FUZZ_SEED" -n 20000 -t 120 >"$LOG/fuzz.log" 2>&1; then
		result PASS "fuzz/bpf-seed-$FUZZ_SEED" \
			"$(grep -o '[0-9]* bpf() calls in [0-9.]* s' "$LOG/fuzz.log")"
	else
		result FAIL "fuzz/bpf-seed-$FUZZ_SEED" "log: $LOG/fuzz.log"
	fi
}

mkdir -p "$LOG"
run_tooling_tests
run_demo
run_fuzz_seeded
run_guest_features
run_selftests
run_test_verifier
run_other_boots
[ "$skipped" -gt 0 ] && echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
