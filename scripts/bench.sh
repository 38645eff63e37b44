#!/bin/bash
# Benchmarks, printed as ratios measured in one run (bench/signing_bench.c):
# map hashing against OpenSSL in the same VM, and BPF_PROG_LOAD latency of
# the patched kernel against the unpatched base kernel, booted one after the
# other with the same benchmark binary.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

OUT=$BUILD/bench
BASE_TREE=$BUILD/base/linux	# laid out like build/linux and build/kbuild,
BASE_KOUT=$BUILD/base/kbuild	# so that ccache reuses the work tree's objects

build_bench()
{
	mkdir -p "$OUT"
	# static, for the VM; glibc's warnings about static NSS use go to the log
	gcc -static -O2 -Wall -I"$TREE/tools/include/uapi" \
		"$TOP/bench/signing_bench.c" -o "$OUT/signing_bench" -lcrypto -lpthread \
		2> "$OUT/build.log" || { cat "$OUT/build.log" >&2; die "building the benchmark failed"; }
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

run_in_vm()	# run_in_vm <kbuild dir> <output file> <benchmark args>
{
	local kout=$1 out=$2 try status

	shift 2
	# exit status 2: the guest booted without the TSC clocksource; boot again
	for try in 1 2 3; do
		status=0
		KOUT=$kout "$TOP/scripts/vm-run.sh" "$OUT/signing_bench" "$@" > "$out" || status=$?
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
build_base_kernel
say "running the benchmarks in the VM: map hashing, then $ROUNDS rounds of patched and base kernel loads"
run_in_vm "$KOUT" "$OUT/hash.txt" hash
for round in $(seq "$ROUNDS"); do
	run_in_vm "$KOUT" "$OUT/patched-$round.txt" load
	run_in_vm "$BASE_KOUT" "$OUT/base-$round.txt" load
done
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
