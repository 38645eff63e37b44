#!/bin/bash
# scripts/compare-test-runs.py, which 'make regress' decides with: a test or
# subtest that fails on the patched kernel but not on the base is a
# regression (exit status 1, named); one that fails on the base only is not.
. "$(dirname "$0")/lib.sh"

run()	# run FILE JSON: a run's output, as vm/regress-run.sh prints it
{
	printf 'noise\n=== test_progs summary\n%s\n\n=== end\n' "$2" > "$SCRATCH/$1"
}
run base.log '{"success":2,"success_subtest":3,"skipped":0,"failed":1,"results":[
	{"name":"signed_loader","number":1,"message":"","failed":true,"subtests":[
		{"name":"lskel_load","number":1,"message":"","failed":true}]}]}'
run same.log '{"success":3,"success_subtest":4,"skipped":0,"failed":0,"results":[]}'
run worse.log '{"success":2,"success_subtest":4,"skipped":0,"failed":1,"results":[
	{"name":"map_excl","number":2,"message":"","failed":true,"subtests":[]},
	{"name":"atomics","number":3,"message":"","failed":true,"subtests":[
		{"name":"xchg","number":4,"message":"","failed":true}]}]}'

compare() { "$TOP/scripts/compare-test-runs.py" "$SCRATCH/base.log" "$SCRATCH/$1" > "$SCRATCH/out"; }
check "a base-only failure is no regression" compare same.log
check "it is counted" grep -q "failing on the base only (what the base lacks): 1" "$SCRATCH/out"
check "and the tallies are printed" grep -q "^patched  test_progs: 3 tests passed (4 subtests), 0 skipped, 0 failed" \
	"$SCRATCH/out"
fails "a test failing on the patched kernel only is a regression" compare worse.log
check "named" grep -qx "REGRESSION: map_excl" "$SCRATCH/out"
check "and a subtest by test/subtest" grep -qx "REGRESSION: atomics/xchg" "$SCRATCH/out"
check "two in all" grep -q "passing on the base, failing on the patched kernel: 2" "$SCRATCH/out"

# test_verifier's output, after the JSON summary
verifier()	# verifier FILE JSON-FILE TEST_VERIFIER-LINES
{
	cp "$SCRATCH/$2" "$SCRATCH/$1"
	printf '=== test_verifier\n%s\n=== end\n' "$3" >> "$SCRATCH/$1"
}
verifier vbase.log same.log "#0/u invalid and of negative number OK
#1/p unsupported op FAIL
Summary: 1 PASSED, 0 SKIPPED, 1 FAILED"
verifier vsame.log same.log "#0/u invalid and of negative number OK
#1/p unsupported op FAIL
Summary: 1 PASSED, 0 SKIPPED, 1 FAILED"
verifier vworse.log same.log "#0/u invalid and of negative number FAIL
#1/p unsupported op FAIL
Summary: 0 PASSED, 0 SKIPPED, 2 FAILED"
verifier vdied.log same.log "#0/u invalid and of negative number OK"
vcompare() { "$TOP/scripts/compare-test-runs.py" "$SCRATCH/vbase.log" "$SCRATCH/$1" > "$SCRATCH/out" 2>&1; }
check "test_verifier failing the same on both is no regression" vcompare vsame.log
check "its tally is printed" grep -q "^patched  test_verifier: 1 passed, 0 skipped, 1 failed" "$SCRATCH/out"
fails "a test_verifier test failing on the patched kernel only is a regression" vcompare vworse.log
check "named with its number" grep -qx "REGRESSION: test_verifier #0/u invalid and of negative number" "$SCRATCH/out"
fails "a test_verifier run that died is an error" vcompare vdied.log
check "said so" grep -q "did not finish" "$SCRATCH/out"
fails "runs of different binaries do not compare" \
	"$TOP/scripts/compare-test-runs.py" "$SCRATCH/vbase.log" "$SCRATCH/same.log"

# test_maps' output, after the others: one result, it stops at its first failure
maps()	# maps FILE TEST_MAPS-LINES
{
	cp "$SCRATCH/same.log" "$SCRATCH/$1"
	printf '=== test_maps\n%s\n=== end\n' "$2" >> "$SCRATCH/$1"
}
maps mbase.log "Fork 100 tasks to 'test_update_delete'
test_maps: OK, 2 SKIPPED
test_maps exit status 0"
maps mworse.log "test_sockmap(1040):FAIL:sockmap_parse_prog.bpf.o 'no such file'
test_maps exit status 255"
maps mdied.log "Fork 100 tasks to 'test_update_delete'"
mcompare() { "$TOP/scripts/compare-test-runs.py" "$SCRATCH/mbase.log" "$SCRATCH/$1" > "$SCRATCH/out" 2>&1; }
check "test_maps passing on both is no regression" mcompare mbase.log
check "its tally is printed" grep -q "^patched  test_maps: passed, 2 skipped" "$SCRATCH/out"
fails "test_maps failing on the patched kernel only is a regression" mcompare mworse.log
check "with the failure it stopped at" grep -q "^patched  test_maps: failed (test_sockmap(1040):FAIL:" \
	"$SCRATCH/out"
check "named" grep -qx "REGRESSION: test_maps" "$SCRATCH/out"
fails "a test_maps run that died is an error" mcompare mdied.log
check "said so" grep -q "test_maps did not finish" "$SCRATCH/out"
