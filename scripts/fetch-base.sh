#!/bin/bash
# Obtain the base kernel source tarball and print its path.
#
# Prefers the pinned version of config/base.conf and verifies its SHA-256.
# When the registry no longer serves that version, falls back to the newest
# 6.12 it does serve and says so; the series is then applied with 'git am -3'.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tarball_name=$BASE_PACKAGE.tar.xz

installed_version()
{
	dpkg-query -W -f '${Version}' "$BASE_PACKAGE" 2>/dev/null || true
}

newest_served_version()
{
	apt-cache madison "$BASE_PACKAGE" 2>/dev/null |
		awk -F'|' '{ gsub(/ /, "", $2); print $2 }' |
		sort -V | tail -n 1
}

is_served()
{
	apt-cache madison "$BASE_PACKAGE" 2>/dev/null |
		awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | grep -qxF -- "$1"
}

# Extract the tarball of package version $1 into $CACHE/base/$1/.
download_version()
{
	local version=$1 dir=$CACHE/base/$1

	[ -f "$dir/$tarball_name" ] && return 0
	mkdir -p "$dir/deb"
	(cd "$dir/deb" && apt-get download -q "$BASE_PACKAGE=$version" >&2) ||
		die "apt-get download $BASE_PACKAGE=$version failed"
	dpkg-deb --fsys-tarfile "$dir"/deb/*.deb |
		tar -xO "./usr/src/$tarball_name" > "$dir/$tarball_name.tmp"
	mv "$dir/$tarball_name.tmp" "$dir/$tarball_name"
	rm -rf "$dir/deb"
}

verify_pinned()
{
	local sum

	sum=$(sha256sum "$1" | cut -d' ' -f1)
	[ "$sum" = "$BASE_SHA256" ] ||
		die "$1: SHA-256 $sum does not match BASE_SHA256 in config/base.conf"
}

if [ "$(installed_version)" = "$BASE_VERSION" ] &&
   [ -f "/usr/src/$tarball_name" ]; then
	verify_pinned "/usr/src/$tarball_name"
	echo "/usr/src/$tarball_name"
	exit 0
fi

version=$BASE_VERSION
if ! is_served "$version"; then
	version=$(newest_served_version)
	[ -n "$version" ] || die "the package registry serves no $BASE_PACKAGE (run 'make deps')"
	warn "$BASE_PACKAGE $BASE_VERSION is no longer served; using $version."
	warn "The series will be applied with 'git am -3'; review any conflicts."
fi
download_version "$version"
[ "$version" = "$BASE_VERSION" ] && verify_pinned "$CACHE/base/$version/$tarball_name"
echo "$CACHE/base/$version/$tarball_name"
