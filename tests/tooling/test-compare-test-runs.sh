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
