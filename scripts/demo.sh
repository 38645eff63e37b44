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
  hello-wrong-key        signed with a key the kernel's keyring does not hold

Booting the patched kernel in a VM and loading each:
INTRO

files=()
for f in hello hello-tampered-loader hello-tampered-blob hello-wrong-key \
	 signing_cert.der demo-in-vm.sh; do
	files+=(-f "$OUT/$f")
done
if "$TOP/scripts/vm-run.sh" "${files[@]}" -- keyctl session - /host/demo-in-vm.sh; then
	echo
	echo "Result: the kernel loaded the signed light skeleton and recorded its verdict;"
	echo "it refused the changed loader, the changed metadata and the wrong key."
else
	status=$?
	echo
	echo "Result: the demo did not go as it must (exit status $status)."
	exit "$status"
fi
