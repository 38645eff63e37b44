#!/bin/sh
# The demo's part inside the VM. The kernel was booted with
# bpf.keyring_unsealed=1, and the initramfs (vm/provision-bpf-keyring.sh)
# put the demo certificate into the .bpf keyring and restricted it, as a
# distribution's would. Run the signed application and the three broken
# copies of it, then try to add a key to the .bpf keyring as a host would.
# Exits 0 when the first loads and everything else is refused with the
# error expected of it.
set -u
HOST=${HOST:-/host}

echo "demo: the .bpf keyring holds $(keyctl rlist -9 | wc -w) certificate(s), provisioned at boot; the light skeletons load against it"

failed=0

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
exit $failed
