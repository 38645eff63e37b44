#!/bin/sh
# What a distribution's initramfs does on a kernel booted with
# bpf.keyring_unsealed=1: put the certificates BPF programs may be signed
# with into the .bpf keyring (KEY_SPEC_BPF_KEYRING, -9), then restrict it so
# that nothing can be added to it until the next boot. The certificates are
# the DER files given to it (scripts/vm-run.sh copies them to /host).
#
#   provision-bpf-keyring.sh CERT.der...
set -e
[ $# -gt 0 ] || set -- /host/*.der
for cert in "$@"; do
	keyctl padd asymmetric "" -9 < "$cert" > /dev/null
done
keyctl restrict_keyring -9
echo "provision: the .bpf keyring holds $# certificate(s) and is restricted"
