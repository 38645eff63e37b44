#!/bin/sh
# The guest's part of scripts/regress.sh, one boot each (the VM kernel cannot
# unload modules, and test_progs and test_verifier both load bpf_testmod.ko):
#
#   regress-run.sh test_progs ALLOW DENY	the selection, its JSON summary
#   regress-run.sh test_verifier		test_verifier whole, with the
#						host's /host/bpf_testmod.ko, built
#						for this kernel, when given
#   regress-run.sh test_maps			test_maps whole: it stops at its
#						first failure, and its exit status
cd /selftests
case $1 in
test_progs)
	./test_progs -a "$2" ${3:+-d "$3"} --json-summary=/tmp/summary.json > /tmp/test_progs.log 2>&1
	echo "=== test_progs summary"
	cat /tmp/summary.json
	echo
	;;
test_verifier)
	[ -f /host/bpf_testmod.ko ] && cp /host/bpf_testmod.ko .
	echo "=== test_verifier"
	./test_verifier 2>&1
	;;
test_maps)
	echo "=== test_maps"
	./test_maps 2>&1
	echo "test_maps exit status $?"
	;;
esac
echo "=== end"
