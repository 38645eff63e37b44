#!/bin/bash
# The standalone libbpf (scripts/export-libbpf.sh, 'make libbpf') is what an
# application author builds with: exported, built and installed into a
# scratch prefix (and a DESTDIR), it has the soname, symbol versions, headers
# and libbpf.pc it must; examples/hello's signed application builds against
# its installed headers alone, found with pkg-config, with no kernel tree on
# the include path, and needs no libbpf to link (a light skeleton is
# header-only: skel_internal.h); a program of libbpf's API links it, static
# and shared. The application then loads its signed light skeleton in the
# VM against the .bpf keyring, provisioned as the demo does. With NO_VM=1,
# everything but the VM run. Times each step; work in build/libbpf-test.
. "$(dirname "$0")/lib.sh"

W=$TOP/build/libbpf-test
APP=$W/app
PREFIX=$W/prefix
PC_ENV=(env PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig")

# (no grep -q after a pipe: with pipefail, the writer's SIGPIPE would fail it)

# timed NAME command...: runs it, its output in $W/NAME.log; adds its time
# to $W/times
timed()
{
	local name=$1 start status

	shift
	start=$(date +%s%N)
	"$@" > "$W/$name.log" 2>&1
	status=$?
	awk -v n="$name" -v t=$(( $(date +%s%N) - start )) \
		'BEGIN { printf "%-10s %6.1f s\n", n, t / 1e9 }' >> "$W/times"
	[ $status -eq 0 ] || sed 's/^/    /' "$W/$name.log" | tail -n 20
	return $status
}

# includes LOG: the headers gcc -H says it read (dots, then a path)
includes() { sed -n 's/^\.\+ //p' "$1"; }

no_kernel_tree_in_makefile()
{
	! grep -nE 'srctree|tools/(include|scripts|build)|\.\./\.\./' "$W/libbpf/src/Makefile"
}

soname_is()	# soname_is LIB SONAME
{
	readelf -d "$1" | grep -F "(SONAME)             Library soname: [$2]" > /dev/null
}

exports()	# exports LIB SYMBOL@@VERSION
{
	readelf --dyn-syms --wide "$1" | grep -w -- "$2" > /dev/null
}

# only_prefix FLAG...: every -I and -L is in the scratch prefix
only_prefix()
{
	local f

	for f in "$@"; do
		case $f in
		-I"$PREFIX"/* | -L"$PREFIX"/* | -lbpf) ;;
		*) echo "not ours: $f"; return 1 ;;
		esac
	done
}

# read_only_ours: no header from a kernel tree or build/tools, and
# skel_internal.h and <linux/bpf.h> (every copy read) from the prefix
read_only_ours()
{
	! grep -e "$TOP/build/linux" -e "$TOP/build/tools" -e '/tools/include/' "$W/includes" &&
	grep -qx "$PREFIX/include/bpf/skel_internal.h" "$W/includes" &&
	test "$(grep '/linux/bpf\.h$' "$W/includes" | sort -u)" = "$PREFIX/include/bpf/uapi/linux/bpf.h"
}

no_libbpf_code()	# no_libbpf_code BINARY
{
	! nm "$1" | grep -wE 'bpf_object__open|libbpf_get_error|bpf_prog_load|libbpf_print'
}

runs_as()	# runs_as "expected first line" command...
{
	local want=$1

	shift
	test "$("$@" | sed -n 1p)" = "$want"
}

check "the demo's signed header and watcher exist (make example)" \
	test -f "$EX/signed/hello.lskel.h" -a -f "$EX/verdict.lskel.h"
rm -rf "$W" && mkdir -p "$APP"

# export, build, install: as an author vendoring it would
check "export-libbpf.sh exports the work tree's libbpf" \
	timed export "$TOP/scripts/export-libbpf.sh" "$W/libbpf"
VERSION=$(cat "$W/libbpf/VERSION")
LIBV=${VERSION%%+*}
check "its version is libbpf's, marked as ours: $VERSION" \
	grep -qxE '[0-9]+\.[0-9]+\.[0-9]+\+signedbpf\.[0-9]+\.[0-9a-f]{12}' "$W/libbpf/VERSION"
check "it has libbpf's layout: src/, include/uapi/linux/bpf.h, README.md" \
	test -f "$W/libbpf/src/libbpf.c" -a -f "$W/libbpf/include/uapi/linux/bpf.h" -a -f "$W/libbpf/README.md"
check "the build takes nothing from a kernel tree: no path to one in src/Makefile" \
	no_kernel_tree_in_makefile
check "make builds libbpf.a, libbpf.so.$LIBV and libbpf.pc" \
	timed build make -C "$W/libbpf/src" -j"$(nproc)" OBJDIR="$W/obj"
check "make check: the versions agree, every exported symbol is versioned" \
	timed make-check make -C "$W/libbpf/src" OBJDIR="$W/obj" check
check "make install PREFIX=$PREFIX" \
	timed install make -C "$W/libbpf/src" OBJDIR="$W/obj" PREFIX="$PREFIX" install

check "libbpf.so.$LIBV has the soname libbpf.so.${LIBV%%.*}" \
	soname_is "$PREFIX/lib/libbpf.so.$LIBV" "libbpf.so.${LIBV%%.*}"
check "the symbol links: libbpf.so.${LIBV%%.*} and libbpf.so point to it" \
	test "$(readlink "$PREFIX/lib/libbpf.so.${LIBV%%.*}")" = "libbpf.so.$LIBV" \
	-a "$(readlink "$PREFIX/lib/libbpf.so")" = "libbpf.so.$LIBV"
check "the series' API is exported in its own symbol version" \
	exports "$PREFIX/lib/libbpf.so.$LIBV" bpf_map__set_exclusive_program@@LIBBPF_1.5.0_SIGNED_BPF
check "headers in include/bpf, the series' UAPI headers in include/bpf/uapi/linux" \
	test -f "$PREFIX/include/bpf/skel_internal.h" -a -f "$PREFIX/include/bpf/bpf_helper_defs.h" \
	-a -f "$PREFIX/include/bpf/uapi/linux/bpf.h"
check "pkg-config finds this libbpf at $VERSION" \
	test "$("${PC_ENV[@]}" pkg-config --modversion libbpf)" = "$VERSION"

# DESTDIR, as a package build installs
make -C "$W/libbpf/src" -s OBJDIR="$W/obj" DESTDIR="$W/destdir" PREFIX=/usr \
	LIBDIR=/usr/lib/x86_64-linux-gnu install > "$W/destdir.log" 2>&1
check "make install DESTDIR= PREFIX=/usr LIBDIR=: the files under DESTDIR" \
	test -f "$W/destdir/usr/lib/x86_64-linux-gnu/libbpf.so.$LIBV" \
	-a -f "$W/destdir/usr/include/bpf/skel_internal.h" \
	-a -f "$W/destdir/usr/lib/x86_64-linux-gnu/pkgconfig/libbpf.pc"
# shellcheck disable=SC2016	# libbpf.pc's own ${prefix}
check "... and libbpf.pc names the installed paths, not DESTDIR" \
	grep -qx 'libdir=${prefix}/lib/x86_64-linux-gnu' "$W/destdir/usr/lib/x86_64-linux-gnu/pkgconfig/libbpf.pc"

# examples/hello's application, from its sources and the two light
# skeleton headers alone
cp "$TOP/examples/hello/hello.c" "$EX/signed/hello.lskel.h" "$EX/verdict.lskel.h" "$APP/"
read -ra CFLAGS <<< "$("${PC_ENV[@]}" pkg-config --cflags libbpf)"
read -ra LIBS <<< "$("${PC_ENV[@]}" pkg-config --libs libbpf)"
echo "compiler flags: ${CFLAGS[*]} ... ${LIBS[*]}"
check "the flags name only the scratch prefix" only_prefix "${CFLAGS[@]}" "${LIBS[@]}"
check "the signed application builds with pkg-config --cflags --libs libbpf" \
	timed compile gcc -static -O2 -Wall -Werror -H "${CFLAGS[@]}" -I"$APP" \
		"$APP/hello.c" "${LIBS[@]}" -o "$APP/hello"
includes "$W/compile.log" > "$W/includes"
check "it read no header of a kernel tree or build/tools; skel_internal.h and <linux/bpf.h> from the prefix" \
	read_only_ours
check "header-only: it links without libbpf too" \
	gcc -static -O2 -Wall -Werror "${CFLAGS[@]}" -I"$APP" "$APP/hello.c" -o "$APP/hello-no-libbpf"
check "... and has no libbpf code in it" no_libbpf_code "$APP/hello"
check "... the same binary with and without -lbpf" cmp "$APP/hello" "$APP/hello-no-libbpf"
if cmp -s "$APP/hello" "$EX/hello"; then
	echo "(byte for byte the demo's build/example/hello, built against the kernel tree)"
else
	echo "(not byte for byte the demo's build/example/hello: its build flags differ, or 'make example' is stale)"
fi
fails_with "with the system's <linux/bpf.h> instead of the series', the signed header does not build" \
	"'union bpf_attr' has no member named 'signature'" \
	env LC_ALL=C gcc -O2 -I"$PREFIX/include" -I"$APP" -c "$APP/hello.c" -o "$SCRATCH/hello.o"

# a program of libbpf's API, shared and static
cat > "$APP/version.c" <<'EOF'
#include <stdio.h>
#include <bpf/libbpf.h>

int main(void)
{
	int (*set_excl)(struct bpf_map *, struct bpf_program *) = bpf_map__set_exclusive_program;

	printf("libbpf %s (%u.%u)%s\n", libbpf_version_string(), libbpf_major_version(),
	       libbpf_minor_version(), set_excl ? ", exclusive maps" : "");
	return 0;
}
EOF
read -ra STATIC_LIBS <<< "$("${PC_ENV[@]}" pkg-config --static --libs libbpf)"
check "a libbpf API program links libbpf.so" \
	gcc -O2 -Wall -Werror "${CFLAGS[@]}" "$APP/version.c" "${LIBS[@]}" -o "$APP/version"
check "... runs with it: libbpf v${LIBV%.*}" \
	runs_as "libbpf v${LIBV%.*} (${LIBV%.*}), exclusive maps" env LD_LIBRARY_PATH="$PREFIX/lib" "$APP/version"
check "... which the dynamic linker finds in the prefix" \
	bash -c "LD_LIBRARY_PATH='$PREFIX/lib' ldd '$APP/version' | grep -qF '$PREFIX/lib/libbpf.so.${LIBV%%.*}'"
check "... and libbpf.a (pkg-config --static)" \
	gcc -static -O2 -Wall -Werror "${CFLAGS[@]}" "$APP/version.c" "${STATIC_LIBS[@]}" -o "$APP/version-static"
check "... which runs" runs_as "libbpf v${LIBV%.*} (${LIBV%.*}), exclusive maps" "$APP/version-static"

# Debian's libbpf-dev (1.1 in Debian 12) cannot build a signed header:
# checked where it is installed (LIBBPF_DEV_ROOT: where a .deb is unpacked)
DEV=${LIBBPF_DEV_ROOT:-}/usr/include
if [ -f "$DEV/bpf/skel_internal.h" ]; then
	fails_with "the system's libbpf-dev headers cannot build the signed application" \
		"has no member named 'signature'" \
		env LC_ALL=C gcc -O2 -I"$DEV" -I"$APP" -c "$APP/hello.c" -o "$SCRATCH/hello.o"
else
	echo "(no libbpf-dev in $DEV: its refusal of the signed header is not checked)"
fi
cat "$W/times"

[ "${NO_VM:-0}" = 1 ] && { echo "NO_VM=1: not run in the VM"; exit 0; }
# in the VM: booted and provisioned like the demo (scripts/demo.sh)
"$TOP/scripts/vm-run.sh" -a bpf.keyring_unsealed=1 -p "$TOP/vm/provision-bpf-keyring.sh" \
	-f "$EX/signing_cert.der" -- "$APP/hello" > "$W/vm.log" 2>&1
status=$?
cat "$W/vm.log"
check "in the VM, it exits 0" test $status -eq 0
check "... the kernel verified its signature against the .bpf keyring" \
	grep -qF 'verdict the LSM saw at admission: BPF_SIG_VERIFIED (.bpf keyring)' "$W/vm.log"
check "... it loaded the program through the signed light skeleton" \
	grep -qF 'hello: loaded the BPF program through its signed light skeleton' "$W/vm.log"
check "... which counted its getpid() calls" \
	grep -qF 'hello: called getpid() 5 times, the BPF program counted 5' "$W/vm.log"
