#!/bin/bash
# 'make stable': follow Debian's 6.12 stable updates of the base.
#
# Takes the newest linux-source-6.12 the registry serves (STABLE_VERSION=V
# picks another served version) and tries the series on it, in a scratch
# repository, build/stable/linux, that borrows the work tree's objects: the
# tree's base, the new base on top of it as one commit, and patches/ applied
# to that with 'git am -3'. It reports, on stdout and in
# build/stable/report.txt:
#   - what the update changes, overall and in the files the series touches;
#   - how each patch applies: cleanly, by three-way merge, or not at all;
#   - which patches read differently once applied there (git range-diff).
# It exits 1 when a patch does not apply.
#
# PIN=1 then moves the pin: BASE_VERSION and BASE_SHA256 in config/base.conf
# and the base named by the cover letter; remakes build/linux on the new base
# (make-tree.sh, which stops at a conflict for you to resolve); exports the
# series (its context and index lines follow the new base); and runs 'make
# test'. The changes are left in the checkout for review and commit.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OUT=${STABLE_OUT:-$BUILD/stable}	# the trial repository and the report
TRIAL=$OUT/linux
REPORT=$OUT/report.txt

# The Debian package version a work tree's base commit came from
# (make-tree.sh writes it), or BASE_VERSION for a tree made before it did.
base_version_of()	# base_version_of REPO COMMIT
{
	local v

	v=$(git -C "$1" log -1 --format=%b "$2" | sed -n "s/^Package: $BASE_PACKAGE //p")
	echo "${v:-$BASE_VERSION}"
}

# The upstream version of a base commit: 'Linux 6.12.117 (...)'
kernel_version_of()	# kernel_version_of REPO COMMIT
{
	git -C "$1" log -1 --format=%s "$2" | awk '{ print $2 }'
}

# new_base VERSION TARBALL: the scratch repository's commit of that base, on
# top of the work tree's base; made once per version and kept as a tag.
new_base()
{
	local version=$1 tarball=$2 tag=stable/${1//[~:]/_} kver

	if [ -d "$TRIAL/.git" ] &&
	   [ "$(git -C "$TRIAL" rev-parse -q --verify "$tag^" 2>/dev/null)" = "$old_base" ]; then
		git -C "$TRIAL" rev-parse "$tag"
		return 0
	fi
	say "extracting $BASE_PACKAGE $version into $TRIAL" >&2
	rm -rf "$TRIAL"
	mkdir -p "$TRIAL"
	scratch_repo "$TRIAL"
	echo "$TREE/.git/objects" > "$TRIAL/.git/objects/info/alternates"
	tar -xJf "$tarball" -C "$TRIAL" --strip-components=1
	kver=$(make -s --no-print-directory -C "$TRIAL" kernelversion)
	git -C "$TRIAL" update-ref HEAD "$old_base"
	git -C "$TRIAL" add -f -A
	git -C "$TRIAL" commit -q -m "Linux $kver ($BASE_PACKAGE)" \
		-m "Unmodified base from $(basename "$tarball")." \
		-m "Package: $BASE_PACKAGE $version"
	git -C "$TRIAL" tag -f "$tag" >/dev/null
	git -C "$TRIAL" rev-parse "$tag"
}

# try_series BASE: apply patches/ on BASE, one line per patch in $OUT/apply.txt
# ('clean', 'three-way' or 'CONFLICT'); returns 1 at the first that fails.
try_series()
{
	local patch how

	git -C "$TRIAL" am --abort >/dev/null 2>&1 || true
	git -C "$TRIAL" update-index --no-skip-worktree .gitignore 2>/dev/null || true
	git -C "$TRIAL" checkout -q -f -B main "$1"
	git -C "$TRIAL" clean -qfdx
	unignore_sources "$TRIAL"
	: > "$OUT/apply.txt"
	while read -r patch; do
		case $patch in ''|'#'*) continue ;; esac
		how=clean
		git -C "$TRIAL" apply --check "$PATCHES/$patch" 2>/dev/null || how=three-way
		if ! git -C "$TRIAL" am -q -3 "$PATCHES/$patch" > "$OUT/am.log" 2>&1; then
			printf 'CONFLICT  %s\n' "$patch" >> "$OUT/apply.txt"
			sed 's/^/          /' "$OUT/am.log" >> "$OUT/apply.txt"
			git -C "$TRIAL" am --abort >/dev/null 2>&1 || true
			return 1
		fi
		printf '%-9s %s\n' "$how" "$patch" >> "$OUT/apply.txt"
	done < "$PATCHES/series"
}

# pin VERSION SHA256 OLD_KVER NEW_KVER OLD_VERSION: point config/base.conf
# and the cover letter at the new base.
pin()
{
	local conf=${BASE_CONF:-$TOP/config/base.conf} text=$PATCHES/cover-letter.txt

	sed -i -e "s/^BASE_VERSION=.*/BASE_VERSION=$1/" \
	       -e "s/^BASE_SHA256=.*/BASE_SHA256=$2/" "$conf"
	[ -f "$text" ] && sed -i -e "s/$5/$1/g" -e "s/Linux $3 /Linux $4 /g" "$text"
	say "pinned $BASE_PACKAGE $1 in $conf"
}

need_tools()
{
	command -v apt-cache >/dev/null || die "apt-cache is missing: 'make stable' needs Debian's package registry"
	[ -s "$PATCHES/series" ] || die "$PATCHES/series is empty: there is no series to try"
}

need_tools
[ -e "$TREE/.git" ] || "$TOP/scripts/make-tree.sh"
"$TOP/scripts/series-state.sh" ||
	die "build/linux holds work that patches/ lacks: 'make export' first, so that the trial and the pin use the series you have"

old_base=$(tree_base)
old_head=$(git -C "$TREE" rev-parse HEAD)
old_version=$(base_version_of "$TREE" "$old_base")
new_version=${STABLE_VERSION:-$("$TOP/scripts/fetch-base.sh" --newest)}
[ -n "$new_version" ] || die "the package registry serves no $BASE_PACKAGE (run 'make deps')"
if [ "$new_version" = "$old_version" ]; then
	say "the base is $BASE_PACKAGE $old_version, the newest served: nothing to do"
	exit 0
fi

mkdir -p "$OUT"
tarball=$("$TOP/scripts/fetch-base.sh" "$new_version")
sha=$(sha256sum "$tarball" | cut -d' ' -f1)
base=$(new_base "$new_version" "$tarball")
old_kver=$(kernel_version_of "$TREE" "$old_base")
new_kver=$(kernel_version_of "$TRIAL" "$base")

applies=1
try_series "$base" || applies=0
mapfile -t touched < <(git -C "$TREE" diff --name-only "$old_base" "$old_head")
{
	echo "Base: $BASE_PACKAGE $old_version (Linux $old_kver) -> $new_version (Linux $new_kver)"
	echo "Tarball: $tarball"
	echo "SHA-256: $sha"
	echo
	echo "The update:$(git -C "$TRIAL" diff --shortstat "$old_base" "$base")"
	echo "In the ${#touched[@]} files the series touches:"
	git -C "$TRIAL" diff --stat=100 "$old_base" "$base" -- "${touched[@]}" > "$OUT/touched.txt"
	if [ -s "$OUT/touched.txt" ]; then sed 's/^/  /' "$OUT/touched.txt"; else echo "  (none)"; fi
	echo
	echo "How each patch applies to $new_version:"
	sed 's/^/  /' "$OUT/apply.txt"
	n=$(grep -c . "$PATCHES/series" || true)
	echo "$(grep -cE '^(clean|three-way) ' "$OUT/apply.txt" || true) of $n patches apply" \
	     "($(grep -c '^three-way ' "$OUT/apply.txt" || true) by three-way merge)"
	if [ "$applies" = 1 ]; then
		echo
		echo "Patches that read differently on $new_version (git range-diff; '=' same, '!' changed):"
		git -C "$TRIAL" range-diff --no-color "$old_base..$old_head" "$base..HEAD" > "$OUT/range-diff.txt"
		grep -E '^ *[0-9-]+: +[0-9a-f-]+ [!<>] ' "$OUT/range-diff.txt" | sed 's/^/  /' || true
		echo "  $(grep -cE '^ *[0-9]+: +[0-9a-f]+ = ' "$OUT/range-diff.txt" || true) unchanged," \
		     "$(grep -cE '^ *[0-9-]+: +[0-9a-f-]+ [!<>] ' "$OUT/range-diff.txt" || true) changed" \
		     "(full: $OUT/range-diff.txt)"
	fi
} > "$REPORT"
cat "$REPORT"

if [ "${PIN:-0}" != 1 ]; then
	if [ "$applies" = 1 ]; then
		say "the series applies to $new_version; 'make stable PIN=1' moves the pin and runs the tests"
		exit 0
	fi
	die "a patch does not apply to $new_version (above); 'make stable PIN=1' pins it and stops at the conflict in build/linux"
fi

pin "$new_version" "$sha" "$old_kver" "$new_kver" "$old_version"
"$TOP/scripts/make-tree.sh"
"$TOP/scripts/export-series.sh"
# The tests run as 'make test' would on its own: PIN=1 and STABLE_VERSION
# must not reach test-follow-stable.sh's own runs of this script.
status=0
env -u PIN -u STABLE_VERSION -u MAKEFLAGS -u MAKEOVERRIDES -u MFLAGS \
	make -C "$TOP" test 2>&1 | tee "$OUT/test.log" || status=$?
{
	echo
	echo "Tests on $new_version: $(grep -E '^[0-9]+ passed, [0-9]+ failed' "$OUT/test.log" | tail -n 1) (log: $OUT/test.log)"
	echo "Changed in the checkout (review, then commit):"
	git -C "$TOP" status --short -- config patches | sed 's/^/  /'
} | tee -a "$REPORT"
exit $status
