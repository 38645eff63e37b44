#!/bin/sh
# The demo's part inside the VM. The kernel was booted with
# bpf.keyring_unsealed=1, and the initramfs (vm/provision-bpf-keyring.sh)
# put the demo certificate into the .bpf keyring and restricted it, as a
# distribution's would. Run the signed application and the three broken
# copies of it, then try to add a key to the .bpf keyring as a host would,
# show the audit record of the signed load, and load an unsigned program
# under a one-rule IPE policy. Exits 0 when the first loads and everything
# else is refused with the error expected of it.
set -u
HOST=${HOST:-/host}

echo "demo: the .bpf keyring holds $(keyctl rlist -9 | wc -w) certificate(s), provisioned at boot; the light skeletons load against it"

failed=0
# every audit record in the kernel log, for the last cases
echo 0 > /proc/sys/kernel/printk_ratelimit

# run_case TITLE BINARY EXPECTED: EXPECTED is "ok" or the errno name the kernel
# must refuse the load with.
run_case()
{
	title=$1 bin=$2 expected=$3

	echo
	echo "=== $title"
	out=$("$HOST/$bin" 2>&1)
	status=$?
	echo "$out"
	if [ "$expected" = ok ]; then
		[ $status -eq 0 ] && return 0
	elif [ $status -ne 0 ] && echo "$out" | grep -q "($expected)"; then
		echo "--> refused, as it must be"
		return 0
	fi
	echo "--> UNEXPECTED: wanted $expected, exit status $status"
	failed=1
}

run_case "signed light skeleton" hello ok
run_case "a byte of the signed loader changed" hello-tampered-loader EKEYREJECTED
run_case "a byte of the metadata blob changed" hello-tampered-blob EKEYREJECTED
run_case "signed with a key the keyring does not hold" hello-wrong-key ENOKEY

echo
echo "=== the host adds its own key to the .bpf keyring"
if out=$(keyctl padd asymmetric "" -9 < "$HOST/host-cert.crt" 2>&1); then
	echo "--> UNEXPECTED: the restricted .bpf keyring took a key ($out)"
	failed=1
else
	echo "keyctl: $out"
	echo "--> refused, as it must be: the keyring was restricted at boot"
fi

echo
echo "=== the audit records of the signed load: the verdict and the keyring"
rec=$(dmesg | grep -o 'type=1334 .* op=LOAD prog-sig=VERIFIED prog-keyring=BPF' | head -n 1)
if [ -n "$rec" ]; then
	echo "$rec"
else
	echo "--> UNEXPECTED: no AUDIT_BPF record of a verified load against .bpf"
	failed=1
fi

# Last, as the policy stays until the next boot and hello's own witness of
# the verdict is an unsigned light skeleton.
echo
echo "=== policy: an unsigned program, under a one-rule IPE policy"
grep '^op=' "$HOST/deny-unsigned-bpf.pol"
cat "$HOST/deny-unsigned-bpf.p7s" > /sys/kernel/security/ipe/new_policy &&
	echo 1 > /sys/kernel/security/ipe/policies/deny_unsigned_bpf/active ||
	{ echo "--> UNEXPECTED: IPE did not take the signed policy"; exit 1; }
if out=$(bpftool prog load "$HOST/hello.bpf.o" /sys/fs/bpf/hello 2>&1); then
	echo "--> UNEXPECTED: the unsigned program loaded"
	failed=1
elif echo "$out" | grep -q "Permission denied"; then
	echo "bpftool: $(echo "$out" | grep -m 1 'Permission denied')"
	dmesg | grep -o 'type=1420 .*ipe_op=BPF_PROG_LOAD.*' | tail -n 1
	echo "--> refused, as it must be (EACCES): libbpf's first load, a trivial"
	echo "    unsigned program it loads to probe the kernel, already; and audited"
else
	echo "$out"
	echo "--> UNEXPECTED: wanted EACCES"
	failed=1
fi
exit $failed
