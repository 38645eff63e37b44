#!/bin/bash
# Build libbpf (static library and headers) and bpftool from the work tree.
# Output in build/tools: libbpf/, include/bpf/*.h, bpftool/bpftool.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

export PATH=/usr/lib/llvm-19/bin:$PATH
mkdir -p "$TOOLS_OUT/libbpf" "$TOOLS_OUT/bpftool"

say "building libbpf (and checking its ABI: symbol versions, version number)"
make -C "$TREE/tools/lib/bpf" -s -j"$JOBS" CC="ccache gcc" \
	OUTPUT="$TOOLS_OUT/libbpf/" DESTDIR="$TOOLS_OUT" prefix= \
	"$TOOLS_OUT/libbpf/libbpf.a" install_headers check >/dev/null

say "building bpftool"
make -C "$TREE/tools/bpf/bpftool" -s -j"$JOBS" CC="ccache gcc" HOSTCC="ccache gcc" \
	OUTPUT="$TOOLS_OUT/bpftool/" feature_display=0 >/dev/null
say "bpftool: $TOOLS_OUT/bpftool/bpftool"
