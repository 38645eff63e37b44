#!/bin/sh
# The guest's part of scripts/regress.sh: the test_progs selection, with
# its JSON summary on the console for the host to compare, then
# test_verifier whole (it loads bpf_testmod.ko itself).
#
#   regress-run.sh ALLOW DENY
cd /selftests
./test_progs -a "$1" ${2:+-d "$2"} --json-summary=/tmp/summary.json > /tmp/test_progs.log 2>&1
echo "=== test_progs summary"
cat /tmp/summary.json
echo
if [ -x ./test_verifier ]; then
	echo "=== test_verifier"
	./test_verifier 2>&1
fi
echo "=== end"
