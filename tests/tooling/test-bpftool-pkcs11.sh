#!/bin/bash
# bpftool -k and -i with PKCS#11 URIs, against a SoftHSM token that holds the
# demo's key and certificate: the header is byte for byte the one the key
# file makes (RSA, no signed attributes: the signature is deterministic), the
# PIN comes from --passphrase or the URI and never shows in bpftool's
# messages, and a missing PIN or object is reported with the URI. Needs
# softhsm2, opensc and libengine-pkcs11-openssl (make deps).
. "$(dirname "$0")/lib.sh"

SOFTHSM_MODULE=/usr/lib/softhsm/libsofthsm2.so
ENGINE=$(openssl version -e | sed -n 's/^ENGINESDIR: "\(.*\)"/\1/p')/pkcs11.so
check "SoftHSM, OpenSC and the pkcs11 engine are installed (make deps)" \
	test -f "$SOFTHSM_MODULE" -a -f "$ENGINE" -a -x /usr/bin/pkcs11-tool -a -x /usr/bin/softhsm2-util
check "the demo's object and keys exist (make example)" test -f "$OBJ" -a -f "$KEY" -a -f "$CERT"

# a token of our own, in the scratch directory
mkdir "$SCRATCH/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
	"$SCRATCH/tokens" > "$SCRATCH/softhsm2.conf"
export SOFTHSM2_CONF=$SCRATCH/softhsm2.conf
token()
{
	softhsm2-util --init-token --free --label bpf-signing --pin 1234 --so-pin 123456 &&
	openssl pkcs8 -topk8 -nocrypt -in "$KEY" -out "$SCRATCH/key8.pem" &&
	softhsm2-util --import "$SCRATCH/key8.pem" --token bpf-signing --label signer \
		--id 01 --pin 1234 &&
	pkcs11-tool --module "$SOFTHSM_MODULE" --token-label bpf-signing --login --pin 1234 \
		--write-object "$CERT" --type cert --id 01 --label signer
} > "$SCRATCH/token.log" 2>&1
check "a SoftHSM token holds the demo's key and certificate" token

URI='pkcs11:token=bpf-signing;object=signer'
export BPF_TOKEN_PIN=1234
sign()	# sign OUT [OPTION...]: a header of the demo object
{
	local out=$1

	shift
	"$BPFTOOL" "$@" "${GEN[@]}" "$OBJ" name hello > "$out" < /dev/null
}
check "signs with the key file" sign "$SCRATCH/file.h" -S -k "$KEY" -i "$CERT"
check "signs with the token's key and certificate" \
	sign "$SCRATCH/token.h" -S --passphrase env:BPF_TOKEN_PIN \
	-k "$URI;type=private" -i "$URI;type=cert"
check "the same header, byte for byte" cmp "$SCRATCH/file.h" "$SCRATCH/token.h"
check "signs with the token's key and the certificate file, the PIN in the URI" \
	sign "$SCRATCH/mixed.h" -S -k "$URI;type=private;pin-value=1234" -i "$CERT"
check "the same header" cmp "$SCRATCH/file.h" "$SCRATCH/mixed.h"
for g in inline kfunc; do
	opts=(--loader-gen "$g")
	[ "$g" = kfunc ] && opts=("${KFUNC[@]}")
	sign "$SCRATCH/file-$g.h" "${opts[@]}" -S -k "$KEY" -i "$CERT"
	check "the $g generation too" sign "$SCRATCH/token-$g.h" "${opts[@]}" -S \
		--passphrase env:BPF_TOKEN_PIN -k "$URI;type=private" -i "$URI;type=cert"
	check "the same $g header" cmp "$SCRATCH/file-$g.h" "$SCRATCH/token-$g.h"
done

fails_with "no PIN and no terminal" \
	"the token of '$URI;type=private' needs its PIN: give it with --passphrase" \
	sign "$SCRATCH/x.h" -S -k "$URI;type=private" -i "$CERT"
fails_with "a wrong PIN in the URI" \
	"failed to read a private key from -k '$URI;type=private;pin-value=***'" \
	sign "$SCRATCH/x.h" -S -k "$URI;type=private;pin-value=9999" -i "$CERT"
check "with the token's reason" grep -q 'PIN incorrect' "$SCRATCH/out"
fails "and bpftool's messages do not show the PIN" grep '^Error:.*9999' "$SCRATCH/out"
fails_with "a key the token does not hold" \
	"failed to read a private key from -k 'pkcs11:token=bpf-signing;object=nosuch;type=private'" \
	sign "$SCRATCH/x.h" -S --passphrase env:BPF_TOKEN_PIN \
	-k "pkcs11:token=bpf-signing;object=nosuch;type=private" -i "$CERT"
fails_with "a certificate the token does not hold" \
	"failed to read a certificate from -i 'pkcs11:token=bpf-signing;object=nosuch;type=cert'" \
	sign "$SCRATCH/x.h" -S --passphrase env:BPF_TOKEN_PIN \
	-k "$URI;type=private" -i "pkcs11:token=bpf-signing;object=nosuch;type=cert"
fails_with "the token's key with another certificate" "private key does not match certificate" \
	sign "$SCRATCH/x.h" -S --passphrase env:BPF_TOKEN_PIN \
	-k "$URI;type=private" -i "$EX/keys/wrong_cert.der"
