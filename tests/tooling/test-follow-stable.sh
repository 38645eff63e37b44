#!/bin/bash
# follow-stable (make stable) on a real second base: the series is tried on
# another 6.12 the registry serves and the report says how each patch
# applies; a patch that cannot apply is named and fails the run; the pinned
# version itself needs nothing.
. "$(dirname "$0")/lib.sh"
. "$TOP/config/base.conf"

export STABLE_OUT=$SCRATCH/stable
n=$(grep -c . "$TOP/patches/series")

stable()	# stable VERSION [PATCHES]: follow-stable.sh's output in $SCRATCH/out
{
	PIN=0 STABLE_VERSION=$1 PATCHES=${2:-$TOP/patches} \
		"$TOP/scripts/follow-stable.sh" > "$SCRATCH/out" 2>&1
}

stable "$BASE_VERSION"
check "the pinned version needs nothing" grep -q 'the newest served: nothing to do' "$SCRATCH/out"

other=$(apt-cache madison "$BASE_PACKAGE" | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' |
	grep -vxF -- "$BASE_VERSION" | sort -V | tail -n 1)
check "the registry serves a second $BASE_PACKAGE" test -n "$other"
check "the series is tried on $other" stable "$other"
check "the report names both bases" \
	grep -qF "$BASE_VERSION (Linux " "$STABLE_OUT/report.txt"
check "every patch has a line" \
	test "$(grep -cE '^  (clean|three-way) +[0-9]{4}-' "$STABLE_OUT/report.txt")" = "$n"
check "the tally says all $n apply" grep -q "^$n of $n patches apply" "$STABLE_OUT/report.txt"
check "the range-diff accounts for every patch" \
	grep -qE "^  [0-9]+ unchanged, [0-9]+ changed" "$STABLE_OUT/report.txt"

# One more patch that cannot apply: its blob and its context exist nowhere.
cp -r "$TOP/patches" "$SCRATCH/patches"
cat > "$SCRATCH/patches/9999-bogus.patch" <<'PATCH'
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: Test <test@example.com>
Date: Thu, 1 Jan 2026 00:00:00 +0000
Subject: [PATCH] bogus: change a line that is not there

---
 README | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)

diff --git a/README b/README
index 1234567..89abcde 100644
--- a/README
+++ b/README
@@ -1 +1 @@
-no such line in README
+still no such line
PATCH
echo 9999-bogus.patch >> "$SCRATCH/patches/series"
fails "a patch that does not apply fails the run" stable "$other" "$SCRATCH/patches"
check "the report names it" grep -q '^  CONFLICT  9999-bogus.patch' "$STABLE_OUT/report.txt"
check "the tally counts it out" grep -q "^$n of $((n + 1)) patches apply" "$STABLE_OUT/report.txt"
check "the message says what to do" grep -q "make stable PIN=1" "$SCRATCH/out"
check "the base was reused, not extracted again" bash -c "! grep -q extracting '$SCRATCH/out'"
