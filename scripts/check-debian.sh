#!/bin/bash
# 'make debian-check': put the series into Debian's own packaging of the
# kernel and check that the result is our work tree, file for file.
#
# Debian's source package of the base (linux-6.12: the orig tarball and
# debian/) is unpacked without its patches, and Debian's patches
# (debian/patches/series) are applied with quilt the way debian/rules does
# (--fuzz=0). That tree must equal linux-source-6.12's tarball, which is what
# the work tree's base commit holds: the check verifies that the base is
# Debian's source with Debian's patches applied, and nothing else. Then
# 'make debian's export goes into its debian/ (patches/features/all/signed-bpf,
# the series fragment appended to debian/patches/series), quilt applies our
# patches after Debian's, and the tree must equal build/linux at main
# ('git archive main'). debian/ and quilt's .pc/ are left out of both
# comparisons: neither is in linux-source-6.12's tarball (debian/rules copies
# the tree without them).
#
# A registry may no longer serve the source package of BASE_VERSION (the one
# this project was developed with serves linux-6.12 sources up to
# 6.12.107-1~deb12u1 only, though it serves linux-source-6.12 6.12.117). The
# check then says so and runs in two halves:
#   1. at the newest version V whose source and linux-source-6.12 are both
#      served: Debian's source + Debian's patches == linux-source-6.12 V's
#      tarball, which shows how linux-source-6.12 is made;
#   2. at BASE_VERSION: linux-source-6.12's tarball + our patches, by quilt in
#      Debian's layout == build/linux at main.
# DEBIAN_SRC_VERSION=<version> picks V.
#
# Downloads (about 150 MB a version) stay in $CACHE/debian-src/<version> and
# $CACHE/base/<version>; the quilt logs and any differences go to
# build/debian-check/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SRC_PACKAGE=linux-6.12		# the source package of $BASE_PACKAGE
SOURCES_FILE=/etc/apt/sources.list.d/signed-bpf-src.sources
LOGS=$BUILD/debian-check
TARBALL=$BASE_PACKAGE.tar.xz
started=$SECONDS

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo

need_tools()
{
	local tool

	for tool in quilt dpkg-source apt-get xz; do
		command -v "$tool" >/dev/null || die "$tool is missing; run 'make deps'"
	done
}

# apt needs a deb-src entry for Debian's kernel source: the one 'make deps'
# installs from config/debian-src.sources.
ensure_deb_src()
{
	if ! cmp -s "$TOP/config/debian-src.sources" "$SOURCES_FILE"; then
		say "adding Debian's kernel source packages to apt ($SOURCES_FILE)"
		$sudo install -m 644 "$TOP/config/debian-src.sources" "$SOURCES_FILE"
		$sudo apt-get update -q >&2 || die "apt-get update failed; run 'make deps' and try again"
	fi
	[ -n "$(source_index_versions)" ] ||
		die "apt knows no $SRC_PACKAGE source package; run 'apt-get update' (or 'make deps') and try again"
}

# Versions of the source package in apt's index, newest first.
source_index_versions()
{
	apt-cache showsrc "$SRC_PACKAGE" 2>/dev/null |
		awk -v pkg="$SRC_PACKAGE" '/^Package:/ { p = $2 } /^Version:/ && p == pkg { print $2 }' |
		sort -u | sort -r -V
}

binary_served()
{
	apt-cache madison "$BASE_PACKAGE" 2>/dev/null |
		awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | grep -qxF -- "$1"
}

# Download the source package of version $1 into $CACHE/debian-src/$1 once.
# Fails when the registry does not serve it.
fetch_source()
{
	local version=$1 dir=$CACHE/debian-src/$1

	[ -f "$dir/.complete" ] && return 0
	rm -rf "$dir.tmp"
	mkdir -p "$dir.tmp"
	if ! (cd "$dir.tmp" && apt-get -q -o APT::Sandbox::User=root source --download-only \
			"$SRC_PACKAGE=$version" > "$LOGS/apt-source-$version.log" 2>&1); then
		rm -rf "$dir.tmp"
		return 1
	fi
	touch "$dir.tmp/.complete"
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
}

# The Debian source version to use: BASE_VERSION when it is served, else the
# newest older one whose linux-source-6.12 is served too. Prints it.
pick_source_version()
{
	local version

	if [ -n "${DEBIAN_SRC_VERSION:-}" ]; then
		fetch_source "$DEBIAN_SRC_VERSION" ||
			die "the registry does not serve $SRC_PACKAGE $DEBIAN_SRC_VERSION (see $LOGS/apt-source-$DEBIAN_SRC_VERSION.log)"
		echo "$DEBIAN_SRC_VERSION"
		return 0
	fi
	fetch_source "$BASE_VERSION" && { echo "$BASE_VERSION"; return 0; }
	warn "the registry does not serve the source package $SRC_PACKAGE $BASE_VERSION (see $LOGS/apt-source-$BASE_VERSION.log)"
	while read -r version; do
		dpkg --compare-versions "$version" lt "$BASE_VERSION" || continue
		binary_served "$version" || continue
		fetch_source "$version" && { echo "$version"; return 0; }
	done < <(source_index_versions)
	die "the registry serves no source package of $SRC_PACKAGE with its $BASE_PACKAGE; nothing to check against"
}

# linux-source-6.12's tarball of version $1, as fetch-base.sh caches it.
tarball_of()
{
	local version=$1 dir=$CACHE/base/$1

	if [ "$version" = "$BASE_VERSION" ]; then
		"$TOP/scripts/fetch-base.sh"
		return 0
	fi
	if [ ! -f "$dir/$TARBALL" ]; then
		mkdir -p "$dir/deb"
		(cd "$dir/deb" && apt-get -q -o APT::Sandbox::User=root download \
			"$BASE_PACKAGE=$version" >&2) ||
			die "apt-get download $BASE_PACKAGE=$version failed"
		dpkg-deb --fsys-tarfile "$dir"/deb/*.deb |
			tar -xO "./usr/src/$TARBALL" > "$dir/$TARBALL.tmp"
		mv "$dir/$TARBALL.tmp" "$dir/$TARBALL"
		rm -rf "$dir/deb"
	fi
	echo "$dir/$TARBALL"
}

unpack_tarball()	# unpack_tarball TARBALL DIR
{
	mkdir -p "$2"
	tar -xJf "$1" -C "$2" --strip-components=1
}

unpack_debian_source()	# unpack_debian_source VERSION DIR
{
	local dsc

	dsc=$(ls "$CACHE/debian-src/$1"/*.dsc)
	dpkg-source -q -x --skip-patches "$dsc" "$2" > "$LOGS/dpkg-source.log" 2>&1 ||
		die "dpkg-source -x $dsc failed; see $LOGS/dpkg-source.log"
}

# quilt push -a in $1, as debian/rules does; $2 names the step in the log's
# name. Prints how many patches it applied.
quilt_push()
{
	local dir=$1 log=$LOGS/quilt-$2.log rc=0

	(cd "$dir" && QUILT_PATCHES=debian/patches QUILT_PC=.pc \
		quilt push --quiltrc - -a --fuzz=0) > "$log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ]; then
		grep -E 'FAILED|does not apply|^Patch ' "$log" | tail -n 5 >&2 || true
		die "quilt push ($2) failed in $dir; see $log"
	fi
	grep -c '^Applying patch ' "$log" || true
}

# Our series in Debian's layout, in the debian/ of tree $1, after whatever
# debian/patches/series lists already.
add_our_patches()
{
	mkdir -p "$1/debian/patches"
	"$TOP/scripts/export-debian.sh" "$1/debian" > /dev/null
	cat "$1/debian/patches/series-signed-bpf" >> "$1/debian/patches/series"
}

# Files with the executable bit under tree $1, without its top-level debian/
# and .pc/.
executables()
{
	(cd "$1" && find . -path ./debian -prune -o -path ./.pc -prune -o \
		-type f -perm -u+x -print) | sort
}

# Compare trees $1 and $2 file by file: contents, symlink targets, missing
# files and the executable bit (diff -r compares no modes). $1's top-level
# debian/ and .pc/ are left out (see the header); scripts/package/debian is
# compared like any other directory. $3 names the comparison's file in
# build/debian-check/.
same_tree()
{
	local a=$1 b=$2 out=$LOGS/diff-$3.txt rc=0

	diff -r -q --no-dereference "$a" "$b" > "$out.all" 2>&1 || rc=$?
	[ "$rc" -le 1 ] || die "diff -r $a $b could not compare: $(tail -n 1 "$out.all")"
	grep -v -x -F -e "Only in $a: debian" -e "Only in $a: .pc" "$out.all" > "$out" || true
	rm -f "$out.all"
	comm -3 <(executables "$a") <(executables "$b") |
		sed -e "s|^\t\./|executable only in $b: |" -e "s|^\./|executable only in $a: |" >> "$out"
	if [ -s "$out" ]; then
		sed 's/^/  /' "$out" | head -n 20 >&2
		warn "$(wc -l < "$out") differences between $a and $b; all of them in $out"
		return 1
	fi
	rm -f "$out"
}

need_tree
need_tools
mkdir -p "$LOGS"
rm -f "$LOGS"/*.log "$LOGS"/diff-*.txt
WORK=$(mktemp -d "${TMPDIR:-/tmp}/debian-check.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

ensure_deb_src
version=$(pick_source_version)
say "Debian's source: $SRC_PACKAGE $version"
unpack_debian_source "$version" "$WORK/debian-tree"
n=$(quilt_push "$WORK/debian-tree" debian)
say "Debian's patches: $n applied (debian/patches/series, quilt --fuzz=0)"
tarball=$(tarball_of "$version")
unpack_tarball "$tarball" "$WORK/linux-source"
same_tree "$WORK/debian-tree" "$WORK/linux-source" "debian-vs-$BASE_PACKAGE" ||
	die "Debian's source with Debian's patches is not $BASE_PACKAGE $version's tarball"
say "Debian's source + its $n patches == $BASE_PACKAGE $version's tarball: identical"

if [ "$version" = "$BASE_VERSION" ]; then
	ours=$WORK/debian-tree
	rm -rf "$WORK/linux-source"
else
	warn "Debian's source of $BASE_VERSION being out of reach, our patches go onto $BASE_PACKAGE $BASE_VERSION's tarball, the work tree's base"
	rm -rf "$WORK/debian-tree" "$WORK/linux-source"
	ours=$WORK/linux-source
	tarball=$(tarball_of "$BASE_VERSION")
	unpack_tarball "$tarball" "$ours"
fi
add_our_patches "$ours"
n=$(quilt_push "$ours" signed-bpf)
offsets=$(grep -c '^Hunk #[0-9]* succeeded at .*offset' "$LOGS/quilt-signed-bpf.log" || true)
say "our patches: $n applied in Debian's layout (features/all/signed-bpf, quilt --fuzz=0), $offsets hunks at an offset"
mkdir -p "$WORK/main"
git -C "$TREE" archive main | tar -x -C "$WORK/main"
same_tree "$ours" "$WORK/main" "signed-bpf-vs-main" ||
	die "the series in Debian's packaging does not give build/linux's main"
say "result == build/linux at main ($(git -C "$TREE" rev-parse --short main)): identical"
halves=
[ "$version" = "$BASE_VERSION" ] ||
	halves=" (in two halves: Debian's packaging at $version, the series at $BASE_VERSION)"
say "make debian-check passed$halves in $(( (SECONDS - started) / 60 ))m$(( (SECONDS - started) % 60 ))s"
