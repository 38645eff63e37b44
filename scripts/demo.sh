#!/bin/bash
# The main job: the example BPF program, signed into a light skeleton with
# bpftool, loaded by the patched kernel in a VM with the verdict the kernel
# recorded; then a changed loader, a changed metadata blob and a wrong key,
# each refused. Expects 'make example initramfs'.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OUT=$BUILD/example
KEYS=$OUT/keys

cat <<INTRO

The signer made a light skeleton of examples/hello/hello.bpf.c with
  bpftool -B build/kbuild/vmlinux gen skeleton -S \\
          -k ${KEYS#"$TOP"/}/signing_key.pem -i ${KEYS#"$TOP"/}/signing_cert.der \\
          build/example/hello.bpf.o name hello
(build/example/signed/hello.lskel.h). The untrusted host's copies:
  hello-tampered-loader  one bit of the signed loader flipped
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
