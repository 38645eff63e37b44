#!/bin/bash
# Install every Debian package the project needs. Safe to run again: when
# everything is installed already it only checks and returns.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

packages=(
	"$BASE_PACKAGE"			# the kernel source (fetch-base.sh)
	build-essential bc bison flex kmod cpio rsync xz-utils perl python3
	python3-ply python3-git		# checkpatch.pl's SPDX check
	python3-sphinx			# make check renders Documentation/bpf
	libelf-dev zlib1g-dev libzstd-dev libcap-dev
	libssl-dev openssl		# kernel signing keys, bpftool -S, test keys
	libengine-pkcs11-openssl	# bpftool -k pkcs11:... (OpenSSL 3.0 has no PKCS#11 provider)
	softhsm2 opensc			# a software token for those tests, and pkcs11-tool
	dwarves				# pahole: BTF for vmlinux
	clang-19 llvm-19 lld-19		# BPF programs
	ccache git
	qemu-system-x86 busybox-static keyutils	# the test VM
	linux-config-6.12 gcc-aarch64-linux-gnu	# make configs: Debian's config, arm64
	pkgconf				# make libbpf: libbpf.pc, and its test
	quilt dpkg-dev			# make debian-check: Debian's patches and ours, dpkg-source
)

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo

# 'make debian-check' fetches Debian's kernel source package: apt needs the
# deb-src entry of config/debian-src.sources.
src_list=/etc/apt/sources.list.d/signed-bpf-src.sources
updated=0
if ! cmp -s "$TOP/config/debian-src.sources" "$src_list"; then
	say "adding Debian's kernel source packages to apt ($src_list)"
	$sudo install -m 644 "$TOP/config/debian-src.sources" "$src_list"
	$sudo apt-get update -q
	updated=1
fi

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { say "all ${#packages[@]} packages are installed"; exit 0; }

say "installing: ${missing[*]}"
[ "$updated" = 1 ] || $sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
