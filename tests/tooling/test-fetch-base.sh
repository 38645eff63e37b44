#!/bin/bash
# fetch-base verifies the pinned tarball's SHA-256 and refuses a mismatch.
. "$(dirname "$0")/lib.sh"

check "the pinned base is found and verified" "$TOP/scripts/fetch-base.sh"
sed 's/^BASE_SHA256=.*/BASE_SHA256=0000/' "$TOP/config/base.conf" > "$SCRATCH/base.conf"
fails "a wrong SHA-256 is refused" \
	env BASE_CONF="$SCRATCH/base.conf" "$TOP/scripts/fetch-base.sh" 2> "$SCRATCH/err"
check "the refusal names the checksum" grep -q 'does not match BASE_SHA256' "$SCRATCH/err"
