#!/bin/bash
# The configurations a distribution builds ('make configs', on demand): the
# directories of every .c file the series changes (kernel/bpf/,
# kernel/trace/, security/, crypto/asymmetric_keys/, net/...) under
# Debian's amd64 configuration (linux-config-6.12), arm64 (cross gcc) and
# 32-bit x86; and the VM kernel with the keys subsystem, signature
# verification or the BPF LSM configured out, built whole and booted, where
# vm/configs-check.c checks what a signed load answers. Outputs in
# build/configs/<name>, a summary in build/configs/results.
#
#   build-configs.sh [NAME]...	(default: all of them, in this order)
#     debian-amd64 arm64 i386 no-keys no-sigverify no-bpf-lsm
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

OUT=$BUILD/configs
ALL=(debian-amd64 arm64 i386 no-keys no-sigverify no-bpf-lsm)
DEBIAN_CONFIG=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1

# The directories of the .c files the series changes, tools aside. kbuild
# builds in each what the configuration enables: naming the objects instead
# would compile files the configuration leaves out (SELinux's hooks.c
# without SELinux, bpf_trace.c without BPF_EVENTS), which fail for reasons
# of their own.
series_dirs()
{
	git -C "$TREE" diff --name-only "$(tree_base)" HEAD -- '*.c' ':!tools' |
		xargs -n 1 dirname | sort -u | sed 's|$|/|'
}

kmake()	# kmake NAME [ARCH CROSS] TARGET...
{
	local name=$1 arch=$2 cross=$3

	shift 3
	make -C "$TREE" O="$OUT/$name" ARCH="$arch" CROSS_COMPILE="$cross" \
		CC="ccache ${cross}gcc" HOSTCC="ccache gcc" -s -j"$JOBS" "$@"
}

# objects NAME ARCH CROSS: configure from $OUT/NAME/.config, build the objects
objects()
{
	local name=$1 arch=$2 cross=$3 option

	kmake "$name" "$arch" "$cross" olddefconfig >/dev/null || return 1
	# mirror the fragment in the results: what the build had
	grep -E '^CONFIG_(BPF_SYSCALL|BPF_LSM|KEYS|SYSTEM_DATA_VERIFICATION|SECURITY_IPE)=' \
		"$OUT/$name/.config" | paste -sd' ' - > "$OUT/$name/options"
	# a configuration that lost one of these would not build what it is for
	for option in BPF_SYSCALL BPF_LSM SYSTEM_DATA_VERIFICATION KEYS SECURITY_IPE; do
		grep -q "^CONFIG_$option=y" "$OUT/$name/.config" || {
			echo "$name: CONFIG_$option is not set after olddefconfig (a dependency is missing)" >&2
			return 1
		}
	done
	kmake "$name" "$arch" "$cross" prepare || return 1
	# shellcheck disable=SC2046
	kmake "$name" "$arch" "$cross" $(series_dirs)
}

# Debian's own amd64 configuration, without the Debian signing certificates
# (not in the kernel tree) and BTF (objects only: no link).
build_debian_amd64()
{
	[ -r "$DEBIAN_CONFIG" ] || die "no $DEBIAN_CONFIG: run 'make deps' (linux-config-6.12)"
	mkdir -p "$OUT/debian-amd64"
	xz -dc "$DEBIAN_CONFIG" > "$OUT/debian-amd64/.config"
	"$TREE/scripts/config" --file "$OUT/debian-amd64/.config" \
		--set-str SYSTEM_TRUSTED_KEYS "" --set-str SYSTEM_REVOCATION_KEYS "" \
		--set-str MODULE_SIG_KEY "" -d DEBUG_INFO_BTF
	objects debian-amd64 x86_64 ""
}

# defconfig of the architecture with the VM fragment's BPF, keys and LSM lines
arch_config()	# arch_config NAME ARCH CROSS
{
	mkdir -p "$OUT/$1"
	kmake "$1" "$2" "$3" defconfig >/dev/null
	grep -E '^CONFIG_(BPF|KEYS|ASYMMETRIC|X509|PKCS7|SYSTEM_|SECONDARY|MODULE_SIG|SECURITY|LSM|AUDIT|PERF_EVENTS|FTRACE|FUNCTION_TRACER|DYNAMIC_FTRACE|KPROBE|CRYPTO_(RSA|ECDSA|SHA256)=)' \
		"$TOP/config/vm.config" | grep -v SYSTEM_TRUSTED_KEYS= >> "$OUT/$1/.config"
}

build_arm64()
{
	command -v aarch64-linux-gnu-gcc >/dev/null ||
		die "no aarch64-linux-gnu-gcc: run 'make deps' (gcc-aarch64-linux-gnu)"
	arch_config arm64 arm64 aarch64-linux-gnu-
	objects arm64 arm64 aarch64-linux-gnu-
}

build_i386()
{
	arch_config i386 i386 ""
	objects i386 i386 ""
}

# The VM kernel with config/configs/NAME.config merged last, whole, then
# booted: vm/configs-check.c checks a signed load's answer.
vm_variant()	# vm_variant NAME
{
	local name=$1

	KERNEL_FRAGMENTS="$TOP/config/vm.config $TOP/config/configs/$name.config" \
		KOUT="$OUT/$name" "$TOP/scripts/build-kernel.sh" || return 1
	grep -E '^CONFIG_(BPF_SYSCALL|BPF_LSM|KEYS|SYSTEM_DATA_VERIFICATION|SECURITY_IPE)=' \
		"$OUT/$name/.config" | paste -sd' ' - > "$OUT/$name/options"
	gcc -static -O2 -Wall -Werror -I"$TREE/tools/include/uapi" \
		"$TOP/vm/configs-check.c" -o "$OUT/configs-check" || return 1
	KOUT="$OUT/$name" "$TOP/scripts/vm-run.sh" -- "$OUT/configs-check" "$name" \
		> "$OUT/$name/boot.log" 2>&1 ||
		{ cat "$OUT/$name/boot.log" >&2; return 1; }
	grep '^configs-check:' "$OUT/$name/boot.log" >&2
}

build_no_keys()      { vm_variant no-keys; }
build_no_sigverify() { vm_variant no-sigverify; }
build_no_bpf_lsm()   { vm_variant no-bpf-lsm; }

[ $# -gt 0 ] || set -- "${ALL[@]}"
mkdir -p "$OUT"
failed=0
for name in "$@"; do
	case " ${ALL[*]} " in *" $name "*) ;; *) die "unknown configuration '$name' (one of: ${ALL[*]})" ;; esac
	say "configuration $name"
	start=$(date +%s)
	# set -e does not reach into an 'if' condition: each step of a build_*
	# function returns its failure itself
	if "build_${name//-/_}" > "$OUT/$name.log" 2>&1; then
		verdict=ok
	else
		verdict="FAILED (log: $OUT/$name.log)"
		failed=1
	fi
	printf '%s %s: %s in %d s; %s\n' "$(date -u +%F)" "$name" "$verdict" \
		$(($(date +%s) - start)) "$(cat "$OUT/$name/options" 2>/dev/null)" |
		tee -a "$OUT/results"
done
exit $failed
