#!/bin/bash
# bpftool gen verify HEADER [cert CERT]...: its verdict on a signed header
# agrees with openssl cms -verify on the signature and signed bytes taken
# from the header independently (scripts/lskel-literal.pl), for a good header, a
# certificate that names no signer, and a changed byte of the loader or the
# blob; a changed metadata blob of the inline generation and a changed
# loader hash are refused though the signature verifies; two signers verify
# with either certificate; and the output says the generation, the signer's
# key id and the SHA-256 of what was signed. Without a certificate nothing is
# checked, and it exits non-zero; a header whose assignments or generation
# are not as gen skeleton -S writes them is refused.
. "$(dirname "$0")/lib.sh"

check "the demo's object and keys exist (make example)" test -f "$OBJ" -a -f "$KEY" -a -f "$CERT"
WRONG=$EX/keys/wrong_cert.der

literal() { "$TOP/scripts/lskel-literal.pl" "$@"; }	# literal NAME < HEADER

# openssl_verify HEADER CERT: openssl's verdict on the header's signature
openssl_verify()
{
	local h=$1 cert=$2

	literal opts_sig < "$h" > "$SCRATCH/sig.der"
	literal opts_insn < "$h" > "$SCRATCH/signed"
	grep -q 'opts.sig_gen = ' "$h" || literal opts_data < "$h" >> "$SCRATCH/signed"
	openssl cms -verify -binary -inform DER -in "$SCRATCH/sig.der" -content "$SCRATCH/signed" \
		-certfile "$cert" -nointern -noverify -out /dev/null 2> /dev/null
}

verify()	# verify HEADER [CERT...]: bpftool gen verify, output in $SCRATCH/v
{
	local h=$1 c args=()

	shift
	for c in "$@"; do
		args+=(cert "$c")
	done
	"$BPFTOOL" gen verify "$h" "${args[@]}" > "$SCRATCH/v" 2>&1
}

# agree VERDICT HEADER CERT: bpftool and openssl both say VERDICT (ok|fails)
agree()
{
	local verdict=$1 h=$2 cert=$3 b=ok o=ok

	verify "$h" "$cert" || b=fails
	openssl_verify "$h" "$cert" || o=fails
	[ "$b" = "$verdict" ] && [ "$o" = "$verdict" ] && return 0
	echo "bpftool: $b, openssl: $o, expected: $verdict"
	return 1
}

for g in load-time inline; do
	h=$SCRATCH/$g.h
	"$BPFTOOL" --loader-gen "$g" "${GEN[@]}" -S -k "$KEY" -i "$CERT" "$OBJ" name hello > "$h"
	check "$g: bpftool and openssl verify the header" agree ok "$h" "$CERT"
	check "it says the generation" grep -qx "generation: $g" "$SCRATCH/v"
	check "the SHA-256 of what was signed" grep -q "SHA-256 $(sha256sum < "$SCRATCH/signed" | cut -d' ' -f1)" "$SCRATCH/v"
	kid=$(openssl x509 -inform DER -in "$CERT" -noout -ext subjectKeyIdentifier |
	      sed -n 's/^ *//; s/://gp' | tr A-F a-f)
	check "the signer's key id, the certificate's" grep -q "signer 1: key id $kid: verifies with $CERT" "$SCRATCH/v"
	check "and the result" grep -qx "result: verified" "$SCRATCH/v"
	check "both refuse a certificate that names no signer" agree fails "$h" "$WRONG"
	check "which bpftool calls ENOKEY" grep -q "(ENOKEY)" "$SCRATCH/v"
	"$TOP/scripts/tamper-lskel.pl" opts_insn < "$h" > "$SCRATCH/t.h"
	check "both refuse a changed loader byte" agree fails "$SCRATCH/t.h" "$CERT"
	check "which bpftool calls EKEYREJECTED" grep -q "(EKEYREJECTED)" "$SCRATCH/v"
	# tamper-lskel.pl made the loader hash the changed loader's: only the
	# signature tells, and there is no certificate to check it with
	fails "without a certificate, it is not checked" verify "$SCRATCH/t.h"
	check "and says so" grep -q "^result: not checked" "$SCRATCH/v"
done

"$TOP/scripts/tamper-lskel.pl" opts_data < "$SCRATCH/load-time.h" > "$SCRATCH/t.h"
check "both refuse a changed blob byte of a load-time header" agree fails "$SCRATCH/t.h" "$CERT"
"$TOP/scripts/tamper-lskel.pl" opts_data < "$SCRATCH/inline.h" > "$SCRATCH/t.h"
check "an inline header's changed blob: openssl verifies the signature, which does not cover it" \
	openssl_verify "$SCRATCH/t.h" "$CERT"
fails "but bpftool refuses it" verify "$SCRATCH/t.h" "$CERT"
check "as the loader would" grep -q "result: changed: the loader would refuse its metadata blob (EINVAL)" \
	"$SCRATCH/v"
# the loader hash alone: the line after opts_excl_hash's, one bit flipped
perl -pe 'if ($n) { s/\\x([0-9a-f]{2})/sprintf("\\x%02x", hex($1) ^ 1)/e; $n = 0 } $n = 1 if /opts_excl_hash\[\]/' \
	< "$SCRATCH/load-time.h" > "$SCRATCH/t.h"
check "a changed loader hash: openssl verifies the signature, which does not cover it" \
	openssl_verify "$SCRATCH/t.h" "$CERT"
fails "but bpftool refuses it" verify "$SCRATCH/t.h" "$CERT"
check "and says why" grep -q "result: changed: the loader's SHA-256 is not opts_excl_hash" "$SCRATCH/v"

verify "$SCRATCH/load-time.h"
check "without a certificate, nothing is checked: exit status 130 (ENOKEY)" test $? = 130
check "the header is described" grep -q "^signer 1: key id [0-9a-f]*: no certificate given" "$SCRATCH/v"
check "and not checked" grep -q "result: not checked: give the signers' certificates with 'cert FILE'" \
	"$SCRATCH/v"
"$BPFTOOL" "${GEN[@]}" -S -k "$KEY" -i "$CERT" -k "$EX/keys/wrong_key.pem" -i "$WRONG" \
	"$OBJ" name hello > "$SCRATCH/two.h"
check "two signers: verified with the first's certificate" verify "$SCRATCH/two.h" "$CERT"
check "with the second's" verify "$SCRATCH/two.h" "$WRONG"
check "and both are listed" grep -q "signature: [0-9]* bytes, 2 signers" "$SCRATCH/v"
"$BPFTOOL" -j gen verify "$SCRATCH/load-time.h" cert "$CERT" > "$SCRATCH/v.json"
check "--json says verified" python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert v["verified"] is True and v["generation"] == "load-time", v
assert v["signers"][0]["verified"] is True, v' "$SCRATCH/v.json"

fails_with "a header that is not signed" "has no opts_sig[]: is it a signed light skeleton" \
	"$BPFTOOL" gen verify "$TOP/examples/hello/hello.c"
fails_with "a missing header" "failed to open '$SCRATCH/nosuch.h'" \
	"$BPFTOOL" gen verify "$SCRATCH/nosuch.h"
fails_with "a missing certificate" "failed to read a certificate from '$SCRATCH/nosuch.der'" \
	"$BPFTOOL" gen verify "$SCRATCH/load-time.h" cert "$SCRATCH/nosuch.der"
sed 's/opts_sig\[\] = "\\/opts_sig[] = "\\q\\/' "$SCRATCH/load-time.h" > "$SCRATCH/t.h"
fails_with "a literal that does not parse" "the string literal of opts_sig[] does not parse" \
	"$BPFTOOL" gen verify "$SCRATCH/t.h"
# a genuine signed loader in a comment, ahead of the code the compiler
# builds, would otherwise be what gen verify reads
{ echo '/*'; grep -A1000 'opts_insn\[\]' "$SCRATCH/load-time.h" | sed -n '1,/";/p'; echo '*/'
  cat "$SCRATCH/load-time.h"; } > "$SCRATCH/t.h"
fails_with "an array declared twice" "declares opts_insn[] more than once" \
	"$BPFTOOL" gen verify "$SCRATCH/t.h" cert "$CERT"
# what the header hands to bpf_load_and_run() is what is checked, and its
# generation is said once, in the comment and in the code alike
sed 's|opts.data = (void \*)opts_data;|opts.data = (void *)opts_insn;|' "$SCRATCH/load-time.h" > "$SCRATCH/t.h"
fails_with "a header that loads other bytes than its opts_data[]" \
	"does not assign 'opts.data = (void *)opts_data;' exactly once" \
	"$BPFTOOL" gen verify "$SCRATCH/t.h" cert "$CERT"
sed 's|load-time generation:|inline generation:|' "$SCRATCH/load-time.h" > "$SCRATCH/t.h"
fails_with "a comment that names another generation" \
	"says it is of the inline generation, but its code loads the load-time generation" \
	"$BPFTOOL" gen verify "$SCRATCH/t.h" cert "$CERT"
{ echo '/* opts.sig_gen = BPF_SKEL_SIG_INLINE; */'; cat "$SCRATCH/inline.h"; } > "$SCRATCH/t.h"
fails_with "a second opts.sig_gen, in a comment" "does not say its loader's generation once" \
	"$BPFTOOL" gen verify "$SCRATCH/t.h" cert "$CERT"
fails_with "an unknown argument" "unknown arg key" \
	"$BPFTOOL" gen verify "$SCRATCH/load-time.h" key "$KEY"
