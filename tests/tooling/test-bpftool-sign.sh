#!/bin/bash
# bpftool's -S/-k/-i: each misuse names the option or file at fault, OpenSSL's
# own error text is shown, and a good key and certificate (PEM or DER) give a
# signed light skeleton; in the VM, prog load -S loads against the certificate
# it adds to the session keyring, and fails with another one. Uses the demo's
# object and keys (make example).
. "$(dirname "$0")/lib.sh"

BPFTOOL=$TOP/build/tools/bpftool/bpftool
EX=$TOP/build/example
OBJ=$EX/hello.bpf.o
KEY=$EX/keys/signing_key.pem
CERT=$EX/keys/signing_cert.der
GEN=(-B "$TOP/build/kbuild/vmlinux" gen skeleton)

# fails_with "description" "expected message" command...
fails_with()
{
	local what=$1 msg=$2

	shift 2
	fails "$what" "$@" > "$SCRATCH/out" 2>&1
	check "$what: says '$msg'" grep -qF -- "$msg" "$SCRATCH/out"
}

check "the demo's object and keys exist (make example)" test -f "$OBJ" -a -f "$KEY" -a -f "$CERT"
openssl x509 -inform DER -in "$CERT" -out "$SCRATCH/cert.pem"
echo "not a certificate" > "$SCRATCH/junk"

fails_with "-S without -k" "-S/--sign requires a private key: -k <private_key.pem>" \
	"$BPFTOOL" "${GEN[@]}" -S -i "$CERT" "$OBJ"
fails_with "-S without -i" "-S/--sign requires a certificate: -i <certificate>" \
	"$BPFTOOL" "${GEN[@]}" -S -k "$KEY" "$OBJ"
fails_with "-k without -S" "-k <private_key.pem> only makes sense with -S/--sign" \
	"$BPFTOOL" "${GEN[@]}" -L -k "$KEY" "$OBJ"
fails_with "-i without -S" "-i <certificate> only makes sense with -S/--sign" \
	"$BPFTOOL" "${GEN[@]}" -L -i "$CERT" "$OBJ"
fails_with "a missing key file" "failed to read a private key from -k '$SCRATCH/missing.pem'" \
	"$BPFTOOL" "${GEN[@]}" -S -k "$SCRATCH/missing.pem" -i "$CERT" "$OBJ"
check "with OpenSSL's reason" grep -q "No such file or directory" "$SCRATCH/out"
fails_with "a certificate given as the key" "failed to read a private key from -k '$CERT'" \
	"$BPFTOOL" "${GEN[@]}" -S -k "$CERT" -i "$CERT" "$OBJ"
fails_with "a file that is no certificate" "failed to read a certificate from -i '$SCRATCH/junk'" \
	"$BPFTOOL" "${GEN[@]}" -S -k "$KEY" -i "$SCRATCH/junk" "$OBJ"
# a BTF without the kfunc, as a kernel without signing support has: the
# object's own BTF stands in for it
fails_with "a target kernel without bpf_loader_verify_metadata()" \
	"has no bpf_loader_verify_metadata(), the kernel lacks signed BPF support" \
	"$BPFTOOL" -B "$OBJ" gen skeleton -S -k "$KEY" -i "$CERT" "$OBJ"
fails_with "prog loadall -S" "-S/--sign works with 'prog load' only" \
	"$BPFTOOL" -S -k "$KEY" -i "$CERT" prog loadall "$OBJ" /sys/fs/bpf/x

signed_skeleton()	# signed_skeleton CERT: $SCRATCH/s.h
{
	"$BPFTOOL" "${GEN[@]}" -S -k "$KEY" -i "$1" "$OBJ" name hello > "$SCRATCH/s.h"
}

for cert in "$CERT" "$SCRATCH/cert.pem"; do
	check "signs with the certificate in ${cert##*.}" signed_skeleton "$cert"
	check "the skeleton has keyring_id" grep -q '__s32 keyring_id;' "$SCRATCH/s.h"
	check "and passes the signature" grep -q 'opts.signature = (void \*)opts_sig;' "$SCRATCH/s.h"
done
"$BPFTOOL" "${GEN[@]}" -L "$OBJ" name hello > "$SCRATCH/u.h"
fails "an unsigned skeleton has no keyring_id" grep -q keyring_id "$SCRATCH/u.h"

# prog load -S in the VM, against the running kernel's BTF
prog_load_signed()	# prog_load_signed CERT
{
	"$TOP/scripts/vm-run.sh" -f "$OBJ" -f "$KEY" -f "$1" -- \
		bpftool -S -k "/host/${KEY##*/}" -i "/host/${1##*/}" prog load /host/hello.bpf.o
}
check "prog load -S loads in the VM" prog_load_signed "$CERT"
fails "prog load -S with a certificate that is not the key's" \
	prog_load_signed "$EX/keys/wrong_cert.der"
