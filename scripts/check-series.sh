#!/bin/bash
# Check the series as a reviewer would:
#  1. from the base, apply each patch of patches/series in order in a scratch
#     worktree (build/check), run 'checkpatch.pl --strict' on it, and check
#     that the result is the work tree's content; run scripts/kernel-doc on
#     the C files the series changes, and fail on a warning the base does
#     not already give;
#  2. render the BPF documentation (htmldocs, SPHINXDIRS=bpf) on the base
#     and with the series, and fail on a warning the base does not give;
#  3. build the kernel, libbpf, bpftool and test_progs after every patch
#     (bisectability), by checking out each commit of the work tree in turn:
#     consecutive commits differ little, so each build is incremental.
#     CHECK_FROM=N starts at the Nth patch: the builds before it are the
#     ones a change of the kernel config makes expensive (every patch that
#     changes a widely included header rebuilds the kernel until ccache
#     has seen that state), and a rework late in the series leaves them be.
#     CHECK_TO=N stops after the Nth, for a rework in the middle of it.
# The work tree must hold exactly patches/ ('make export'); it is returned
# to its branch at the end.
#
#   check-series.sh [--checkpatch]	# --checkpatch: step 1 only (CI runs it)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

WT=$BUILD/check/linux
LOGS=$BUILD/check
# New files under tools/lib/bpf/ and tools/testing/selftests/bpf/ make
# checkpatch ask whether MAINTAINERS needs updating; the BPF entries cover
# those directories already, which checkpatch cannot tell.
# The Origin: lines name mainline commits, which a 6.12 tree does not hold:
# checkpatch cannot look them up (tests/tooling/test-provenance.sh checks
# them against config/provenance instead).
CHECKPATCH_FLAGS="--strict --quiet --ignore FILE_PATH_CHANGES,UNKNOWN_COMMIT_ID"
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

# The C files outside the selftests that the series changes, but libbpf's
# API headers, which follow libbpf's convention (Doxygen's @brief), not
# kernel-doc's
changed_c_files()
{
	git -C "$TREE" diff --name-only "$(tree_base)" HEAD -- '*.c' '*.h' |
		grep -v -e '^tools/testing/' -e '^tools/lib/bpf/\(libbpf\|bpf\|btf\)\.h$' || true
}

# kernel_doc_warnings: kernel-doc's warnings on the changed files that exist
# in $WT, without line numbers
kernel_doc_warnings()
{
	local files=() f

	for f in $(changed_c_files); do
		[ -f "$WT/$f" ] && files+=("$f")
	done
	[ ${#files[@]} -gt 0 ] || return 0
	(cd "$WT" && scripts/kernel-doc -none -Wall "${files[@]}" 2>&1) |
		sed -E 's/:[0-9]+:/:/' | sort -u
}

# htmldocs_warnings NAME: Sphinx's warnings and errors for Documentation/bpf
# in $WT, without line numbers; the full log in $LOGS/htmldocs-NAME.log
htmldocs_warnings()
{
	make -C "$WT" O="$LOGS/htmldocs-$1" SPHINXDIRS=bpf htmldocs \
		> "$LOGS/htmldocs-$1.log" 2>&1 ||
		echo "htmldocs failed: see $LOGS/htmldocs-$1.log"
	grep -E -i 'WARNING|ERROR' "$LOGS/htmldocs-$1.log" |
		sed -E -e "s|$WT/||g" -e 's/:[0-9]+:/:/' | sort -u
}

# new_warnings WHAT BEFORE AFTER: fail on the lines of AFTER not in BEFORE
new_warnings()
{
	local new

	new=$(comm -13 <(echo "$2") <(echo "$3"))
	[ -z "$new" ] && return 0
	fail "$1 warnings the base does not give:"
	echo "$new" | sed 's/^/  /' >&2
	return 1
}

apply_and_checkpatch()
{
	local patch n=0 doc_base

	git -C "$TREE" worktree remove --force "$WT" 2>/dev/null || rm -rf "$WT"
	git -C "$TREE" worktree prune
	mkdir -p "$LOGS"
	git -C "$TREE" worktree add -q --detach "$WT" "$(tree_base)"
	doc_base=$(kernel_doc_warnings)
	[ "$mode" = all ] && html_base=$(htmldocs_warnings base)
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
	say "$n patches apply in order and pass checkpatch --strict"
	new_warnings kernel-doc "$doc_base" "$(kernel_doc_warnings)" &&
		say "kernel-doc on $(changed_c_files | wc -l) changed files: no new warning"
	if [ "$mode" = all ]; then
		new_warnings "htmldocs (Documentation/bpf)" "$html_base" "$(htmldocs_warnings series)" &&
			say "htmldocs for Documentation/bpf: no new warning (logs: $LOGS/htmldocs-*.log)"
	fi
	git -C "$TREE" worktree remove --force "$WT"
}

build_step()
{
	"$TOP/scripts/build-kernel.sh" && "$TOP/scripts/build-tools.sh" &&
		SELFTESTS_SKIP_MISSING=1 "$TOP/scripts/build-selftests.sh"
}

# stop_build: end the running build_step and every compiler it started, and
# wait until none is left. A compiler still running when the tree moves to
# another commit preprocesses one commit's headers and compiles the next
# one's, and ccache keeps that object under the first commit's text: later
# builds of that commit get it (seen: two struct bpf_map layouts in one
# vmlinux's BTF).
stop_build()
{
	[ -n "${build_pid:-}" ] || return 0
	kill -TERM -- "-$build_pid" 2>/dev/null
	while kill -0 -- "-$build_pid" 2>/dev/null; do
		sleep 1
	done
	build_pid=
}

build_every_commit()
{
	local branch commit n=0

	branch=$(git -C "$TREE" symbolic-ref --short HEAD)
	trap 'stop_build; git -C "$TREE" checkout -q "$branch"' EXIT
	trap 'exit 130' INT TERM
	for commit in $(git -C "$TREE" rev-list --reverse "$(tree_base)..HEAD"); do
		n=$((n + 1))
		[ "$n" -ge "${CHECK_FROM:-1}" ] || continue
		[ -z "${CHECK_TO:-}" ] || [ "$n" -le "$CHECK_TO" ] || break
		say "[$n] building $(git -C "$TREE" log -1 --format=%s "$commit")"
		git -C "$TREE" checkout -q --detach "$commit"
		# a process group of its own, which stop_build() can end whole
		set -m
		build_step > "$LOGS/build-$n.log" 2>&1 &
		build_pid=$!
		set +m
		wait "$build_pid" || fail "patch $n does not build (log: $LOGS/build-$n.log)"
		build_pid=
	done
	git -C "$TREE" checkout -q "$branch"
	trap - EXIT INT TERM
}

mode=all
case ${1:-} in
--checkpatch) mode=checkpatch ;;
"") ;;
*) die "usage: check-series.sh [--checkpatch]" ;;
esac

"$TOP/scripts/series-state.sh" ||
	die "the work tree holds work not in patches/: 'make export' first"
apply_and_checkpatch
if [ "$mode" = checkpatch ]; then
	[ $failed = 0 ] || die "the series does not pass 'make checkpatch'"
	say "every patch applies and passes checkpatch --strict; kernel-doc adds no warning"
	exit 0
fi
[ -n "$(series)" ] && build_every_commit
[ $failed = 0 ] || die "the series does not pass 'make check'"
if [ "${CHECK_FROM:-1}" = 1 ] && [ -z "${CHECK_TO:-}" ]; then
	say "every patch applies, passes checkpatch --strict and builds; the docs add no warning"
else
	say "every patch applies and passes checkpatch --strict, the docs add no warning; patches ${CHECK_FROM:-1} to ${CHECK_TO:-the last} build"
fi
