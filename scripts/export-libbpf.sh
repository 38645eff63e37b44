#!/bin/bash
# Export the work tree's libbpf (tools/lib/bpf at 'main') as a standalone
# libbpf in the layout of libbpf's own repository, which it syncs from the
# kernel tree: src/ (the sources, and a Makefile of ours, libbpf/src/, that
# builds libbpf.a, libbpf.so and libbpf.pc and installs them), include/uapi/
# linux/ (the work tree's UAPI headers libbpf needs), include/linux/ and
# include/asm/ (our own compat headers, libbpf/include/: the kernel tree's
# tools/include ones are GPL-2.0 and find their arch headers by relative
# paths), VERSION and a README. Application authors build their signed
# light skeletons against it, not against a kernel tree.
#
#   export-libbpf.sh [OUTDIR]    default $LIBBPF_OUT, or build/libbpf;
#                                LIBBPF_REF=main
#
# The version is libbpf's (libbpf.map, libbpf_version.h) marked as ours:
# 1.5.0+signedbpf.<patches>.<first 12 hex digits of the tree object of REF>,
# the same on every machine for the same series.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

REF=${LIBBPF_REF:-main}
OUT=$(realpath -m "${1:-${LIBBPF_OUT:-$BUILD/libbpf}}")
LICENSE_FILES="LICENSES/preferred/LGPL-2.1 LICENSES/preferred/BSD-2-Clause
LICENSES/preferred/GPL-2.0 LICENSES/exceptions/Linux-syscall-note"

# extract DIR: the files of REF the export takes, into DIR
extract()
{
	local paths=(tools/lib/bpf tools/include tools/arch/x86/include scripts/bpf_doc.py)

	# shellcheck disable=SC2206	# the list is words
	paths+=($LICENSE_FILES)
	git -C "$TREE" rev-parse -q --verify "$REF^{commit}" >/dev/null ||
		die "no commit '$REF' in $TREE; run 'make tree'"
	git -C "$TREE" archive "$REF" "${paths[@]}" | tar -x -C "$1" ||
		die "git archive of $REF failed; does $REF have ${paths[*]}? ('make tree')"
}

# check_sources SRC: every .c of tools/lib/bpf is a libbpf object (Build),
# as our Makefile builds every .c; the headers the kernel tree's Makefile
# installs (SRC_HDRS) are those ours installs
check_sources()
{
	local src=$1 f h ours

	for f in "$src"/*.c; do
		grep -qw "$(basename "$f" .c).o" "$src/Build" ||
			die "tools/lib/bpf/$(basename "$f") is not in tools/lib/bpf/Build; update libbpf/src/Makefile to leave it out"
	done
	ours=$(sed -n '/^HEADERS :=/,/[^\\]$/p' "$TOP/libbpf/src/Makefile")
	for h in $(sed -n '/^SRC_HDRS :=/,/[^\\]$/p' "$src/Makefile" | tr -d '\134' | cut -d= -f2-); do
		grep -qw "${h//./\\.}" <<< "$ours" ||
			die "the kernel tree's libbpf installs $h; add it to HEADERS in libbpf/src/Makefile"
	done
}

# uapi_headers TREE: the UAPI headers the kernel tree's build of libbpf
# takes from tools/include/uapi/linux (the names, one a line), found as its
# Makefile would find them; the rest come from the system's kernel headers
# (linux-libc-dev). Only the tools/include/uapi/linux ones are UAPI; those
# of tools/include/linux and tools/include/asm are compat headers, and the
# export has its own (libbpf/include).
uapi_headers()
{
	local t=$1 f

	for f in "$t"/tools/lib/bpf/*.c; do
		gcc -M -D_LARGEFILE64_SOURCE -D_FILE_OFFSET_BITS=64 -I"$t/tools/lib/bpf" \
			-I"$t/tools/include" -I"$t/tools/include/uapi" \
			-I"$t/tools/arch/x86/include" "$f" ||
			die "gcc -M $f failed: the kernel tree's libbpf does not build here?"
	done | tr -s '\040\134' '\n' | sed -n "s|^$t/tools/include/uapi/linux/||p" | sort -u
}

# libbpf_version SRC: x.y.z from libbpf.map's newest node, which
# libbpf_version.h must agree with
libbpf_version()
{
	local src=$1 map hdr

	map=$(sed -n 's/^LIBBPF_\([0-9.]*[0-9]\).*{.*/\1/p' "$src/libbpf.map" | sort -V | tail -n 1)
	hdr=$(sed -n 's/^#define LIBBPF_\(MAJOR\|MINOR\)_VERSION \([0-9]*\)$/\2/p' \
		"$src/libbpf_version.h" | paste -sd. -)
	if [ -z "$map" ] || [ "${map%.*}" != "$hdr" ]; then
		die "libbpf.map ($map) and libbpf_version.h ($hdr) of $REF disagree"
	fi
	echo "$map"
}

# readme DIR VERSION: DIR/README.md
readme()
{
	local dir=$1 version=$2 commit base count

	commit=$(git -C "$TREE" rev-parse "$REF")
	base=$(git -C "$TREE" log -1 --format=%s "$(tree_base)")
	count=$(git -C "$TREE" rev-list --count "$(tree_base)..$REF")
	cat > "$dir/README.md" <<-EOF
	# libbpf $version

	This is libbpf as the Linux kernel tree carries it in tools/lib/bpf,
	version ${version%%+*}, in "$base" with the signed-BPF series
	applied ($count patches), exported in the layout of libbpf's own
	repository. It is not an upstream libbpf release: "+signedbpf.$count"
	marks the series, and ${version##*.} is the start of the git tree object
	of the kernel tree it comes from (commit $commit
	there), which is the same for the same series on every machine.

	It has what the series adds to libbpf: signed light skeletons
	(skel_internal.h: bpf_load_and_run() with a PKCS#7 signature over the
	loader and its frozen, exclusive metadata map), exclusive maps
	(bpf_map__set_exclusive_program(), symbol version
	LIBBPF_1.5.0_SIGNED_BPF), fd_array_cnt, SHA-256.

	| path | what |
	|---|---|
	| src/ | the libbpf sources of the kernel tree; bpf_helper_defs.h made from include/uapi/linux/bpf.h by the tree's scripts/bpf_doc.py; Makefile (the signed-BPF project's own) |
	| include/uapi/linux/ | the kernel tree's UAPI headers libbpf needs (tools/include/uapi/linux) |
	| include/linux/, include/asm/ | small compat headers of the signed-BPF project's own, for building libbpf outside the kernel tree |
	| VERSION | $version |
	| LICENSES/ | the licences: src/ and the compat headers are LGPL-2.1 OR BSD-2-Clause, include/uapi/ GPL-2.0 WITH Linux-syscall-note |

	Building needs libelf and zlib (Debian: libelf-dev, zlib1g-dev) and
	pkg-config:

	    make -C src                     # libbpf.a, libbpf.so.${version%%+*} (soname libbpf.so.${version%%.*}), libbpf.pc
	    make -C src install PREFIX=/usr/local    # also DESTDIR, LIBDIR, INCLUDEDIR, PKGCONFIGDIR
	    make -C src check               # versions agree; every exported symbol is versioned

	The headers go to INCLUDEDIR/bpf/; <linux/bpf.h>, <linux/btf.h> and
	<linux/bpf_common.h> of this series go to INCLUDEDIR/bpf/uapi/linux/, which
	\`pkg-config --cflags libbpf\` puts on the include path: a signed light
	skeleton needs this series' union bpf_attr, which the system's kernel
	headers do not have.

	A light skeleton (bpftool gen skeleton -L, or -S for a signed one) needs
	only the headers, skel_internal.h and the UAPI headers it includes; an
	application that uses libbpf's API links -lbpf as well.
	EOF
}

stage=
trap 'rm -rf "${stage:-}"' EXIT

main()
{
	local version src uapi h

	mkdir -p "$(dirname "$OUT")"
	if [ -e "$OUT" ] && [ ! -f "$OUT/VERSION" ]; then
		die "$OUT exists and is not an export of libbpf; remove it or give another directory"
	fi
	stage=$(mktemp -d "$OUT.tmp.XXXXXX")
	mkdir -p "$stage/tree" "$stage/out/src" "$stage/out/include/uapi/linux"
	extract "$stage/tree"
	src=$stage/tree/tools/lib/bpf
	check_sources "$src"
	version=$(libbpf_version "$src")
	version+="+signedbpf.$(git -C "$TREE" rev-list --count "$(tree_base)..$REF")"
	version+=".$(git -C "$TREE" rev-parse "$REF^{tree}" | cut -c1-12)"

	cp "$src"/*.c "$src"/*.h "$src/libbpf.map" "$stage/out/src/"
	python3 "$stage/tree/scripts/bpf_doc.py" --header \
		--file "$stage/tree/tools/include/uapi/linux/bpf.h" > "$stage/out/src/bpf_helper_defs.h" ||
		die "scripts/bpf_doc.py could not make bpf_helper_defs.h (is python3 installed? 'make deps')"
	cp "$TOP/libbpf/src/Makefile" "$stage/out/src/"
	uapi=$(uapi_headers "$stage/tree")
	grep -qx btf.h <<< "$uapi" || die "found no UAPI header that libbpf includes in $REF"
	for h in $uapi; do
		cp "$stage/tree/tools/include/uapi/linux/$h" "$stage/out/include/uapi/linux/"
	done
	cp -r "$TOP/libbpf/include/linux" "$TOP/libbpf/include/asm" "$stage/out/include/"
	cp -r "$stage/tree/LICENSES" "$stage/out/"
	echo "$version" > "$stage/out/VERSION"
	readme "$stage/out" "$version"

	rm -rf "$OUT"
	mv "$stage/out" "$OUT"
	say "libbpf $version exported to $OUT; build it with 'make -C $OUT/src'"
}

main
