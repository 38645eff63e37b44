#!/bin/bash
# Create the kernel work tree: one commit holding the base source, then every
# patch of patches/series applied on top as a commit ('git am -3').
#
# An existing tree is reset to its base and the series re-applied, but only
# when it holds nothing that is missing from patches/ (FORCE=1 overrides).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# The tree's commits are made with the checkout's git identity, or with the
# project's (lib.sh) on a machine that has none: 'git am' needs a committer,
# and the patches keep their own author either way.
identity()
{
	local name email

	name=$(git -C "$TOP" config user.name || echo "$PROJECT_NAME")
	email=$(git -C "$TOP" config user.email || echo "$PROJECT_EMAIL")
	git -C "$TREE" config user.name "$name"
	git -C "$TREE" config user.email "$email"
}

create_base()
{
	local tarball version

	tarball=$("$TOP/scripts/fetch-base.sh")
	say "extracting $tarball into $TREE"
	rm -rf "$TREE.tmp"
	mkdir -p "$TREE.tmp"
	tar -xJf "$tarball" -C "$TREE.tmp" --strip-components=1
	version=$(make -s -C "$TREE.tmp" kernelversion)
	git -C "$TREE.tmp" init -q -b main
	TREE=$TREE.tmp identity
	# Debian's .gitignore ignores every top-level path: add the files anyway
	# (the tarball holds only sources) and see the fix in unignore_sources.
	git -C "$TREE.tmp" add -f -A
	git -C "$TREE.tmp" commit -q -m "Linux $version ($BASE_PACKAGE)" \
		-m "Unmodified base from $(basename "$tarball")."
	git -C "$TREE.tmp" tag base
	mv "$TREE.tmp" "$TREE"
}

# Debian's packaging adds '/*' to the top-level .gitignore, which hides new
# files anywhere in the tree from 'git status' and 'git add'. Drop those lines
# from the working copy only and tell git to leave that file alone, so the
# base commit stays byte-identical to the package.
unignore_sources()
{
	git -C "$TREE" update-index --skip-worktree .gitignore
	sed -i '/^# Debian packaging/,$d' "$TREE/.gitignore"
}

reset_to_base()
{
	if [ "${FORCE:-0}" != 1 ] && ! "$TOP/scripts/series-state.sh"; then
		die "refusing to reset $TREE: export or commit that work first ('make export'), or FORCE=1"
	fi
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
if [ -d "$TREE/.git" ]; then
	reset_to_base
else
	create_base
fi
unignore_sources
# The selftest subset is generated next to the real selftests; keep it out of git.
echo "/tools/testing/selftests/bpf-subset/" > "$TREE/.git/info/exclude"
apply_series
