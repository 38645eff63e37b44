#!/bin/bash
# Benchmarks, printed as ratios measured in one run: map hashing against
# OpenSSL in the same VM and BPF_PROG_LOAD latency of the patched kernel
# against the unpatched base kernel, booted one after the other with the same
# binary (bench/signing_bench.c); signed, in each loader generation, against
# unsigned light skeleton load time in one VM, and load time against the size
# of the metadata blob (bench/lskel_bench.c); the loaders' sizes
# (bench/loader_size.c). The base kernel also shows that unsigned light
# skeletons still load there. Expects 'make example' (object and keys).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

OUT=$BUILD/bench
BASE_KOUT=$BUILD/base/kbuild	# next to lib.sh's BASE_TREE, for ccache

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

BLOB_SIZES="1024 16384 262144 1048576"

# blob_name BYTES: the suffix of blob.bpf.c's skeletons of that size
blob_name()
{
	case $1 in
	1048576) echo 1m ;;
	*) echo "$(($1 / 1024))k" ;;
	esac
}

# lskel OBJECT NAME [bpftool option...]: OUT/NAME.lskel.h
lskel()
{
	local obj=$1 name=$2

	shift 2
	"$BPFTOOL" "$@" gen skeleton -L "$obj" name "$name" > "$OUT/$name.lskel.h" ||
		die "bpftool could not make the $name light skeleton"
}

# The demo's program unsigned and signed in each loader generation, and
# blob.bpf.c with each of BLOB_SIZES bytes of data unsigned and signed, in
# one static binary; and the loader size counter, against our libbpf.
build_lskel_bench()
{
	local sign=(-S -k "$EXAMPLE/keys/signing_key.pem" -i "$EXAMPLE/keys/signing_cert.der")
	local bpf_cc=(clang -g -O2 --target=bpf -I"$TOOLS_OUT/include" -I"$TREE/tools/include/uapi")
	local size name

	[ -f "$EXAMPLE/hello.bpf.o" ] || die "no $EXAMPLE/hello.bpf.o: run 'make example'"
	lskel "$EXAMPLE/hello.bpf.o" hello_unsigned
	lskel "$EXAMPLE/hello.bpf.o" hello_load_time "${sign[@]}"
	lskel "$EXAMPLE/hello.bpf.o" hello_inline "${sign[@]}" --loader-gen inline
	lskel "$EXAMPLE/hello.bpf.o" hello_kfunc "${sign[@]}" --loader-gen kfunc \
		--kfunc-btf "$KOUT/vmlinux"
	for size in $BLOB_SIZES; do
		name=$(blob_name "$size")
		PATH=/usr/lib/llvm-19/bin:$PATH "${bpf_cc[@]}" -DBLOB_SIZE="$size" \
			-c "$TOP/bench/blob.bpf.c" -o "$OUT/blob_$name.bpf.o"
		lskel "$OUT/blob_$name.bpf.o" "blob_unsigned_$name"
		lskel "$OUT/blob_$name.bpf.o" "blob_signed_$name" "${sign[@]}"
	done
	gcc -static -O2 -Wall -Werror -I"$OUT" -I"$TOOLS_OUT/include" \
		-I"$TREE/tools/include/uapi" "$TOP/bench/lskel_bench.c" -o "$OUT/lskel_bench"
	gcc -O2 -Wall -Werror -I"$TOOLS_OUT/include" -I"$TREE/tools/include/uapi" \
		"$TOP/bench/loader_size.c" -o "$OUT/loader_size" \
		"$TOOLS_OUT/libbpf/libbpf.a" -lelf -lz
	PATH=/usr/lib/llvm-19/bin:$PATH "${bpf_cc[@]}" \
		-c "$TOP/bench/nomaps.bpf.c" -o "$OUT/nomaps.bpf.o"
	cp "$EXAMPLE/keys/signing_cert.der" "$OUT/"
}

# The unpatched base, from the work tree's root commit, same config.
build_base_kernel()
{
	base_worktree
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
say "light skeletons: signed vs unsigned and against blob size on the patched kernel, all on the base kernel"
run_in_vm "$KOUT" "$OUT/lskel.txt" lskel_bench load /host/signing_cert.der
run_in_vm "$KOUT" "$OUT/size.txt" lskel_bench size /host/signing_cert.der
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
echo
echo "Light skeleton open+load of examples/hello (median of 41, in turn, one VM), signed vs unsigned;"
echo "target for the default (load-time) generation <= 1.15"
printf '  %-10s %12s %12s %8s\n' generation unsigned_us signed_us ratio
for gen in load-time inline kfunc; do
	sg=$(value "$lskel" "lskel_us_$gen")
	printf '  %-10s %12s %12s %8s\n' "$gen" "$u" "$sg" "$(ratio "$sg" "$u")"
done

echo
echo "Loader instructions per generation"
printf '  %-10s %10s %10s %10s %10s\n' object unsigned load-time inline kfunc
for obj in nomaps hello; do
	printf '  %-10s' "$obj"
	for kind in unsigned load-time inline kfunc; do
		printf ' %10s' "$(value "$OUT/loader.txt" "loader_insns_${kind}_$obj")"
	done
	echo
done
echo "  (a signed loader leaves out the host's max_entries and initial value copies;"
echo "   nomaps has none, so its load-time loader equals the unsigned one)"

size=$OUT/size.txt
hash_us=$(value "$size" hash_us_1048576)
echo
echo "Load time against metadata size (blob.bpf.c, load-time generation, median of 11)"
printf '  %-10s %12s %12s %12s\n' data_bytes unsigned_us signed_us signed-unsigned
for bytes in $BLOB_SIZES; do
	su=$(value "$size" "blob_us_unsigned_$bytes")
	ss=$(value "$size" "blob_us_signed_$bytes")
	printf '  %-10s %12s %12s %12s\n' "$bytes" "$su" "$ss" \
		"$(awk -v a="$ss" -v b="$su" 'BEGIN { printf "%.1f", a - b }')"
done
# least-squares slope of (signed - unsigned) in microseconds per MiB
slope=$(for bytes in $BLOB_SIZES; do
		echo "$bytes $(value "$size" "blob_us_unsigned_$bytes") $(value "$size" "blob_us_signed_$bytes")"
	done | awk '{ x = $1 / 1048576; y = $3 - $2; n++; sx += x; sy += y; sxx += x * x; sxy += x * y }
		    END { printf "%.1f", (n * sxy - sx * sy) / (n * sxx - sx * sx) }')
echo "  slope of signed-unsigned: $slope us/MiB; the kernel hashes a frozen 1 MiB map in $hash_us us;"
echo "  ratio $(ratio "$slope" "$hash_us") (target <= 1.5)"

echo
echo "On the unpatched base kernel:"
for gen in unsigned load-time inline kfunc; do
	echo "  $gen light skeleton: $(value "$OUT/compat.txt" "compat_$gen")"
done
grep -h "^hello_[a-z_]*: " "$OUT/compat.txt" | sed 's/^/  /' || true
