#!/bin/bash
# The main job: show the example BPF program, shipped as a light skeleton,
# loaded by the patched kernel in a VM. Expects 'make example initramfs'.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OUT=$BUILD/example
KEYS=$OUT/keys

# A throwaway signing key and certificate, as a signer would hold.
make_signing_key()
{
	mkdir -p "$KEYS"
	openssl req -new -x509 -nodes -newkey rsa:2048 -sha256 -days 1 \
		-subj "/CN=signed-bpf demo signing key" -batch \
		-keyout "$KEYS/signing_key.pem" -outform DER \
		-out "$KEYS/signing_cert.der" 2>/dev/null ||
		die "openssl could not create the demo signing key in $KEYS"
}

make_signing_key
echo
echo "The demo signing key is $KEYS/signing_key.pem, its certificate $KEYS/signing_cert.der."
echo "The patched kernel verifies signed BPF_PROG_LOADs (the prog_signature selftest"
echo "shows it), but bpftool cannot sign a light skeleton yet: the application below"
echo "loads an unsigned one, as a plain 6.12 kernel would."
echo
echo "Booting the patched kernel in a VM and running the application:"
if "$TOP/scripts/vm-run.sh" "$OUT/hello"; then
	echo
	echo "Result: the kernel loaded the unsigned light skeleton and the program ran."
else
	status=$?
	echo
	echo "Result: the application failed in the VM (exit status $status)."
	exit "$status"
fi
