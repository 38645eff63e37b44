#!/bin/bash
# Build the VM's base initramfs: busybox, keyutils, bash, openssl, bpftool,
# the selftests and the test keys. Dynamic binaries are copied with the shared
# libraries they load. Output: build/vm/base.cpio.gz.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ROOT=$VM_OUT/rootfs

# Copy a host binary into the image's directory $2, with its libraries at
# their host paths.
add_binary()
{
	local bin lib

	bin=$(command -v "$1") || die "$1 not found on the host (run 'make deps')"
	install -D "$bin" "$ROOT$2/${bin##*/}"
	for lib in $(ldd "$bin" 2>/dev/null | grep -oE '/[^ ]+'); do
		[ -e "$ROOT$lib" ] || install -D "$lib" "$ROOT$lib"
	done
}

add_selftests()
{
	local f

	[ -x "$ST_OUT/test_progs" ] || return 0
	mkdir -p "$ROOT/selftests"
	add_binary "$ST_OUT/test_progs" /selftests
	cp "$ST_OUT"/*.bpf.o "$ROOT/selftests/"
	for f in $(selftests_key files); do
		cp "$TREE/tools/testing/selftests/bpf/$f" "$ROOT/selftests/"
	done
	for f in $(selftests_key extras); do
		case $f in
		*.ko) install -m 0644 "$ST_OUT/$f" "$ROOT/selftests/" ;;
		*) add_binary "$ST_OUT/$f" /selftests ;;
		esac
	done
}

rm -rf "$ROOT"
mkdir -p "$ROOT"/{bin,sbin,etc,proc,sys,dev,tmp,root,run,usr/bin,usr/sbin}
install -m 0755 /bin/busybox "$ROOT/bin/busybox"
for applet in $(/bin/busybox --list); do
	[ -e "$ROOT/bin/$applet" ] || ln -s busybox "$ROOT/bin/$applet"
done
for b in bash keyctl openssl; do
	add_binary "$b" /usr/bin
done
add_binary "$TOOLS_OUT/bpftool/bpftool" /usr/sbin
ln -sf /usr/bin/bash "$ROOT/bin/bash"	# for '#!/bin/bash' scripts
install -D -m 0644 "$(readlink -f /usr/lib/ssl/openssl.cnf)" "$ROOT/usr/lib/ssl/openssl.cnf"
add_selftests
install -m 0755 "$TOP/vm/init" "$ROOT/init"

(cd "$ROOT" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 > "$VM_OUT/base.cpio.gz"
say "initramfs: $VM_OUT/base.cpio.gz ($(du -h "$VM_OUT/base.cpio.gz" | cut -f1))"
