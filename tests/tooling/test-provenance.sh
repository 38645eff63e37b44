#!/bin/bash
# Every patch says where it comes from, in its own commit message and as
# config/provenance (which 'make debian' writes DEP-3 headers from) says:
# a DEP-3 Origin: line, "other, reimplementation for 6.12 of mainline: ..." naming
# each mainline commit the table gives, or "vendor, ours alone: ...".
. "$(dirname "$0")/lib.sh"

PROVENANCE=$TOP/config/provenance

# origin_block PATCH: the Origin: and Divergence: trailers of a patch's
# commit message, continuation lines joined
origin_block()
{
	sed -n '/^---$/q; p' "$TOP/patches/$1" |
		awk '/^(Origin|Divergence): / { on = 1; printf "\n%s", $0; next }
		     on && /^ / { printf "%s", $0; next } { on = 0 } END { print "" }'
}

# consistent PATCH: its Origin: agrees with its line in config/provenance
consistent()
{
	local patch=$1 kind commits block id

	IFS='|' read -r _ kind commits _ < <(grep -F "$patch |" "$PROVENANCE")
	kind=${kind// /} commits=${commits// /}
	block=$(origin_block "$patch")
	case $kind in
	upstream) grep -q '^Origin: other, reimplementation for 6\.12 of mainline: ' <<<"$block" || return 1 ;;
	vendor) grep -q '^Origin: vendor, ours alone: ' <<<"$block" || return 1 ;;
	*) return 1 ;;
	esac
	[ "$commits" = - ] && return 0
	for id in ${commits//,/ }; do
		grep -q "$id" <<<"$block" || return 1
	done
}

bad=()
while read -r patch; do
	consistent "$patch" || bad+=("$patch")
done < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$TOP/patches/series")
[ ${#bad[@]} = 0 ] || printf 'no Origin: as config/provenance says: %s\n' "${bad[@]}"
check "every patch's Origin: agrees with config/provenance" [ ${#bad[@]} = 0 ]

# the check can fail: an upstream patch whose table line says otherwise
first=$(sed -n 's/^\([^ |#]*\) | upstream |.*/\1/p' "$PROVENANCE" | head -n 1)
sed "s/^$first | upstream |/$first | vendor |/" "$PROVENANCE" > "$SCRATCH/provenance"
PROVENANCE=$SCRATCH/provenance
fails "a patch whose Origin: the table contradicts is found" consistent "$first"

# the cover letter names the base config/base.conf pins (make stable PIN=1
# moves both)
. "$TOP/config/base.conf"
for f in "$TOP/patches/cover-letter.txt" "$TOP/patches/0000-cover-letter.patch"; do
	check "$(basename "$f") names the base $BASE_VERSION" grep -qF -- "$BASE_VERSION" "$f"
done
