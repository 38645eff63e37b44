#!/bin/bash
# The main job: the example BPF program, signed into a light skeleton with
# bpftool, loaded by the patched kernel in a VM with the verdict the kernel
# recorded; then a changed loader, a changed metadata blob and a wrong key,
# each refused. Expects 'make example initramfs'.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OUT=$BUILD/example

cat <<INTRO

The signer made a light skeleton of examples/hello/hello.bpf.c, of the
default (load-time) generation: one signature over the loader and its
metadata blob, checked by the kernel at load. The command:
  $(sed "s|$TOP/||g" "$OUT/signed/bpftool-command")
(build/example/signed/hello.lskel.h). The untrusted host's copies:
  hello-tampered-loader  one bit of the signed loader flipped, and the
                         metadata map made exclusive to the changed loader
  hello-tampered-blob    one bit of the metadata blob (programs, map data) flipped
  hello-wrong-key        signed with a key the .bpf keyring does not hold
and, last, hello.bpf.o loaded unsigned by bpftool under a one-rule IPE policy
(examples/hello/deny-unsigned-bpf.pol).

Booting the patched kernel in a VM with bpf.keyring_unsealed=1, whose
initramfs (vm/provision-bpf-keyring.sh) puts build/example/signing_cert.der
into the .bpf keyring and restricts it, and loading each against that
keyring, with audit on (audit=1):
INTRO

files=()
for f in hello hello-tampered-loader hello-tampered-blob hello-wrong-key \
	 signing_cert.der host-cert.crt demo-in-vm.sh hello.bpf.o \
	 deny-unsigned-bpf.pol deny-unsigned-bpf.p7s; do
	files+=(-f "$OUT/$f")
done
# booted as a distribution would boot it, whose initramfs puts its signing
# certificates into the .bpf keyring and restricts it
if "$TOP/scripts/vm-run.sh" -a bpf.keyring_unsealed=1 -a audit=1 -a audit_backlog_limit=8192 -p "$TOP/vm/provision-bpf-keyring.sh" \
	"${files[@]}" -- /host/demo-in-vm.sh; then
	echo
	echo "Result: the kernel loaded the signed light skeleton against the .bpf keyring"
	echo "and recorded its verdict; it refused the changed loader, the changed metadata"
	echo "and the wrong key, and the keyring refused the host's key; IPE refused"
	echo "the unsigned program, and audit recorded each verdict."
else
	status=$?
	echo
	echo "Result: the demo did not go as it must (exit status $status)."
	exit "$status"
fi
