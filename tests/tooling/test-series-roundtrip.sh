#!/bin/bash
# make-tree, export and series-state on a small fake kernel tree: the series
# survives a round trip, and uncommitted or unexported work is never clobbered.
. "$(dirname "$0")/lib.sh"

export TREE=$SCRATCH/linux PATCHES=$SCRATCH/patches BUILD=$SCRATCH
mkdir -p "$TREE" "$PATCHES"
git -C "$TREE" init -q -b main
git -C "$TREE" config user.name "Test" && git -C "$TREE" config user.email t@example.com
printf '.*\n# Debian packaging\n/*\n!/debian/\n' > "$TREE/.gitignore"
echo base > "$TREE/file"
git -C "$TREE" add -f -A && git -C "$TREE" commit -q -m base
echo one >> "$TREE/file" && git -C "$TREE" commit -q -am "bpf: one"
mkdir -p "$TREE/kernel" && echo new > "$TREE/kernel/new.c"
git -C "$TREE" add -f kernel/new.c && git -C "$TREE" commit -q -m "bpf: two"
printf 'Cover subject\n\nCover text.\n' > "$PATCHES/cover-letter.txt"
tree_before=$(git -C "$TREE" rev-parse HEAD^{tree})

check "export succeeds" "$TOP/scripts/export-series.sh"
check "series lists both patches" test "$(wc -l < "$PATCHES/series")" = 2
check "cover letter has its subject" grep -q 'Subject: \[PATCH 0/2\] Cover subject' "$PATCHES/0000-cover-letter.patch"
check "cover letter has its text" grep -qx 'Cover text.' "$PATCHES/0000-cover-letter.patch"
check "exported tree reports clean" "$TOP/scripts/series-state.sh"

echo edit >> "$TREE/file"
fails "series-state sees an uncommitted edit" "$TOP/scripts/series-state.sh"
fails "export refuses an uncommitted edit" "$TOP/scripts/export-series.sh"
fails "make-tree refuses to clobber an uncommitted edit" "$TOP/scripts/make-tree.sh"
check "the edit survived" grep -qx edit "$TREE/file"
git -C "$TREE" checkout -q file

echo three >> "$TREE/file" && git -C "$TREE" commit -q -am "bpf: three"
fails "make-tree refuses to drop an unexported commit" "$TOP/scripts/make-tree.sh"
check "the commit survived" test "$(git -C "$TREE" log -1 --format=%s)" = "bpf: three"

check "FORCE=1 resets and re-applies the series" env FORCE=1 "$TOP/scripts/make-tree.sh"
check "same tree as before the round trip" \
	test "$(git -C "$TREE" rev-parse HEAD^{tree})" = "$tree_before"
check "two commits on the base" test "$(git -C "$TREE" rev-list --count HEAD)" = 3
check "make-tree turns git's automatic gc off in the tree" \
	test "$(git -C "$TREE" config gc.auto)" = 0
echo untracked > "$TREE/kernel/untracked.c"
fails "new files are visible despite Debian's .gitignore" "$TOP/scripts/series-state.sh"
rm "$TREE/kernel/untracked.c"

# A newer series replaces the tree's commits, which came from patches/.
cp -r "$PATCHES" "$SCRATCH/old-patches"
git -C "$TREE" reset -q --hard HEAD~1
echo four >> "$TREE/file" && git -C "$TREE" commit -q -am "bpf: two, reworked"
check "export the reworked series" "$TOP/scripts/export-series.sh"
rm -rf "$PATCHES" && cp -r "$SCRATCH/old-patches" "$PATCHES"
check "the old series' commits are not local work" "$TOP/scripts/series-state.sh"
check "make-tree applies the old series without FORCE" "$TOP/scripts/make-tree.sh"
check "the old series is back" test "$(git -C "$TREE" rev-parse HEAD^{tree})" = "$tree_before"

git -C "$TREE" reset -q --hard HEAD~2
check "an empty series exports" "$TOP/scripts/export-series.sh"
check "empty series file" test ! -s "$PATCHES/series"
check "no patch files left" test -z "$(ls "$PATCHES"/*.patch 2>/dev/null)"
check "make-tree applies an empty series" "$TOP/scripts/make-tree.sh"

# A tree made from another base than config/base.conf pins is made anew, but
# never while it holds work patches/ lacks.
rm -rf "$TREE" && mkdir -p "$TREE"
git -C "$TREE" init -q -b main
git -C "$TREE" config user.name "Test" && git -C "$TREE" config user.email t@example.com
echo base > "$TREE/file"
git -C "$TREE" add -A && git -C "$TREE" commit -q -m "Linux 0.0 (stale)" -m "Package: linux-source-6.12 0.0-stale"
echo work >> "$TREE/file" && git -C "$TREE" commit -q -am "bpf: unexported"
fails "make-tree refuses to replace a stale base holding unexported work" \
	"$TOP/scripts/make-tree.sh" > "$SCRATCH/out" 2> "$SCRATCH/err"
check "it says it would make the tree anew" grep -q '0.0-stale; config/base.conf pins .*making it anew' "$SCRATCH/out"
check "and why it does not" grep -q 'refusing to reset' "$SCRATCH/err"
check "the work survived" test "$(git -C "$TREE" log -1 --format=%s)" = "bpf: unexported"
