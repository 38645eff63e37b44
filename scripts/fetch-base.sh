#!/bin/bash
# Obtain the base kernel source tarball and print its path.
#
# Prefers the pinned version of config/base.conf and verifies its SHA-256.
# When the registry no longer serves that version, falls back to the newest
# 6.12 it does serve and says so; the series is then applied with 'git am -3'.
#
# fetch-base.sh --version prints the version it would use, without fetching;
# fetch-base.sh VERSION fetches that served version instead (follow-stable.sh).
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

# The version to use: the pinned one if it is installed or served, else the
# newest served.
chosen_version()
{
	if [ "$(installed_version)" = "$BASE_VERSION" ] || is_served "$BASE_VERSION"; then
		echo "$BASE_VERSION"
	else
		newest_served_version
	fi
}

case ${1:-} in
--version)
	chosen_version
	exit 0
	;;
--newest)
	newest_served_version
	exit 0
	;;
'') ;;
*)
	is_served "$1" || die "the package registry does not serve $BASE_PACKAGE $1 (apt-cache madison $BASE_PACKAGE)"
	if [ "$(installed_version)" = "$1" ] && [ -f "/usr/src/$tarball_name" ]; then
		echo "/usr/src/$tarball_name"
	else
		download_version "$1"
		echo "$CACHE/base/$1/$tarball_name"
	fi
	exit 0
	;;
esac

if [ "$(installed_version)" = "$BASE_VERSION" ] &&
   [ -f "/usr/src/$tarball_name" ]; then
	verify_pinned "/usr/src/$tarball_name"
	echo "/usr/src/$tarball_name"
	exit 0
fi

version=$(chosen_version)
if [ "$version" != "$BASE_VERSION" ]; then
	[ -n "$version" ] || die "the package registry serves no $BASE_PACKAGE (run 'make deps')"
	warn "$BASE_PACKAGE $BASE_VERSION is no longer served; using $version."
	warn "The series will be applied with 'git am -3'; review any conflicts."
fi
download_version "$version"
[ "$version" = "$BASE_VERSION" ] && verify_pinned "$CACHE/base/$version/$tarball_name"
echo "$CACHE/base/$version/$tarball_name"
