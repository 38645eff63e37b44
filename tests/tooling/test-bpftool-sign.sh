#!/bin/bash
# bpftool's -S/-k/-i/--loader-gen/--kfunc-btf/--keyring: each misuse names
# the option or file at fault, OpenSSL's own error text is shown, and a good
# key and certificate (PEM or DER) give a signed light skeleton of each
# generation that says which it is; in the VM, prog load -S loads against the
# certificate it adds to a keyring of its own (or the session or user
# keyring, when named), leaves no key behind unless asked, fails with another
# certificate, and says which keyring it used. tamper-lskel.pl changes exactly what it
# says. Uses the demo's object and keys (make example).
. "$(dirname "$0")/lib.sh"

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
	"$BPFTOOL" --loader-gen kfunc --kfunc-btf "$OBJ" gen skeleton -S -k "$KEY" -i "$CERT" "$OBJ"
fails_with "the kfunc generation without a target BTF" \
	"--loader-gen kfunc needs the target kernel's BTF: --kfunc-btf" \
	"$BPFTOOL" --loader-gen kfunc gen skeleton -S -k "$KEY" -i "$CERT" "$OBJ"
fails_with "an unknown generation" "--loader-gen 'fast': expected load-time, inline or kfunc" \
	"$BPFTOOL" --loader-gen fast gen skeleton -S -k "$KEY" -i "$CERT" "$OBJ"
fails_with "--loader-gen without -S" "--loader-gen only makes sense with -S/--sign" \
	"$BPFTOOL" --loader-gen inline gen skeleton -L "$OBJ"
fails_with "--kfunc-btf with another generation" \
	"--kfunc-btf only makes sense with --loader-gen kfunc" \
	"$BPFTOOL" --kfunc-btf "$OBJ" gen skeleton -S -k "$KEY" -i "$CERT" "$OBJ"
fails_with "--keyring without -S" "--keyring only makes sense with -S/--sign" \
	"$BPFTOOL" --keyring user prog load "$OBJ" /sys/fs/bpf/x
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

# each generation says what it is; only the inline and kfunc ones set a
# field mainline's bpf_load_and_run_opts lacks
check "the default is the load-time generation" \
	grep -q "Signed light skeleton, load-time generation" "$SCRATCH/s.h"
fails "a load-time skeleton sets no sig_gen" grep -q sig_gen "$SCRATCH/s.h"
"$BPFTOOL" --loader-gen inline "${GEN[@]}" -S -k "$KEY" -i "$CERT" "$OBJ" name hello > "$SCRATCH/i.h"
check "an inline skeleton says so" grep -q "Signed light skeleton, inline generation" "$SCRATCH/i.h"
check "and sets its generation" grep -q "opts.sig_gen = BPF_SKEL_SIG_INLINE;" "$SCRATCH/i.h"
"$BPFTOOL" "${KFUNC[@]}" "${GEN[@]}" -S -k "$KEY" -i "$CERT" "$OBJ" name hello > "$SCRATCH/k.h"
check "a kfunc skeleton says so" grep -q "Signed light skeleton, kfunc generation" "$SCRATCH/k.h"
check "and sets its generation" grep -q "opts.sig_gen = BPF_SKEL_SIG_KFUNC;" "$SCRATCH/k.h"

# tamper-lskel.pl: one bit of the loader, and the exclusive-map hash of the
# changed loader; or one bit of the blob and nothing else
"$TOP/scripts/tamper-lskel.pl" opts_insn < "$SCRATCH/s.h" > "$SCRATCH/t.h"
diff "$SCRATCH/s.h" "$SCRATCH/t.h" > "$SCRATCH/diff"
check "tamper-lskel.pl opts_insn changes one loader line and the hash" \
	test "$(grep -c '^>' "$SCRATCH/diff")" -eq 2
"$TOP/scripts/tamper-lskel.pl" opts_data < "$SCRATCH/s.h" > "$SCRATCH/t.h"
diff "$SCRATCH/s.h" "$SCRATCH/t.h" > "$SCRATCH/diff"
check "tamper-lskel.pl opts_data changes one line" test "$(grep -c '^>' "$SCRATCH/diff")" -eq 1

# prog load -S in the VM, against the running kernel's BTF, in a session
# keyring of its own, whose keys it lists afterwards
prog_load_signed()	# prog_load_signed CERT [OPTION...]: output in $SCRATCH/vm
{
	local cert=$1

	shift
	"$TOP/scripts/vm-run.sh" -f "$OBJ" -f "$KEY" -f "$cert" -- keyctl session - sh -c \
		"bpftool -S -k /host/${KEY##*/} -i /host/${cert##*/} $* prog load /host/hello.bpf.o &&
		 echo \"session keyring: [\$(keyctl rlist @s)]\"" > "$SCRATCH/vm" 2>&1
}
check "prog load -S loads in the VM" prog_load_signed "$CERT"
check "and says which keyring" \
	grep -q "load-time loader loaded, signature checked against a keyring of bpftool's own" \
	"$SCRATCH/vm"
check "which leaves no key in the session keyring" grep -qF "session keyring: []" "$SCRATCH/vm"
check "prog load -S --keyring session loads" prog_load_signed "$CERT" --keyring session
check "and says so" \
	grep -q "load-time loader loaded, signature checked against keyring 'session'" "$SCRATCH/vm"
check "and the session keyring keeps the certificate, as asked" \
	grep -q "session keyring: \[[0-9][0-9]*\]" "$SCRATCH/vm"
fails "prog load -S with a certificate that is not the key's" \
	prog_load_signed "$EX/keys/wrong_cert.der"
check "prog load -S --keyring user loads" prog_load_signed "$CERT" --keyring user
fails "prog load -S --keyring builtin, which does not hold the key" \
	prog_load_signed "$CERT" --keyring builtin
check "and says so" grep -q "loader refused, signature checked against keyring 'builtin'" "$SCRATCH/vm"
fails_with "a keyring bpftool does not know" "--keyring 'nosuch': expected session" \
	"$BPFTOOL" -S -k "$KEY" -i "$CERT" --keyring nosuch prog load "$OBJ" /sys/fs/bpf/x

# Key rotation: several -k/-i pairs, in the same order; a skeleton signed by
# two keys loads where the keyring holds either, and not where it holds none
fails_with "two keys, one certificate" \
	"each -k <private_key.pem> needs its -i <certificate>, in the same order: 2 keys, 1 certificates" \
	"$BPFTOOL" "${GEN[@]}" -S -k "$KEY" -k "$EX/keys/wrong_key.pem" -i "$CERT" "$OBJ"
fails_with "five keys" "-k $KEY: at most 4 signing keys and certificates" \
	"$BPFTOOL" "${GEN[@]}" -S -k "$KEY" -k "$KEY" -k "$KEY" -k "$KEY" -k "$KEY" "$OBJ"
mkdir -p "$SCRATCH/rot"
"$BPFTOOL" "${GEN[@]}" -S -k "$KEY" -i "$CERT" -k "$EX/keys/wrong_key.pem" \
	-i "$EX/keys/wrong_cert.der" "$OBJ" name hello > "$SCRATCH/rot/hello.lskel.h"
check "signs with two keys" grep -q 'opts.signature = (void \*)opts_sig;' "$SCRATCH/rot/hello.lskel.h"
check "builds the two-key application" build_app "$SCRATCH/rot" "$SCRATCH/hello-rot"
rotated_load() { vm_app "$SCRATCH/hello-rot" "$@"; }	# rotated_load [CERT]
check "a two-key skeleton loads with the first key's certificate" rotated_load "$CERT"
check "and with the second key's" rotated_load "$EX/keys/wrong_cert.der"
fails "and not with neither" rotated_load
check "for want of a key" grep -q '(ENOKEY)' "$SCRATCH/vm"

# A passphrase-protected key: --passphrase env:VAR or file:PATH; without it and
# without a terminal, a message that says what to do
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -aes256 -pass pass:s3cret \
	-out "$SCRATCH/enc_key.pem" 2>/dev/null
openssl req -new -x509 -sha256 -days 1 -subj "/CN=bpftool passphrase test" \
	-key "$SCRATCH/enc_key.pem" -passin pass:s3cret -out "$SCRATCH/enc_cert.pem"
ENC=(-S -k "$SCRATCH/enc_key.pem" -i "$SCRATCH/enc_cert.pem")
fails_with "a protected key, no passphrase, no terminal" \
	"'$SCRATCH/enc_key.pem' is protected by a passphrase: give it with --passphrase" \
	"$BPFTOOL" "${GEN[@]}" "${ENC[@]}" "$OBJ" < /dev/null
sign_enc()	# sign_enc [OPTION...]: $SCRATCH/enc.h, signed with the protected key
{
	"$BPFTOOL" "$@" "${GEN[@]}" "${ENC[@]}" "$OBJ" name hello > "$SCRATCH/enc.h" < /dev/null
}
export BPF_KEY_PASS=s3cret
check "signs with --passphrase env:" sign_enc --passphrase env:BPF_KEY_PASS
unset BPF_KEY_PASS
check "and the header carries a signature" grep -q 'opts_sig\[\]' "$SCRATCH/enc.h"
printf 's3cret\n' > "$SCRATCH/pass"
rm -f "$SCRATCH/enc.h"
check "signs with --passphrase file:" sign_enc --passphrase "file:$SCRATCH/pass"
check "and the header carries a signature" grep -q 'opts_sig\[\]' "$SCRATCH/enc.h"
printf 'wrong\n' > "$SCRATCH/badpass"
fails_with "a wrong passphrase" "failed to read a private key from -k '$SCRATCH/enc_key.pem'" \
	"$BPFTOOL" --passphrase "file:$SCRATCH/badpass" "${GEN[@]}" "${ENC[@]}" "$OBJ" < /dev/null
fails_with "an unset variable" "--passphrase env:NO_SUCH_VAR: the variable is not set" \
	"$BPFTOOL" --passphrase env:NO_SUCH_VAR "${GEN[@]}" "${ENC[@]}" "$OBJ" < /dev/null
fails_with "a missing passphrase file" "--passphrase file:$SCRATCH/nofile: No such file or directory" \
	"$BPFTOOL" --passphrase "file:$SCRATCH/nofile" "${GEN[@]}" "${ENC[@]}" "$OBJ" < /dev/null
fails_with "an unknown source" "--passphrase 'pass:s3cret': expected env:VAR or file:PATH" \
	"$BPFTOOL" --passphrase pass:s3cret "${GEN[@]}" "${ENC[@]}" "$OBJ"
fails_with "--passphrase without -S" "--passphrase only makes sense with -S/--sign" \
	"$BPFTOOL" --passphrase env:X "${GEN[@]}" -L "$OBJ"
