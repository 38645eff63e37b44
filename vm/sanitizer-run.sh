#!/bin/sh
# The guest's part of scripts/sanitize.sh: run the selected test_progs tests,
# the demo's application (against the session keyring) and a seeded fuzz
# run, then have kmemleak scan twice (a leak shows on the second scan) and
# print the kernel log. Whether the tests pass does not matter here: only
# the kernel's reports do, which the host reads from the output.
#
#   sanitizer-run.sh ALLOW DENY FUZZ_SEED FUZZ_CALLS
HOST=${HOST:-/host}
cd /selftests
# bpf_testmod.ko built for this kernel, which test_progs loads from here
cp "$HOST/bpf_testmod.ko" .
./test_progs -a "$1" ${2:+-d "$2"} > /tmp/test_progs.log 2>&1
echo "sanitizer: test_progs: $(grep -c ':OK$' /tmp/test_progs.log) ok, $(grep -c ':FAIL$' /tmp/test_progs.log) failed"
grep ':FAIL$' /tmp/test_progs.log | sed 's/^/sanitizer: test_progs failed: /'
keyctl session - sh -c "keyctl padd asymmetric '' @s < $HOST/corpus/cert.der > /dev/null;
	$HOST/hello --keyring session" > /tmp/hello.log 2>&1
echo "sanitizer: hello: exit status $?"
keyctl session - "$HOST/bpf_fuzz" -c "$HOST/corpus" -s "$3" -n "$4" -t 1200 > /tmp/fuzz.log 2>&1
echo "sanitizer: fuzz: $(grep 'bpf() calls' /tmp/fuzz.log)"
if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan > /sys/kernel/debug/kmemleak
	sleep 6
	echo scan > /sys/kernel/debug/kmemleak
	echo "=== kmemleak"
	cat /sys/kernel/debug/kmemleak
else
	echo "sanitizer: no kmemleak in this kernel"
fi
echo "=== dmesg"
dmesg
exit 0
