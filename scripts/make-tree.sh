#!/bin/bash
# Create the kernel work tree: one commit holding the base source, then every
# patch of patches/series applied on top as a commit ('git am -3').
#
# An existing tree is reset to its base and the series re-applied, but only
# when it holds nothing that is missing from patches/ (FORCE=1 overrides).
# When config/base.conf pins another base than the tree's (the base commit
# names its package version), the tree is made anew from that base.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

create_base()
{
	local tarball version package_version

	tarball=$("$TOP/scripts/fetch-base.sh")
	package_version=$("$TOP/scripts/fetch-base.sh" --version)
	say "extracting $tarball into $TREE"
	rm -rf "$TREE.tmp"
	mkdir -p "$TREE.tmp"
	tar -xJf "$tarball" -C "$TREE.tmp" --strip-components=1
	version=$(make -s --no-print-directory -C "$TREE.tmp" kernelversion)
	scratch_repo "$TREE.tmp"
	# Debian's .gitignore ignores every top-level path: add the files anyway
	# (the tarball holds only sources) and see the fix in unignore_sources.
	git -C "$TREE.tmp" add -f -A
	git -C "$TREE.tmp" commit -q -m "Linux $version ($BASE_PACKAGE)" \
		-m "Unmodified base from $(basename "$tarball")." \
		-m "Package: $BASE_PACKAGE $package_version"
	git -C "$TREE.tmp" tag base
	mv "$TREE.tmp" "$TREE"
}

refuse_unexported()
{
	if [ "${FORCE:-0}" != 1 ] && ! "$TOP/scripts/series-state.sh"; then
		die "refusing to reset $TREE: export or commit that work first ('make export'), or FORCE=1"
	fi
}

# The package version the tree's base commit came from ('' for a tree made
# before the base commit named it, or for a test's tree).
tree_base_version()
{
	git -C "$TREE" log -1 --format=%b "$(tree_base)" |
		sed -n "s/^Package: $BASE_PACKAGE //p"
}

# A tree whose base is not the one config/base.conf pins is made anew; the
# unpatched worktree of it (make bench, regress, sanitize) goes with it.
base_is_stale()
{
	local have

	have=$(tree_base_version)
	[ -n "$have" ] && [ "$have" != "$("$TOP/scripts/fetch-base.sh" --version)" ]
}

remove_tree()
{
	say "$TREE has base $(tree_base_version); config/base.conf pins $BASE_VERSION: making it anew"
	refuse_unexported
	rm -rf "$TREE" "$BASE_TREE"
}

reset_to_base()
{
	refuse_unexported
	say "resetting $TREE to its base"
	git -C "$TREE" am --abort >/dev/null 2>&1 || true
	git -C "$TREE" checkout -q -B main "$(tree_base)"
	git -C "$TREE" update-index --no-skip-worktree .gitignore
	git -C "$TREE" reset -q --hard
	git -C "$TREE" clean -qfdx
}

apply_series()
{
	local patch n=0

	while read -r patch; do
		case $patch in ''|'#'*) continue ;; esac
		git -C "$TREE" am -q -3 "$PATCHES/$patch" ||
			die "patches/$patch does not apply; resolve in $TREE ('git am --continue') and 'make export'"
		n=$((n + 1))
	done < "$PATCHES/series"
	record_applied
	say "work tree ready: base + $n patches"
}

mkdir -p "$BUILD"
if [ -d "$TREE/.git" ] && base_is_stale; then
	remove_tree
fi
if [ -d "$TREE/.git" ]; then
	reset_to_base
else
	create_base
fi
unignore_sources "$TREE"
# trees made before the tooling turned automatic gc off
no_auto_gc "$TREE"
# The selftest subset is generated next to the real selftests; keep it out of git.
echo "/tools/testing/selftests/bpf-subset/" > "$TREE/.git/info/exclude"
apply_series
