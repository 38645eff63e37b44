#!/bin/bash
# export-debian ('make debian') writes the series in Debian's kernel
# packaging layout: every patch with a DEP-3 header and its diff unchanged,
# the series fragment in order, the config fragment; it leaves the rest of a
# debian/ alone and refuses a patch that config/provenance does not name.
. "$(dirname "$0")/lib.sh"

OUT=$SCRATCH/debian
TOPIC=patches/features/all/signed-bpf
mapfile -t series < <(sed -e 's/#.*//' "$TOP/patches/series" | awk 'NF')

# A debian/ that already holds a package's own files.
mkdir -p "$OUT/patches/features/all" "$OUT/config"
echo "debian/own.patch" > "$OUT/patches/series"
echo own > "$OUT/patches/features/all/own.patch"
echo "CONFIG_OWN=y" > "$OUT/config/config"
mkdir -p "$OUT/$TOPIC" && echo stale > "$OUT/$TOPIC/9999-stale.patch"

"$TOP/scripts/export-debian.sh" "$OUT" > "$SCRATCH/out"
check "the export succeeds" test $? = 0
check "it says where it wrote" grep -q "wrote ${#series[@]} patches to $OUT" "$SCRATCH/out"

# The DEP-3 header of $1: everything before the line '---'.
header() { sed '/^---$/q' "$1"; }
# The diff of $1: everything from the line '---'.
body() { awk 'b || /^---$/ { b = 1; print }' "$1"; }

every_patch()	# every_patch "description" test-function
{
	local p

	for p in "${series[@]}"; do
		"$2" "$p" || { echo "FAILED: $1: $p"; exit 1; }
	done
	echo "ok: $1"
}

present() { [ -s "$OUT/$TOPIC/$1" ]; }
same_diff() { cmp -s <(body "$TOP/patches/$1") <(body "$OUT/$TOPIC/$1"); }
dep3_fields()
{
	local h

	h=$(header "$OUT/$TOPIC/$1")
	grep -q '^Description: [^ ]' <<< "$h" && grep -q '^Author: .* <.*@.*>$' <<< "$h" &&
		grep -q '^Origin: [a-z]' <<< "$h" && grep -qE '^(Forwarded|Applied-Upstream): ' <<< "$h" &&
		grep -qE '^Last-Update: [0-9]{4}-[0-9]{2}-[0-9]{2}$' <<< "$h" &&
		! grep -qE '^(From|Subject|Date): ' <<< "$h"
}
subject_kept()
{
	local subject

	subject=$(git mailinfo /dev/null /dev/null < "$TOP/patches/$1" | sed -n 's/^Subject: //p')
	grep -qxF "Description: $subject" "$OUT/$TOPIC/$1"
}
# Origin: matches the kind config/provenance gives the patch.
honest_origin()
{
	local kind

	kind=$(awk -F'|' -v f="$1" '{ k = $2; gsub(/ /, "", k); g = $1; gsub(/ /, "", g) } g == f { print k }' \
		"$TOP/config/provenance")
	case $kind in
	upstream) grep -q '^Origin: other, reimplementation for 6\.12 of mainline: ' "$OUT/$TOPIC/$1" &&
		grep -qx 'Forwarded: not-needed' "$OUT/$TOPIC/$1" ;;
	backport) grep -q '^Origin: backport, ' "$OUT/$TOPIC/$1" && grep -q '^Applied-Upstream: commit:' "$OUT/$TOPIC/$1" ;;
	vendor) grep -q '^Origin: vendor' "$OUT/$TOPIC/$1" && grep -q '^ Ours alone, with no mainline counterpart' "$OUT/$TOPIC/$1" ;;
	*) false ;;
	esac
}

every_patch "every patch of the series is exported" present
every_patch "every diff is the one of patches/, byte for byte" same_diff
every_patch "every header has the DEP-3 fields and no mail headers" dep3_fields
every_patch "every Description starts with the patch's subject" subject_kept
every_patch "every Origin matches config/provenance's kind" honest_origin
check "no other patch in the topic folder" \
	test "$(find "$OUT/$TOPIC" -type f | wc -l)" = "${#series[@]}"

fragment=$OUT/patches/series-signed-bpf
check "the series fragment opens with a comment naming the feature" \
	grep -q '^# Signed BPF programs' "$fragment"
check "the comment names the mainline origin" grep -q '^# .*mainline' "$fragment"
check "the fragment lists the patches in the series' order" \
	cmp -s <(grep -v '^#' "$fragment") <(printf 'features/all/signed-bpf/%s\n' "${series[@]}")
check "the config fragment sets what signed loads need" \
	grep -qx 'CONFIG_SYSTEM_DATA_VERIFICATION=y' "$OUT/config/config.signed-bpf"
check "the config fragment's comments disable nothing" \
	bash -c "! grep -q '^# CONFIG_' '$OUT/config/config.signed-bpf'"
check "the package's own series is untouched" grep -qx 'debian/own.patch' "$OUT/patches/series"
check "the package's own patches are untouched" test -s "$OUT/patches/features/all/own.patch"
check "the package's own config is untouched" grep -qx 'CONFIG_OWN=y' "$OUT/config/config"

first=${series[0]}
grep -vF "$first" "$TOP/config/provenance" > "$SCRATCH/provenance"
fails "a patch config/provenance does not name is refused" \
	env PROVENANCE="$SCRATCH/provenance" "$TOP/scripts/export-debian.sh" "$SCRATCH/refused" 2> "$SCRATCH/err"
check "the refusal names the patch" grep -qF "$first: no line" "$SCRATCH/err"
check "the refusal says what to do" grep -q 'config/provenance' "$SCRATCH/err"
check "a refused export writes nothing" test ! -e "$SCRATCH/refused"
sed "s/^\($first\) | [a-z]* |/\1 | cherry-pick |/" "$TOP/config/provenance" > "$SCRATCH/provenance"
fails "an unknown kind is refused" \
	env PROVENANCE="$SCRATCH/provenance" "$TOP/scripts/export-debian.sh" "$SCRATCH/refused" 2> /dev/null
