#!/bin/bash
# Boot the built kernel in QEMU and run one command in it, like the kernel's
# vmtest.sh. Prints the guest's output and exits with the command's status.
#
#   vm-run.sh [-f FILE]... [-a KERNEL_ARG]... [-p SCRIPT] [--] COMMAND [ARG]...
#
# Each FILE, and COMMAND itself when it names a host file, is copied into the
# guest's /host directory; such a COMMAND runs as /host/<name>. Each
# KERNEL_ARG is added to the kernel command line. SCRIPT, copied in too, runs
# first, the way a distribution's initramfs provisions a system before it
# starts init; when it fails, COMMAND does not run and the exit status is
# 124. The guest starts in /selftests. VM_TIMEOUT (seconds, default 900)
# bounds every run; VM_ACCEL=kvm|tcg skips the KVM probe. VM_ICOUNT=SHIFT
# boots under TCG with one vCPU and QEMU's instruction counter as the guest's
# clock (-icount shift=SHIFT,sleep=off): each instruction advances it by 2^SHIFT
# ns, so a time the guest measures is a count of the instructions it ran, the
# same on every run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

KERNEL=$KOUT/arch/x86/boot/bzImage
BASE_IMG=$VM_OUT/base.cpio.gz
TIMEOUT=${VM_TIMEOUT:-900}

usage() { die "usage: vm-run.sh [-f FILE]... [-a KERNEL_ARG]... [-p SCRIPT] [--] COMMAND [ARG]..."; }

# Pack /run.sh and the user's files into a second cpio archive; the kernel
# unpacks concatenated archives in order, over the base image.
make_run_image()
{
	local extra=$1 cmd=$2 f

	shift 2
	rm -rf "$extra" && mkdir -p "$extra/host"
	for f in "${files[@]}"; do
		[ -e "$f" ] || die "-f $f: no such file"
		cp -a "$f" "$extra/host/"
	done
	if [ -n "$provision" ]; then
		printf 'sh /host/%s || { echo "vm-run: %s failed: $?"; exit 124; }\n' \
			"$(basename "$provision")" "$(basename "$provision")" > "$extra/run.sh"
	fi
	printf '%s\n' "$cmd" >> "$extra/run.sh"
	(cd "$extra" && find . | cpio -o -H newc --quiet -R 0:0) | gzip -1 |
		cat "$BASE_IMG" - > "$VM_OUT/run.cpio.gz"
}

# Boot with $1 as accelerator; guest output on stdout, raw log in $2.
boot()
{
	local accel=$1 log=$2 cpu=max limit=${3:-$TIMEOUT} append
	# Two sockets of one CPU each: the kernel has no ACPI and learns the
	# CPUs from SeaBIOS's MP table, which lists one CPU per socket, so a
	# plain '-smp 2' (one socket, two cores) boots one CPU.
	local smp=(-smp "2,sockets=2")

	[ "$accel" = kvm ] && cpu=host
	append="console=ttyS0 quiet panic=-1 lsm=bpf,ipe oops=panic tsc=reliable"
	if [ -n "${VM_ICOUNT:-}" ]; then
		# the guest's TSC then counts virtual nanoseconds: 1 GHz, known
		smp=(-smp 1 -icount "shift=$VM_ICOUNT,sleep=off")
		append="$append tsc_early_khz=1000000"
	fi
	timeout --foreground -k 5 "$limit" \
		qemu-system-x86_64 -accel "$accel" -cpu "$cpu" -m 2G "${smp[@]}" \
		-display none -serial stdio -monitor none -no-reboot \
		-kernel "$KERNEL" -initrd "$VM_OUT/run.cpio.gz" \
		-append "$append${kargs[*]:+ ${kargs[*]}}" \
		</dev/null 2>&1 | tr -d '\r' | tee "$log" |
		grep --line-buffered -v -e '^VM-EXIT-STATUS: ' -e '^reboot: Restarting system$'
}

# Boot 'true' under KVM; a hang or a crash counts as a failure.
probe_kvm()
{
	provision= make_run_image "$VM_OUT/extra" "true"
	boot kvm "$VM_OUT/probe.log" 20 >/dev/null 2>&1 &&
		grep -q '^VM-EXIT-STATUS: 0$' "$VM_OUT/probe.log"
}

# KVM here may be a nested host on which a stock kernel hangs: use it only
# after a probe boot with it succeeded. The verdict is kept per kernel build.
choose_accel()
{
	local cache=$VM_OUT/accel

	if [ -n "${VM_ACCEL:-}" ]; then
		echo "$VM_ACCEL"
	elif [ -s "$cache" ] && [ "$cache" -nt "$KERNEL" ]; then
		cat "$cache"
	elif [ -r /dev/kvm ] && [ -w /dev/kvm ] && probe_kvm; then
		echo kvm | tee "$cache"
	else
		echo tcg | tee "$cache"
	fi
}

files=()
kargs=()
provision=
while [ $# -gt 0 ]; do
	case $1 in
	-f) [ $# -ge 2 ] || usage; files+=("$2"); shift 2 ;;
	-a) [ $# -ge 2 ] || usage; kargs+=("$2"); shift 2 ;;
	-p) [ $# -ge 2 ] || usage; provision=$2; files+=("$2"); shift 2 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || usage
[ -f "$KERNEL" ] || die "no kernel at $KERNEL; run 'make kernel'"
[ -f "$BASE_IMG" ] || die "no initramfs at $BASE_IMG; run 'make initramfs'"
case ${VM_ICOUNT:-0} in
[0-9] | 10) ;;
*) die "VM_ICOUNT=$VM_ICOUNT: give QEMU's icount shift, 0 to 10" ;;
esac
[ -z "${VM_ICOUNT:-}" ] || [ "${VM_ACCEL:-tcg}" = tcg ] ||
	die "VM_ICOUNT needs TCG; unset VM_ACCEL=$VM_ACCEL"

cmd=""
if [ -f "$1" ]; then
	files+=("$1")
	cmd="/host/$(basename "$1")"
	shift
fi
for arg in "$@"; do
	cmd="$cmd $(printf '%q' "$arg")"
done

mkdir -p "$VM_OUT"
if [ -n "${VM_ICOUNT:-}" ]; then
	accel=tcg
else
	accel=$(choose_accel)
fi
make_run_image "$VM_OUT/extra" "$cmd"
log=$VM_OUT/last-run.log
boot "$accel" "$log" || true
status=$(sed -n 's/^VM-EXIT-STATUS: \([0-9]*\)$/\1/p' "$log" | tail -n 1)
if [ -z "$status" ]; then
	echo "vm-run: the guest did not report an exit status (timeout after ${TIMEOUT}s, or a crash); log in $log" >&2
	exit 125
fi
exit "$status"
