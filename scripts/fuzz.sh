#!/bin/bash
# The bpf() fuzzer (fuzz/bpf_fuzz.c) in the VM: random and mutated calls
# aimed at the series' attributes, seeded with the demo's signed loader
# (build/example/signed/hello.lskel.h, its certificate in the session
# keyring so that unmutated loads verify). Fails when the fuzzer finds the
# kernel unhealthy (a new taint, or a BUG/WARNING/KASAN/leak report in its
# log) or the VM crashes. Expects 'make example initramfs'.
#
#   fuzz.sh [-s SEED] [-n CALLS] [-t SECONDS]
#
# Defaults: a random seed (printed, for replaying with -s), 1000000 calls,
# 3000 seconds; FUZZ_KERNEL_ARGS adds kernel command-line arguments.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OUT=$BUILD/fuzz
HEADER=$BUILD/example/signed/hello.lskel.h
seed=0 count=1000000 limit=3000

usage() { die "usage: fuzz.sh [-s SEED] [-n CALLS] [-t SECONDS]"; }
while getopts s:n:t: opt; do
	case $opt in
	s) seed=$OPTARG ;;
	n) count=$OPTARG ;;
	t) limit=$OPTARG ;;
	*) usage ;;
	esac
done
[ -f "$HEADER" ] || die "no signed light skeleton at $HEADER; run 'make example'"

mkdir -p "$OUT/corpus"
gcc -static -O2 -Wall -Werror -I"$TREE/tools/include/uapi" "$TOP/fuzz/bpf_fuzz.c" \
	-o "$OUT/bpf_fuzz" 2> "$OUT/build.log" ||
	{ cat "$OUT/build.log" >&2; die "building the fuzzer failed"; }
for f in insns:opts_insn data:opts_data sig:opts_sig hash:opts_excl_hash; do
	"$TOP/scripts/lskel-literal.pl" "${f#*:}" < "$HEADER" > "$OUT/corpus/${f%%:*}"
done
cp "$BUILD/example/signing_cert.der" "$OUT/corpus/cert.der"

args=()
for a in ${FUZZ_KERNEL_ARGS:-}; do
	args+=(-a "$a")
done
# the VM's own timeout: the fuzzer's limit and a margin to boot and report
VM_TIMEOUT=$((limit + 300)) "$TOP/scripts/vm-run.sh" "${args[@]}" \
	-f "$OUT/bpf_fuzz" -f "$OUT/corpus" -- \
	keyctl session - /host/bpf_fuzz -c /host/corpus -s "$seed" -n "$count" -t "$limit"
