# Helpers for the tooling tests. Each test is a bash script that exits 0 on
# success; 'check' and 'fails' report what went wrong before exiting.
# shellcheck shell=bash
set -uo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

check()		# check "description" command...
{
	local what=$1

	shift
	if "$@"; then
		echo "ok: $what"
	else
		echo "FAILED: $what"
		exit 1
	fi
}

fails()		# fails "description" command...: the command must fail
{
	local what=$1

	shift
	if "$@"; then
		echo "FAILED (succeeded): $what"
		exit 1
	fi
	echo "ok: $what"
}

# The signing tests (test-bpftool-*.sh) use the demo's object and keys
# (make example) and the work tree's bpftool.
BPFTOOL=$TOP/build/tools/bpftool/bpftool
EX=$TOP/build/example
OBJ=$EX/hello.bpf.o
KEY=$EX/keys/signing_key.pem
CERT=$EX/keys/signing_cert.der
GEN=(gen skeleton)
KFUNC=(--loader-gen kfunc --kfunc-btf "$TOP/build/kbuild/vmlinux")

fails_with()	# fails_with "description" "expected message" command...
{
	local what=$1 msg=$2

	shift 2
	if "$@" > "$SCRATCH/out" 2>&1; then
		echo "FAILED (succeeded): $what"
		exit 1
	fi
	echo "ok: $what"
	check "$what: says '$msg'" grep -qF -- "$msg" "$SCRATCH/out"
}

# vm_app APP [CERT]: run the application APP (built from examples/hello) in
# the VM, in a session keyring of its own holding CERT, with --keyring
# session; output in $SCRATCH/vm
vm_app()
{
	local app=$1 add=""

	[ $# -gt 1 ] && add="keyctl padd asymmetric '' @s < /host/${2##*/} > /dev/null && "
	"$TOP/scripts/vm-run.sh" -f "$app" ${2:+-f "$2"} -- \
		keyctl session - sh -c "$add/host/${app##*/} --keyring session" > "$SCRATCH/vm" 2>&1
}

# build_app DIR APP: examples/hello built with DIR/hello.lskel.h
build_app()
{
	gcc -static -O2 -Wall -Werror -I"$1" -I"$EX" -I"$TOP/build/tools/include" \
		-I"$TOP/build/linux/tools/include/uapi" "$TOP/examples/hello/hello.c" -o "$2"
}
