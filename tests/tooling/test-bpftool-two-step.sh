#!/bin/bash
# bpftool gen skeleton -S --to-sign, then --signature: the bytes written are
# what the key-file path signs; openssl cms -sign signs them; the header
# built from that signature is byte for byte the one -k/-i makes, for each
# generation, and loads in the VM. Signatures of other bytes, by another key,
# with the content attached, over the kernel's 64 KiB, or no signature at
# all are refused, each with its reason, and the options refuse what makes
# no sense.
. "$(dirname "$0")/lib.sh"

check "the demo's object and keys exist (make example)" test -f "$OBJ" -a -f "$KEY" -a -f "$CERT"

# shellcheck source=../../scripts/lib.sh
. "$TOP/scripts/lib.sh"

# openssl_sign IN OUT [OPTION...]: what a signing service would do, with
# the project's signing command (sign_detached in scripts/lib.sh)
openssl_sign()
{
	sign_detached "$1" "$2" "$KEY" "$CERT" "${@:3}"
}

two_step_header()	# two_step_header OUT [OPTION...]
{
	local out=$1

	shift
	"$BPFTOOL" "$@" "${GEN[@]}" -S "$OBJ" name hello > "$out"
}

for g in load-time inline kfunc; do
	opts=(--loader-gen "$g")
	[ "$g" = kfunc ] && opts=("${KFUNC[@]}")
	"$BPFTOOL" "${opts[@]}" "${GEN[@]}" -S -k "$KEY" -i "$CERT" "$OBJ" name hello \
		> "$SCRATCH/one-$g.h"
	"$BPFTOOL" "${opts[@]}" "${GEN[@]}" -S --to-sign "$SCRATCH/$g.to-sign" "$OBJ" name hello \
		> "$SCRATCH/stdout" 2> "$SCRATCH/stderr"
	check "$g: --to-sign writes the bytes to sign" test -s "$SCRATCH/$g.to-sign"
	check "and no header" test ! -s "$SCRATCH/stdout"
	check "and says their SHA-256" \
		grep -q "SHA-256 $(sha256sum < "$SCRATCH/$g.to-sign" | cut -d' ' -f1)" "$SCRATCH/stderr"
	check "and how to go on" grep -q -- "--signature SIG -i CERT" "$SCRATCH/stderr"
	check "openssl cms -sign signs them" openssl_sign "$SCRATCH/$g.to-sign" "$SCRATCH/$g.sig"
	check "--signature builds the header, checked with -i" \
		two_step_header "$SCRATCH/two-$g.h" "${opts[@]}" --signature "$SCRATCH/$g.sig" -i "$CERT"
	check "the one -k/-i makes, byte for byte" cmp "$SCRATCH/one-$g.h" "$SCRATCH/two-$g.h"
done
# load-time: the loader, then the blob; the others sign the loader alone
check "load-time signs more than the loader alone" \
	test "$(stat -c %s "$SCRATCH/load-time.to-sign")" -gt "$(stat -c %s "$SCRATCH/inline.to-sign")"

openssl_sign "$SCRATCH/inline.to-sign" "$SCRATCH/inline.pem" -outform PEM
two_step_header "$SCRATCH/pem.h" --loader-gen inline --signature "$SCRATCH/inline.pem"
check "a PEM signature, without -i: the same header" cmp "$SCRATCH/one-inline.h" "$SCRATCH/pem.h"

# the two-step load-time header loads in the VM
mkdir "$SCRATCH/app" && cp "$SCRATCH/two-load-time.h" "$SCRATCH/app/hello.lskel.h"
check "builds the application with it" build_app "$SCRATCH/app" "$SCRATCH/hello-two-step"
check "which loads in the VM" vm_app "$SCRATCH/hello-two-step" "$CERT"
check "verified" grep -q "BPF_SIG_VERIFIED" "$SCRATCH/vm"

SIGN=("$BPFTOOL" "${GEN[@]}" -S)
fails_with "a signature of other bytes" \
	"--signature '$SCRATCH/inline.sig' does not verify against the -i certificate" \
	"${SIGN[@]}" --signature "$SCRATCH/inline.sig" -i "$CERT" "$OBJ" name hello
fails_with "a certificate that names no signer" "no -i certificate names a signer" \
	"${SIGN[@]}" --signature "$SCRATCH/load-time.sig" -i "$EX/keys/wrong_cert.der" "$OBJ"
check "and it names the signer's key id" grep -q "signer 1, key id [0-9a-f]\{40\}, has no -i certificate" \
	"$SCRATCH/out"
# signed attributes: the kernel checks the signature over them, and the
# content's digest among them; a broken signature with the right digest is
# refused by both
openssl cms -sign -binary -nocerts -nosmimecap -md sha256 -keyid -in "$SCRATCH/load-time.to-sign" \
	-inkey "$KEY" -signer "$CERT" -outform DER -out "$SCRATCH/attrs.sig"
check "a signature with signed attributes is checked and taken" \
	two_step_header "$SCRATCH/attrs.h" --signature "$SCRATCH/attrs.sig" -i "$CERT"
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[-1] ^= 1; open(sys.argv[2], "wb").write(b)' \
	"$SCRATCH/attrs.sig" "$SCRATCH/attrs-broken.sig"
fails_with "one whose signature over its attributes is broken" \
	"--signature '$SCRATCH/attrs-broken.sig' does not verify against the -i certificate" \
	"${SIGN[@]}" --signature "$SCRATCH/attrs-broken.sig" -i "$CERT" "$OBJ" name hello
openssl_sign "$SCRATCH/load-time.to-sign" "$SCRATCH/attached.sig" -nodetach
fails_with "a signature that carries its content" "carries the signed bytes: make a detached signature" \
	"${SIGN[@]}" --signature "$SCRATCH/attached.sig" "$OBJ"
fails_with "a file that is no signature" \
	"failed to read a CMS signature (DER or PEM) from '$CERT'" \
	"${SIGN[@]}" --signature "$CERT" "$OBJ"
fails_with "a missing signature file" "failed to open --signature '$SCRATCH/nosuch'" \
	"${SIGN[@]}" --signature "$SCRATCH/nosuch" "$OBJ"
# the kernel's bound, BPF_PROG_MAX_SIGNATURE_SIZE: a signature that carries
# a 70 KB certificate is over it, and bpftool refuses it before any load
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=big \
	-keyout "$SCRATCH/big.key" -out "$SCRATCH/big.pem" \
	-addext "nsComment=$(head -c 70000 /dev/zero | tr '\0' a)" 2> /dev/null
openssl_sign "$SCRATCH/load-time.to-sign" "$SCRATCH/big.sig" -certfile "$SCRATCH/big.pem"
check "a signature of more than 64 KiB" test "$(stat -c %s "$SCRATCH/big.sig")" -gt 65536
fails_with "is refused" "the kernel takes signatures of 1 to 65536 bytes" \
	"${SIGN[@]}" --signature "$SCRATCH/big.sig" "$OBJ"
check "naming the file" grep -qF -- "--signature '$SCRATCH/big.sig' is $(stat -c %s "$SCRATCH/big.sig") bytes" \
	"$SCRATCH/out"
fails_with "-k with --signature" "-k <private_key>: with --signature the signature is made elsewhere" \
	"${SIGN[@]}" --signature "$SCRATCH/inline.sig" -k "$KEY" -i "$CERT" "$OBJ"
fails_with "-i with --to-sign" "-i <certificate>: --to-sign only writes the bytes to sign" \
	"${SIGN[@]}" --to-sign "$SCRATCH/x" -i "$CERT" "$OBJ"
fails_with "both steps at once" "--to-sign and --signature are the two steps" \
	"${SIGN[@]}" --to-sign "$SCRATCH/x" --signature "$SCRATCH/inline.sig" "$OBJ"
fails_with "--to-sign without -S" "--to-sign only makes sense with -S/--sign" \
	"$BPFTOOL" "${GEN[@]}" -L --to-sign "$SCRATCH/x" "$OBJ"
fails_with "--to-sign into a missing directory" "--to-sign '$SCRATCH/no/x': No such file or directory" \
	"${SIGN[@]}" --to-sign "$SCRATCH/no/x" "$OBJ"
fails_with "prog load --signature" "--signature: signing elsewhere is for gen skeleton" \
	"$BPFTOOL" -S --signature "$SCRATCH/inline.sig" prog load "$OBJ" /sys/fs/bpf/x
