#!/bin/bash
# Benchmarks, printed as ratios measured in one run: map hashing against
# OpenSSL in the same VM and BPF_PROG_LOAD latency of the patched kernel
# against the unpatched base kernel, booted one after the other with the same
# binary (bench/signing_bench.c); signed against unsigned light skeleton load
# time in one VM (bench/lskel_bench.c) and the loaders' sizes
# (bench/loader_size.c). The base kernel also shows that unsigned light
# skeletons still load there. Expects 'make example' (object and keys).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

OUT=$BUILD/bench
BASE_TREE=$BUILD/base/linux	# laid out like build/linux and build/kbuild,
BASE_KOUT=$BUILD/base/kbuild	# so that ccache reuses the work tree's objects

EXAMPLE=$BUILD/example
BPFTOOL=$TOOLS_OUT/bpftool/bpftool

build_bench()
{
	mkdir -p "$OUT"
	# static, for the VM; glibc's warnings about static NSS use go to the log
	gcc -static -O2 -Wall -I"$TREE/tools/include/uapi" \
		"$TOP/bench/signing_bench.c" -o "$OUT/signing_bench" -lcrypto -lpthread \
		2> "$OUT/build.log" || { cat "$OUT/build.log" >&2; die "building the benchmark failed"; }
}

# The demo's program as a signed and an unsigned light skeleton, in one
# static binary; and the loader size counter, against our libbpf.
build_lskel_bench()
{
	[ -f "$EXAMPLE/hello.bpf.o" ] || die "no $EXAMPLE/hello.bpf.o: run 'make example'"
	"$BPFTOOL" -B "$KOUT/vmlinux" gen skeleton -S -k "$EXAMPLE/keys/signing_key.pem" \
		-i "$EXAMPLE/keys/signing_cert.der" "$EXAMPLE/hello.bpf.o" name hello_signed \
		> "$OUT/hello_signed.lskel.h"
	"$BPFTOOL" gen skeleton -L "$EXAMPLE/hello.bpf.o" name hello_unsigned \
		> "$OUT/hello_unsigned.lskel.h"
	gcc -static -O2 -Wall -Werror -I"$OUT" -I"$TOOLS_OUT/include" \
		-I"$TREE/tools/include/uapi" "$TOP/bench/lskel_bench.c" -o "$OUT/lskel_bench"
	gcc -O2 -Wall -Werror -I"$TOOLS_OUT/include" -I"$TREE/tools/include/uapi" \
		"$TOP/bench/loader_size.c" -o "$OUT/loader_size" \
		"$TOOLS_OUT/libbpf/libbpf.a" -lelf -lz
	PATH=/usr/lib/llvm-19/bin:$PATH clang -g -O2 --target=bpf -I"$TOOLS_OUT/include" \
		-I"$TREE/tools/include/uapi" \
		-c "$TOP/bench/nomaps.bpf.c" -o "$OUT/nomaps.bpf.o"
	cp "$EXAMPLE/keys/signing_cert.der" "$OUT/"
}

# The unpatched base, from the work tree's root commit, same config.
build_base_kernel()
{
	if [ ! -e "$BASE_TREE/.git" ]; then
		mkdir -p "$(dirname "$BASE_TREE")"
		git -C "$TREE" worktree add -q --detach "$BASE_TREE" "$(tree_base)"
	fi
	git -C "$BASE_TREE" checkout -q --detach "$(tree_base)"
	TREE=$BASE_TREE KOUT=$BASE_KOUT "$TOP/scripts/build-kernel.sh"
}

run_in_vm()	# run_in_vm <kbuild dir> <output file> <benchmark binary> <args>
{
	local kout=$1 out=$2 bin=$3 try status

	shift 3
	# exit status 2: the guest booted without the TSC clocksource; boot again
	for try in 1 2 3; do
		status=0
		KOUT=$kout "$TOP/scripts/vm-run.sh" -f "$OUT/signing_cert.der" \
			"$OUT/$bin" "$@" > "$out" 2>&1 || status=$?
		[ $status = 2 ] || break
	done
	[ $status = 0 ] || die "the benchmark failed in the VM ($kout): $(tail -n 3 "$out")"
}

value()		# value <file> <key>
{
	awk -v k="$2" '$1 == k { print $2 }' "$1"
}

ratio()		# ratio <numerator> <denominator>
{
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'
}

# Load latency: ROUNDS boots of each kernel, alternating, and the median of
# the per-boot medians, so that one slow boot does not decide the ratio.
ROUNDS=${ROUNDS:-3}

median_of()	# median_of <key> <file>...
{
	local key=$1

	shift
	awk -v k="$key" '$1 == k { print $2 }' "$@" | sort -n |
		awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

build_bench
build_lskel_bench
build_base_kernel
say "running the benchmarks in the VM: map hashing, then $ROUNDS rounds of patched and base kernel loads"
run_in_vm "$KOUT" "$OUT/hash.txt" signing_bench hash
for round in $(seq "$ROUNDS"); do
	run_in_vm "$KOUT" "$OUT/patched-$round.txt" signing_bench load
	run_in_vm "$BASE_KOUT" "$OUT/base-$round.txt" signing_bench load
done
say "light skeletons: signed vs unsigned on the patched kernel, both on the base kernel"
run_in_vm "$KOUT" "$OUT/lskel.txt" lskel_bench load /host/signing_cert.der
run_in_vm "$BASE_KOUT" "$OUT/compat.txt" lskel_bench compat /host/signing_cert.der
"$OUT/loader_size" hello "$EXAMPLE/hello.bpf.o" "$KOUT/vmlinux" > "$OUT/loader.txt" &&
	"$OUT/loader_size" nomaps "$OUT/nomaps.bpf.o" "$KOUT/vmlinux" >> "$OUT/loader.txt" ||
	die "counting the loaders' instructions failed"
for case in small small_map 4096 4096_map; do
	echo "load_us_$case $(median_of "load_us_$case" "$OUT"/patched-*.txt)"
	echo "load_excl_$case $(median_of "load_excl_$case" "$OUT"/patched-*.txt)"
done > "$OUT/patched.txt"
for case in small small_map 4096 4096_map; do
	echo "load_us_$case $(median_of "load_us_$case" "$OUT"/base-*.txt)"
done > "$OUT/base.txt"
cat "$OUT/hash.txt" >> "$OUT/patched.txt"

echo
echo "Map hashing (frozen mmapable array), kernel vs OpenSSL SHA-256 in the same VM; target >= 0.9"
printf '  %-8s %12s %12s %8s\n' size kernel_MiB/s openssl_MiB/s ratio
for mib in 1 16 64; do
	printf '  %-8s %12s %12s %8s\n' "${mib}MiB" \
		"$(value "$OUT/patched.txt" "hash_kernel_mibs_$mib")" \
		"$(value "$OUT/patched.txt" "hash_openssl_mibs_$mib")" \
		"$(value "$OUT/patched.txt" "hash_ratio_$mib")"
done

echo
echo "BPF_PROG_LOAD median latency over $ROUNDS boots each, patched vs base kernel; target ratio <= 1.05"
printf '  %-22s %10s %10s %8s\n' program patched_us base_us ratio
for case in small small_map 4096 4096_map; do
	p=$(value "$OUT/patched.txt" "load_us_$case")
	b=$(value "$OUT/base.txt" "load_us_$case")
	label=$case
	[ "$(value "$OUT/patched.txt" "load_excl_$case")" = 1 ] && label="$case (exclusive)"
	printf '  %-22s %10s %10s %8s\n' "$label" "$p" "$b" "$(ratio "$p" "$b")"
done

lskel=$OUT/lskel.txt
u=$(value "$lskel" lskel_us_unsigned)
sg=$(value "$lskel" lskel_us_signed)
echo
echo "Light skeleton open+load of examples/hello (median of 41, alternating, one VM), signed vs unsigned"
printf '  %-10s %10s %10s %8s\n' "" unsigned_us signed_us ratio
printf '  %-10s %10s %10s %8s\n' hello "$u" "$sg" "$(ratio "$sg" "$u")"

echo
echo "Loader instructions, unsigned and signed (upstream 6.18's inline metadata check costs 33)"
printf '  %-10s %10s %10s %8s\n' object unsigned signed added
for obj in nomaps hello; do
	iu=$(value "$OUT/loader.txt" "loader_insns_unsigned_$obj")
	is=$(value "$OUT/loader.txt" "loader_insns_signed_$obj")
	printf '  %-10s %10s %10s %8s\n' "$obj" "$iu" "$is" "$((is - iu))"
done
echo "  (nomaps has no maps: the difference is the metadata check alone; a signed"
echo "   loader leaves out the host's max_entries and initial value copies, which"
echo "   makes up for part of it in hello)"

echo
echo "On the unpatched base kernel: unsigned light skeleton $(value "$OUT/compat.txt" compat_unsigned)," \
	"signed light skeleton $(value "$OUT/compat.txt" compat_signed)"
grep -h "^libbpf: signed light skeleton" "$OUT/compat.txt" | sed 's/^/  /' || true
