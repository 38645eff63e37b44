#!/bin/bash
# Build the demo: examples/hello's BPF program as a signed light skeleton,
# the application that loads it, and three broken copies of it (a changed
# loader byte, a changed metadata byte, signed with another key), and the
# demo's IPE policy, signed. The signing keys are made here, once. Output in
# build/example.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

SRC=$TOP/examples/hello
OUT=$BUILD/example
KEYS=$OUT/keys
BPFTOOL=$TOOLS_OUT/bpftool/bpftool
export PATH=/usr/lib/llvm-19/bin:$PATH

# make_key NAME: KEYS/NAME_key.pem and its certificate KEYS/NAME_cert.der
make_key()
{
	[ -f "$KEYS/$1_key.pem" ] && [ -f "$KEYS/$1_cert.der" ] && return 0
	mkdir -p "$KEYS"
	openssl req -new -x509 -nodes -newkey rsa:2048 -sha256 -days 36500 -batch \
		-subj "/CN=signed-bpf demo $1 key" \
		-keyout "$KEYS/$1_key.pem" -outform DER -out "$KEYS/$1_cert.der" 2>/dev/null ||
		die "openssl could not create the demo key $KEYS/$1_key.pem"
}

bpf_object()
{
	clang -g -O2 --target=bpf -mcpu=v3 -D__TARGET_ARCH_x86 \
		-I"$OUT" -I"$TOOLS_OUT/include" -c "$SRC/$1.bpf.c" -o "$OUT/$1.bpf.o"
}

# sign_lskel NAME KEY: OUT/NAME/hello.lskel.h, signed by KEY, of the default
# (load-time) generation: loads on any kernel with the load-time contract
# (the command is kept in OUT/NAME/bpftool-command, for the demo to show)
sign_lskel()
{
	local cmd=("$BPFTOOL" gen skeleton -S -k "$KEYS/$2_key.pem" -i "$KEYS/$2_cert.der"
		   "$OUT/hello.bpf.o" name hello)

	mkdir -p "$OUT/$1"
	"${cmd[@]}" > "$OUT/$1/hello.lskel.h"
	echo "${cmd[*]}" > "$OUT/$1/bpftool-command"
}

# tamper_lskel NAME ARRAY: OUT/NAME/hello.lskel.h, the signed one with a bit
# of ARRAY flipped
tamper_lskel()
{
	mkdir -p "$OUT/$1"
	"$TOP/scripts/tamper-lskel.pl" "$2" < "$OUT/signed/hello.lskel.h" > "$OUT/$1/hello.lskel.h"
}

# app NAME BINARY: the application built against OUT/NAME/hello.lskel.h
app()
{
	gcc -static -O2 -Wall -Werror -I"$OUT/$1" -I"$OUT" \
		-I"$TOOLS_OUT/include" -I"$TREE/tools/include/uapi" \
		"$SRC/hello.c" -o "$OUT/$2"
}

make_key signing
make_key wrong
mkdir -p "$OUT"
"$BPFTOOL" btf dump file "$KOUT/vmlinux" format c > "$OUT/vmlinux.h"
bpf_object hello
bpf_object verdict
"$BPFTOOL" gen skeleton -L "$OUT/verdict.bpf.o" name verdict > "$OUT/verdict.lskel.h"

sign_lskel signed signing
sign_lskel wrong-key wrong
tamper_lskel tampered-loader opts_insn
tamper_lskel tampered-blob opts_data

app signed hello
app tampered-loader hello-tampered-loader
app tampered-blob hello-tampered-blob
app wrong-key hello-wrong-key
cp "$KEYS/signing_cert.der" "$SRC/demo-in-vm.sh" "$SRC/deny-unsigned-bpf.pol" "$OUT/"
# the demo's one-rule IPE policy, signed for the kernel's IPE to take it
ipe_sign_policy "$SRC/deny-unsigned-bpf.pol" "$OUT/deny-unsigned-bpf.p7s"
# the host's own certificate, which it tries to add to the .bpf keyring; not
# .der, which vm/provision-bpf-keyring.sh would provision
cp "$KEYS/wrong_cert.der" "$OUT/host-cert.crt"
say "example: $OUT/hello (signed light skeleton $OUT/signed/hello.lskel.h) and three broken copies"
