#!/bin/bash
# Check the series as a reviewer would:
#  1. from the base, apply each patch of patches/series in order in a scratch
#     worktree (build/check), run 'checkpatch.pl --strict' on it, and check
#     that the result is the work tree's content;
#  2. build the kernel, libbpf, bpftool and test_progs after every patch
#     (bisectability), by checking out each commit of the work tree in turn:
#     consecutive commits differ little, so each build is incremental.
# The work tree must hold exactly patches/ ('make export'); it is returned
# to its branch at the end.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

WT=$BUILD/check/linux
LOGS=$BUILD/check
# New files under tools/lib/bpf/ and tools/testing/selftests/bpf/ make
# checkpatch ask whether MAINTAINERS needs updating; the BPF entries cover
# those directories already, which checkpatch cannot tell.
CHECKPATCH_FLAGS="--strict --quiet --ignore FILE_PATH_CHANGES"
# CamelCase is checked against config/checkpatch-camelcase.txt instead:
# OpenSSL's API names are CamelCase, and bpftool calls them.
CAMELCASE_ALLOWED=$TOP/config/checkpatch-camelcase.txt
failed=0

fail() { echo "FAIL $*" >&2; failed=1; }

series()
{
	grep -v -e '^#' -e '^$' "$PATCHES/series" || true
}

# Fail on a CamelCase identifier that $1 adds and config/checkpatch-camelcase.txt
# does not list.
check_camelcase()
{
	local words

	words=$(cd "$WT" && PATH=/usr/bin:$PATH scripts/checkpatch.pl $CHECKPATCH_FLAGS \
			--types CAMELCASE "$PATCHES/$1" |
		sed -n 's/.*Avoid CamelCase: <\(.*\)>.*/\1/p' |
		grep -vxF -f <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$CAMELCASE_ALLOWED") || true)
	[ -z "$words" ] ||
		fail "$1: CamelCase that $CAMELCASE_ALLOWED does not list: $(echo $words)"
}

apply_and_checkpatch()
{
	local patch n=0

	git -C "$TREE" worktree remove --force "$WT" 2>/dev/null || rm -rf "$WT"
	git -C "$TREE" worktree prune
	mkdir -p "$LOGS"
	git -C "$TREE" worktree add -q --detach "$WT" "$(tree_base)"
	for patch in $(series); do
		n=$((n + 1))
		git -C "$WT" am -q "$PATCHES/$patch" ||
			die "patches/$patch does not apply on the patches before it"
		# Debian's python3 has the ply module checkpatch's SPDX check needs
		(cd "$WT" && PATH=/usr/bin:$PATH scripts/checkpatch.pl $CHECKPATCH_FLAGS \
			--ignore CAMELCASE "$PATCHES/$patch") || fail "$patch: checkpatch.pl --strict"
		check_camelcase "$patch"
	done
	[ "$(git -C "$WT" rev-parse HEAD^{tree})" = "$(git -C "$TREE" rev-parse HEAD^{tree})" ] ||
		die "patches/ and $TREE differ: run 'make export' (or 'make tree')"
	git -C "$TREE" worktree remove --force "$WT"
	say "$n patches apply in order and pass checkpatch --strict"
}

build_step()
{
	"$TOP/scripts/build-kernel.sh" && "$TOP/scripts/build-tools.sh" &&
		SELFTESTS_SKIP_MISSING=1 "$TOP/scripts/build-selftests.sh"
}

build_every_commit()
{
	local branch commit n=0

	branch=$(git -C "$TREE" symbolic-ref --short HEAD)
	trap 'git -C "$TREE" checkout -q "$branch"' EXIT
	for commit in $(git -C "$TREE" rev-list --reverse "$(tree_base)..HEAD"); do
		n=$((n + 1))
		say "[$n] building $(git -C "$TREE" log -1 --format=%s "$commit")"
		git -C "$TREE" checkout -q --detach "$commit"
		build_step > "$LOGS/build-$n.log" 2>&1 ||
			fail "patch $n does not build (log: $LOGS/build-$n.log)"
	done
	git -C "$TREE" checkout -q "$branch"
	trap - EXIT
}

"$TOP/scripts/series-state.sh" ||
	die "the work tree holds work not in patches/: 'make export' first"
apply_and_checkpatch
[ -n "$(series)" ] && build_every_commit
[ $failed = 0 ] || die "the series does not pass 'make check'"
say "every patch applies, passes checkpatch --strict and builds"
