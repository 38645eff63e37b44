#!/bin/bash
# Benchmarks, printed as ratios measured in one run: map hashing against
# OpenSSL in the same VM and BPF_PROG_LOAD latency of the patched kernel
# against the unpatched base kernel, booted one after the other with the same
# binary (bench/signing_bench.c); signed, in each loader generation, against
# unsigned light skeleton load time in one VM, and load time against the size
# of the metadata blob (bench/lskel_bench.c); a signed load at design 3.5's
# bounds (16 MiB of signed data, one and four signers) and the two refusals
# just past them (bench/lskel_bench.c bounds); the loaders' sizes
# (bench/loader_size.c). The base kernel also shows that unsigned light
# skeletons still load there. Expects 'make example' (object and keys).
#
# Times are taken twice. In wall-clock time, over ROUNDS boots of each kernel
# (alternating), with the guest told the host's TSC rate (tsc_early_khz=) so
# that it never calibrates its clock against the emulated PIT: each ratio is
# printed with the spread of the per-boot ratios. And in instructions, under
# QEMU's -icount (vm-run.sh's VM_ICOUNT=0: the guest's clock advances 1 ns per
# instruction it runs), ICOUNT_BOOTS boots of each kernel: these figures repeat
# from run to run and machine to machine, and the run-to-run difference is
# printed beside them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

OUT=$BUILD/bench

EXAMPLE=$BUILD/example
BPFTOOL=$TOOLS_OUT/bpftool/bpftool

build_bench()
{
	mkdir -p "$OUT"
	gcc -O2 -Wall -Werror "$TOP/bench/tsc_khz.c" -o "$OUT/tsc_khz"
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
	# "r0 = 0; exit", lskel_bench.c's ret0, signed for its bare loads
	printf '\xb7\000\000\000\000\000\000\000\x95\000\000\000\000\000\000\000' > "$OUT/ret0.bin"
	sign_detached "$OUT/ret0.bin" "$OUT/ret0.sig" "$EXAMPLE/keys/signing_key.pem" \
		"$EXAMPLE/keys/signing_cert.der" || die "signing $OUT/ret0.bin failed"
	# design 3.5's bounds: ret0 and a zero metadata value, 16 MiB signed in
	# all, signed by one key, by four (the kernel's most) and by five
	openssl dgst -sha256 -binary "$OUT/ret0.bin" > "$OUT/ret0.sha"
	{ cat "$OUT/ret0.bin"; head -c $((16 * 1024 * 1024 - 16)) /dev/zero; } > "$OUT/bound.bin"
	local extra=() i
	for i in 2 3 4 5; do
		[ -f "$OUT/signer$i.crt" ] ||
			openssl req -x509 -newkey rsa:2048 -nodes -days 36500 \
				-subj "/CN=signed BPF bench signer $i" -keyout "$OUT/signer$i.pem" \
				-out "$OUT/signer$i.crt" 2>/dev/null ||
			die "making signing key $i in $OUT failed"
		extra+=(-signer "$OUT/signer$i.crt" -inkey "$OUT/signer$i.pem")
		[ "$i" = 4 ] || [ "$i" = 5 ] || continue
		sign_detached "$OUT/bound.bin" "$OUT/bound_$i.sig" "$EXAMPLE/keys/signing_key.pem" \
			"$EXAMPLE/keys/signing_cert.der" "${extra[@]:0:$(( (i - 1) * 4 ))}" ||
			die "signing $OUT/bound.bin with $i keys failed"
	done
	sign_detached "$OUT/bound.bin" "$OUT/bound_1.sig" "$EXAMPLE/keys/signing_key.pem" \
		"$EXAMPLE/keys/signing_cert.der" || die "signing $OUT/bound.bin failed"
	rm -f "$OUT/bound.bin"
	# and signed with an ECDSA P-256 key: is another key type's check cheaper?
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 \
		-subj "/CN=signed BPF bench ECDSA P-256" -keyout "$OUT/ecdsa_key.pem" \
		-outform DER -out "$OUT/ecdsa_cert.der" 2>/dev/null ||
		die "making an ECDSA P-256 certificate in $OUT failed"
	sign_detached "$OUT/ret0.bin" "$OUT/ret0_ecdsa.sig" "$OUT/ecdsa_key.pem" \
		"$OUT/ecdsa_cert.der" -keyform PEM || die "signing $OUT/ret0.bin with ECDSA failed"
	gcc -static -O2 -Wall -Werror -I"$OUT" -I"$TOOLS_OUT/include" \
		-I"$TREE/tools/include/uapi" "$TOP/bench/lskel_bench.c" -o "$OUT/lskel_bench"
	gcc -O2 -Wall -Werror -I"$TOOLS_OUT/include" -I"$TREE/tools/include/uapi" \
		"$TOP/bench/loader_size.c" -o "$OUT/loader_size" \
		"$TOOLS_OUT/libbpf/libbpf.a" -lelf -lz
	PATH=/usr/lib/llvm-19/bin:$PATH "${bpf_cc[@]}" \
		-c "$TOP/bench/nomaps.bpf.c" -o "$OUT/nomaps.bpf.o"
	cp "$EXAMPLE/keys/signing_cert.der" "$OUT/"
}


# run_in_vm <kbuild dir> <output file> <benchmark binary> <args>: in
# wall-clock time, the guest's TSC at the host's rate; with VM_ICOUNT set, in
# instructions (vm-run.sh sets the guest's TSC rate then).
run_in_vm()
{
	local kout=$1 out=$2 bin=$3 status=0 tsc=()

	shift 3
	[ -n "${VM_ICOUNT:-}" ] || tsc=(-a "tsc_early_khz=$HOST_TSC_KHZ")
	KOUT=$kout "$TOP/scripts/vm-run.sh" -f "$OUT/signing_cert.der" -f "$OUT/ret0.sig" \
		-f "$OUT/ecdsa_cert.der" -f "$OUT/ret0_ecdsa.sig" -f "$OUT/ret0.sha" \
		-f "$OUT/bound_1.sig" -f "$OUT/bound_4.sig" -f "$OUT/bound_5.sig" "${tsc[@]}" \
		"$OUT/$bin" "$@" > "$out" 2>&1 || status=$?
	[ $status = 0 ] || die "the benchmark failed in the VM ($kout): $(tail -n 3 "$out")"
}

# in_insns <kbuild dir> <output file> <benchmark binary> <args>: run_in_vm
# under -icount
in_insns()
{
	VM_ICOUNT=0 run_in_vm "$@"
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
ROUNDS=${ROUNDS:-5}
ICOUNT_BOOTS=${ICOUNT_BOOTS:-2}
LOAD_CASES="small small_map 4096 4096_map"

median_of()	# median_of <key> <file>...
{
	local key=$1

	shift
	awk -v k="$key" '$1 == k { print $2 }' "$@" | sort -n |
		awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# spread <key> <numerator> <denominator>: the smallest and the largest ratio
# of a round's OUT/<numerator>-N.txt value to OUT/<denominator>-N.txt's, as
# "min-max"
spread()
{
	local key=$1 num=$2 den=$3

	paste <(awk -v k="$key" '$1 == k { print $2 }' "$OUT/$num"-*.txt) \
	      <(awk -v k="$key" '$1 == k { print $2 }' "$OUT/$den"-*.txt) |
		awk 'NR == 1 || $1 / $2 < lo { lo = $1 / $2 }
		     NR == 1 || $1 / $2 > hi { hi = $1 / $2 }
		     END { printf "%.3f-%.3f", lo, hi }'
}

# repeat <key> <files>: how far apart one key's values in several runs are,
# (max - min) / min in percent
repeat()
{
	local key=$1

	shift
	awk -v k="$key" '$1 == k { v = $2; if (!n++ || v < lo) lo = v; if (v > hi) hi = v }
			 END { printf "%.2f%%", (hi - lo) * 100 / lo }' "$@"
}

larger()		# larger <percentage> <percentage>
{
	awk -v a="${1%\%}" -v b="${2%\%}" 'BEGIN { printf "%.2f%%", (a > b ? a : b) }'
}

rm -f "$OUT"/patched-*.txt "$OUT"/base-*.txt "$OUT"/insns-*.txt
build_bench
build_lskel_bench
build_base_kernel
HOST_TSC_KHZ=$("$OUT/tsc_khz")
say "running the benchmarks in the VM (guest TSC at the host's $HOST_TSC_KHZ kHz): map hashing, then $ROUNDS rounds of patched and base kernel loads"
run_in_vm "$KOUT" "$OUT/hash.txt" signing_bench hash
for round in $(seq "$ROUNDS"); do
	run_in_vm "$KOUT" "$OUT/patched-$round.txt" signing_bench load
	run_in_vm "$BASE_KOUT" "$OUT/base-$round.txt" signing_bench load
done
say "the same loads and the light skeletons in instructions (-icount), $ICOUNT_BOOTS boots each"
for round in $(seq "$ICOUNT_BOOTS"); do
	in_insns "$KOUT" "$OUT/insns-patched-$round.txt" signing_bench load
	in_insns "$BASE_KOUT" "$OUT/insns-base-$round.txt" signing_bench load
	in_insns "$KOUT" "$OUT/insns-lskel-$round.txt" lskel_bench load /host/signing_cert.der \
		/host/ret0.sig
	in_insns "$KOUT" "$OUT/insns-ecdsa-$round.txt" lskel_bench bare /host/ecdsa_cert.der \
		/host/ret0_ecdsa.sig
	in_insns "$KOUT" "$OUT/insns-bounds-$round.txt" lskel_bench bounds /host/signing_cert.der /host
done
say "light skeletons: signed vs unsigned and against blob size on the patched kernel, all on the base kernel"
run_in_vm "$KOUT" "$OUT/lskel.txt" lskel_bench load /host/signing_cert.der /host/ret0.sig
run_in_vm "$KOUT" "$OUT/size.txt" lskel_bench size /host/signing_cert.der
in_insns "$KOUT" "$OUT/insns-size.txt" lskel_bench size /host/signing_cert.der
run_in_vm "$BASE_KOUT" "$OUT/compat.txt" lskel_bench compat /host/signing_cert.der
"$OUT/loader_size" hello "$EXAMPLE/hello.bpf.o" "$KOUT/vmlinux" > "$OUT/loader.txt" &&
	"$OUT/loader_size" nomaps "$OUT/nomaps.bpf.o" "$KOUT/vmlinux" >> "$OUT/loader.txt" ||
	die "counting the loaders' instructions failed"
for case in $LOAD_CASES; do
	echo "load_us_$case $(median_of "load_us_$case" "$OUT"/patched-*.txt)"
	echo "load_excl_$case $(median_of "load_excl_$case" "$OUT"/patched-*.txt)"
done > "$OUT/patched.txt"
for case in $LOAD_CASES; do
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

# load_label CASE: the case's name, marked when its map was exclusive
load_label()
{
	if [ "$(value "$OUT/patched.txt" "load_excl_$1")" = 1 ]; then
		echo "$1 (exclusive)"
	else
		echo "$1"
	fi
}

echo
echo "BPF_PROG_LOAD median latency, patched vs base kernel; target ratio <= 1.05"
echo "in instructions (-icount, thousands), first boot, and how far the $ICOUNT_BOOTS boots of each kernel differ:"
printf '  %-22s %12s %12s %8s %10s\n' program patched_kinsn base_kinsn ratio run-to-run
for case in $LOAD_CASES; do
	p=$(value "$OUT/insns-patched-1.txt" "load_us_$case")
	b=$(value "$OUT/insns-base-1.txt" "load_us_$case")
	label=$(load_label "$case")
	printf '  %-22s %12s %12s %8s %10s\n' "$label" "$p" "$b" "$(ratio "$p" "$b")" \
		"$(larger "$(repeat "load_us_$case" "$OUT"/insns-patched-*.txt)" \
			  "$(repeat "load_us_$case" "$OUT"/insns-base-*.txt)")"
done
echo "in wall-clock time, median over $ROUNDS boots each, and the spread of the per-boot ratios:"
printf '  %-22s %12s %12s %8s %12s\n' program patched_us base_us ratio spread
for case in $LOAD_CASES; do
	p=$(value "$OUT/patched.txt" "load_us_$case")
	b=$(value "$OUT/base.txt" "load_us_$case")
	label=$(load_label "$case")
	printf '  %-22s %12s %12s %8s %12s\n' "$label" "$p" "$b" "$(ratio "$p" "$b")" \
		"$(spread "load_us_$case" patched base)"
done

lskel=$OUT/lskel.txt
insns=$OUT/insns-lskel-1.txt
u=$(value "$lskel" lskel_us_unsigned)
ui=$(value "$insns" lskel_us_unsigned)
echo
echo "Light skeleton open+load of examples/hello (median of 41, in turn, one VM), signed vs unsigned,"
echo "in instructions (-icount, thousands, first boot, and how far the $ICOUNT_BOOTS boots differ) and in"
echo "wall-clock time; the target is below, after the signature check alone"
printf '  %-10s %14s %12s %8s %10s %12s %12s %8s\n' generation unsigned_kinsn signed_kinsn ratio \
	run-to-run unsigned_us signed_us ratio
for gen in load-time inline kfunc; do
	sg=$(value "$lskel" "lskel_us_$gen")
	si=$(value "$insns" "lskel_us_$gen")
	printf '  %-10s %14s %12s %8s %10s %12s %12s %8s\n' "$gen" "$ui" "$si" "$(ratio "$si" "$ui")" \
		"$(repeat "lskel_us_$gen" "$OUT"/insns-lskel-*.txt)" "$u" "$sg" "$(ratio "$sg" "$u")"
done
bu=$(value "$insns" bare_us_unsigned)
bs=$(value "$insns" bare_us_signed)
echo "  the signature check alone: a bare BPF_PROG_LOAD of 2 instructions, unsigned $bu kinsn,"
echo "  signed (RSA-2048, session keyring) $bs kinsn: +$(awk -v a="$bs" -v b="$bu" 'BEGIN { printf "%.1f", a - b }') kinsn,"
echo "  against +$(awk -v a="$(value "$insns" lskel_us_load-time)" -v b="$ui" 'BEGIN { printf "%.1f", a - b }') kinsn for the signed load-time light skeleton"
echo "  the signed load-time light skeleton less the signature check, against unsigned:" \
	"$(ratio "$(awk -v a="$(value "$insns" lskel_us_load-time)" -v s="$bs" -v u="$bu" \
		'BEGIN { print a - (s - u) }')" "$ui") (target <= 1.15)"
eu=$(value "$OUT/insns-ecdsa-1.txt" bare_us_unsigned)
es=$(value "$OUT/insns-ecdsa-1.txt" bare_us_signed)
echo "  the same bare load signed with ECDSA P-256: unsigned $eu kinsn, signed $es kinsn:"
echo "  +$(awk -v a="$es" -v b="$eu" 'BEGIN { printf "%.1f", a - b }') kinsn (run to run $(repeat bare_us_signed "$OUT"/insns-ecdsa-*.txt))"

bounds=$OUT/insns-bounds-1.txt
b1=$(value "$bounds" bound_us_1_signer)
b4=$(value "$bounds" bound_us_4_signers)
echo
echo "The bounds of a signed load (design 3.5): the bare load with a metadata map making 16 MiB"
echo "of signed data, in instructions (-icount, thousands, median of 3; run to run beside each):"
printf '  %-34s %12s %10s\n' load kinsn run-to-run
for key in bound_us_1_signer bound_us_4_signers bound_us_over_e2big bound_us_5_signers_ebadmsg \
	   bare_us_unsigned; do
	printf '  %-34s %12s %10s\n' "$key" "$(value "$bounds" "$key")" \
		"$(repeat "$key" "$OUT"/insns-bounds-*.txt)"
done
echo "  four signers against one: $(ratio "$b4" "$b1") (each signer digests the 16 MiB);" \
	"the two refusals come before any digest"

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

# slope <file>: least-squares slope of (signed - unsigned) per MiB of data
slope()
{
	local bytes

	for bytes in $BLOB_SIZES; do
		echo "$bytes $(value "$1" "blob_us_unsigned_$bytes") $(value "$1" "blob_us_signed_$bytes")"
	done | awk '{ x = $1 / 1048576; y = $3 - $2; n++; sx += x; sy += y; sxx += x * x; sxy += x * y }
		    END { printf "%.1f", (n * sxy - sx * sy) / (n * sxx - sx * sx) }'
}

echo
echo "Load cost against metadata size (blob.bpf.c, load-time generation, median of 11),"
echo "in instructions (-icount, thousands) and in wall-clock time (us, one boot)"
printf '  %-10s %14s %12s %12s %12s %12s %12s
' data_bytes unsigned_kinsn signed_kinsn \
	difference unsigned_us signed_us difference
for bytes in $BLOB_SIZES; do
	iu=$(value "$OUT/insns-size.txt" "blob_us_unsigned_$bytes")
	is=$(value "$OUT/insns-size.txt" "blob_us_signed_$bytes")
	su=$(value "$OUT/size.txt" "blob_us_unsigned_$bytes")
	ss=$(value "$OUT/size.txt" "blob_us_signed_$bytes")
	printf '  %-10s %14s %12s %12s %12s %12s %12s
' "$bytes" "$iu" "$is" \
		"$(awk -v a="$is" -v b="$iu" 'BEGIN { printf "%.1f", a - b }')" "$su" "$ss" \
		"$(awk -v a="$ss" -v b="$su" 'BEGIN { printf "%.1f", a - b }')"
done
for unit in insns wall; do
	if [ $unit = insns ]; then
		file=$OUT/insns-size.txt per=kinsn
	else
		file=$OUT/size.txt per=us
	fi
	slope_per_mib=$(slope "$file")
	hash=$(value "$file" hash_us_1048576)
	echo "  $unit: slope of signed-unsigned $slope_per_mib $per/MiB; hashing a frozen 1 MiB map" \
		"$hash $per; ratio $(ratio "$slope_per_mib" "$hash") (target <= 1.5)"
done

echo
echo "On the unpatched base kernel:"
for gen in unsigned load-time inline kfunc; do
	echo "  $gen light skeleton: $(value "$OUT/compat.txt" "compat_$gen")"
done
grep -h "^hello_[a-z_]*: " "$OUT/compat.txt" | sed 's/^/  /' || true
