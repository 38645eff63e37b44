#!/bin/bash
# Build test_progs for the tests named in config/selftests.list, with the
# kernel's own selftests Makefile, sources and flags.
#
# The selftests Makefile compiles every prog_tests/*.c and progs/*.c it
# finds. A sibling directory, tools/testing/selftests/bpf-subset, mirrors
# bpf/ through symlinks but lists only the selected tests and the BPF
# programs they need, so the same Makefile builds just those.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

SRC=$TREE/tools/testing/selftests/bpf
SUB=$TREE/tools/testing/selftests/bpf-subset
export PATH=/usr/lib/llvm-19/bin:$PATH

# The listed tests. 'make check' builds every patch of the series, before
# all the listed tests exist: SELFTESTS_SKIP_MISSING=1 skips those.
selected_files()
{
	local f

	for f in $(selftests_files); do
		[ -f "$SRC/prog_tests/$f.c" ] && echo "$f"
	done
	return 0
}

check_selection()
{
	local f

	[ "${SELFTESTS_SKIP_MISSING:-0}" = 1 ] && return 0
	for f in $(selftests_files); do
		[ -f "$SRC/prog_tests/$f.c" ] || die "config/selftests.list: no prog_tests/$f.c"
	done
}

# BPF programs a test needs: its skeleton includes and object file names;
# with test_maps among the extras, those of test_maps.c and map_tests/ too.
needed_progs()
{
	local f files=()

	for f in $(selected_files); do
		files+=("$SRC/prog_tests/$f.c")
	done
	if selftests_key extras | grep -qx test_maps; then
		files+=("$SRC/test_maps.c" "$SRC"/map_tests/*.c)
	fi
	grep -ohE '"(\./)?[a-zA-Z0-9_]+\.(l?skel\.h|bpf\.o)"' "${files[@]}" |
		sed -E 's/"(\.\/)?([a-zA-Z0-9_]+)\..*/\2/'
	selftests_key progs
}

# Light skeletons the selected tests include (the Makefile's LSKELS).
needed_lskels()
{
	local t

	for t in $(selected_files); do
		grep -ohE '"[a-zA-Z0-9_]+\.lskel\.h"' "$SRC/prog_tests/$t.c" |
			sed -E 's/"([a-zA-Z0-9_]+)\..*/\1.c/'
	done | sort -u
}

# The files the tests read at run time, those this tree has. The Makefile
# copies them next to test_progs; an empty list would have its rsync copy the
# output directory onto itself while objects are still being written.
runtime_files()
{
	local f

	for f in $(selftests_key files); do
		[ -e "$SRC/$f" ] && echo "$f"
	done
	return 0
}

# The light skeletons the selftests Makefile signs, of those needed: the
# Makefile would otherwise build all of them, progs the subset lacks too.
needed_signed_lskels()
{
	local signed

	signed=$(sed -n 's/^LSKELS_SIGNED := //p' "$SRC/Makefile")
	needed_lskels | grep -xF -f <(printf '%s\n' $signed) || true
}

link_subset()
{
	local f p

	rm -rf "$SUB"
	mkdir -p "$SUB/prog_tests" "$SUB/progs"
	for f in "$SRC"/* "$SRC"/.gitignore; do
		case ${f##*/} in prog_tests|progs|verifier|map_tests|bpf_testmod) continue ;; esac
		ln -s "../bpf/${f##*/}" "$SUB/"
	done
	# test_verifier's and test_maps' rules write verifier/tests.h and
	# map_tests/tests.h, and bpf_testmod.ko is built next to its sources:
	# these directories are the subset's own, so that what they write stays
	# out of the work tree's git status
	for d in verifier map_tests bpf_testmod; do
		mkdir "$SUB/$d"
		for f in "$SRC/$d"/*.[ch] "$SRC/$d/Makefile"; do
			[ -e "$f" ] || continue
			[ "${f##*/}" = tests.h ] && continue
			ln -s "../../bpf/$d/${f##*/}" "$SUB/$d/"
		done
	done
	for f in "$SRC"/prog_tests/*.h "$SRC"/progs/*.h; do
		ln -s "../../bpf/${f#"$SRC"/}" "$SUB/${f#"$SRC"/}"
	done
	for f in $(selected_files); do
		ln -s "../../bpf/prog_tests/$f.c" "$SUB/prog_tests/"
	done
	for p in $(needed_progs | sort -u); do
		[ -f "$SRC/progs/$p.c" ] || die "BPF program progs/$p.c (needed by the selected tests) not found"
		ln -sf "../../bpf/progs/$p.c" "$SUB/progs/"
	done
}

check_selection
link_subset
say "building test_progs: $(selected_files | wc -l) tests, $(ls "$SUB/progs"/*.c | wc -l) BPF programs"
mkdir -p "$ST_OUT"
# Command-line variables replace the Makefile's lists of extra files and
# skeletons, which name programs outside the subset.
subset_make()
{
	make -C "$SUB" -s OUTPUT="$ST_OUT" O="$KOUT" VMLINUX_BTF="$KOUT/vmlinux" \
		CC="ccache gcc" HOSTCC="ccache gcc" \
		TRUNNER_EXTRA_FILES="$(runtime_files | tr '\n' ' ')" \
		LINKED_SKELS= LSKELS_EXTRA= \
		LSKELS="$(needed_lskels | tr '\n' ' ')" \
		LSKELS_SIGNED="$(needed_signed_lskels | tr '\n' ' ')" \
		"$@"
}

# The compiler's dependency files name light skeletons without their
# directory; VPATH lets make find them in the output directory on
# incremental builds.
mapfile -t targets < <(selftests_key extras | grep -v '\.ko$' | sed "s|^|$ST_OUT/|")
subset_make -j"$JOBS" VPATH="$ST_OUT" "$ST_OUT/test_progs" "${targets[@]}"
# Kernel modules in a make of their own: the kernel's Makefile, which the
# module build runs, would take that VPATH for its source tree.
mapfile -t modules < <(selftests_key extras | grep '\.ko$' | sed "s|^|$ST_OUT/|")
[ ${#modules[@]} = 0 ] || subset_make "${modules[@]}"
say "test_progs: $ST_OUT/test_progs"
