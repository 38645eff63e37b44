#!/bin/sh
# The demo's part inside the VM, run in a fresh session keyring: trust the
# demo certificate there, then run the signed application and the three
# broken copies of it. Exits 0 when the first loads and each copy is refused
# with the error expected of it.
set -u
HOST=${HOST:-/host}

keyctl padd asymmetric "signed-bpf demo" @s < "$HOST/signing_cert.der" >/dev/null || {
	echo "demo: cannot add the demo certificate to the session keyring"
	exit 1
}
echo "demo: the session keyring trusts $HOST/signing_cert.der; the light skeletons load against it"

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
exit $failed
