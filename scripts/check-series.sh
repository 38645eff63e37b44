#!/bin/bash
# Check the series as a reviewer would: starting from the base, apply each
# patch of patches/series in order, run 'checkpatch.pl --strict' on it, and
# build the kernel, libbpf, bpftool and test_progs after it (bisectability).
# Works in its own git worktree (build/check); the work tree is not touched.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

CHECK=$BUILD/check
WT=$CHECK/linux

build_step()
(
	export TREE=$WT KOUT=$CHECK/kbuild TOOLS_OUT=$CHECK/tools ST_OUT=$CHECK/selftests
	"$TOP/scripts/build-kernel.sh" &&
	"$TOP/scripts/build-tools.sh" &&
	"$TOP/scripts/build-selftests.sh"
)

git -C "$TREE" worktree remove --force "$WT" 2>/dev/null || rm -rf "$WT"
git -C "$TREE" worktree prune
mkdir -p "$CHECK"
git -C "$TREE" worktree add -q --detach "$WT" "$(tree_base)"
failed=0
n=0
while read -r patch; do
	case $patch in ''|'#'*) continue ;; esac
	n=$((n + 1))
	say "[$n] $patch"
	if ! git -C "$WT" am -q "$PATCHES/$patch"; then
		echo "FAIL $patch: does not apply in order" >&2
		exit 1
	fi
	if ! (cd "$WT" && scripts/checkpatch.pl --strict --quiet "$PATCHES/$patch"); then
		echo "FAIL $patch: checkpatch.pl --strict" >&2
		failed=1
	fi
	if ! build_step >"$CHECK/build-$n.log" 2>&1; then
		tail -n 30 "$CHECK/build-$n.log" >&2
		echo "FAIL $patch: the tree does not build after it (log: $CHECK/build-$n.log)" >&2
		failed=1
	fi
done < "$PATCHES/series"
[ "$n" -gt 0 ] || say "the series is empty: nothing to check"
[ $failed = 0 ] || die "the series does not pass 'make check'"
say "all $n patches apply, pass checkpatch --strict and build"
