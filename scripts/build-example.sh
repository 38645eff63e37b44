#!/bin/bash
# Build the demo: examples/hello's BPF program, its light skeleton and the
# static application that loads it. Output in build/example.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

SRC=$TOP/examples/hello
OUT=$BUILD/example
BPFTOOL=$TOOLS_OUT/bpftool/bpftool
export PATH=/usr/lib/llvm-19/bin:$PATH

mkdir -p "$OUT"
"$BPFTOOL" btf dump file "$KOUT/vmlinux" format c > "$OUT/vmlinux.h"
clang -g -O2 --target=bpf -mcpu=v3 -D__TARGET_ARCH_x86 \
	-I"$OUT" -I"$TOOLS_OUT/include" \
	-c "$SRC/hello.bpf.c" -o "$OUT/hello.bpf.o"
"$BPFTOOL" gen skeleton -L "$OUT/hello.bpf.o" name hello > "$OUT/hello.lskel.h"
gcc -static -O2 -Wall -Werror \
	-I"$OUT" -I"$TOOLS_OUT/include" -I"$TREE/tools/include/uapi" \
	"$SRC/hello.c" -o "$OUT/hello"
say "example: $OUT/hello (light skeleton $OUT/hello.lskel.h)"
