#!/bin/bash
# Write the series in the layout of Debian's kernel packaging, for a
# distribution kernel maintainer to copy into the debian/ directory of the
# 'linux' source package:
#
#   patches/features/all/signed-bpf/NNNN-*.patch  every patch of patches/series
#                                                 as a quilt patch with a DEP-3
#                                                 header
#   patches/series-signed-bpf                     the lines to append to
#                                                 debian/patches/series
#   config/config.signed-bpf                      the options the series needs
#
# Why: Debian's kernel is built from quilt patches with DEP-3 headers, sorted
# into topic folders, so that is the form a maintainer can take. The DEP-3
# Origin: says honestly where each patch comes from, from config/provenance,
# which must name every patch. The diffs are those of patches/, byte for
# byte: quilt applies them as 'git am' does for 'make tree'.
#
# Usage: export-debian.sh [DIR]   (DIR: $DEBIAN_OUT, else build/debian). DIR may
# be a package's own debian/: only the three paths above are replaced there.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OUT=${1:-${DEBIAN_OUT:-$BUILD/debian}}
PROVENANCE=${PROVENANCE:-$TOP/config/provenance}
TOPIC=features/all/signed-bpf
SERIES_FRAGMENT=series-signed-bpf
CONFIG_FRAGMENT=config.signed-bpf
FS=$'\x1f'

series_patches()
{
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$PATCHES/series" | awk 'NF'
}

# The line of config/provenance for patch $1, fields trimmed and joined by
# $FS (not a tab: 'read' would merge empty fields): file, kind, commits,
# mainline, note. Empty when there is none.
provenance_of()
{
	awk -F'|' -v file="$1" -v fs="$FS" '
		function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
		/^[ \t]*(#|$)/ { next }
		trim($1) == file {
			print trim($1) fs trim($2) fs trim($3) fs trim($4) fs trim($5)
			exit
		}' "$PROVENANCE"
}

# Every patch must have a well-formed line; name all that lack one at once.
check_provenance()
{
	local patch line kind commits mainline note bad=()

	[ -f "$PROVENANCE" ] || die "no $PROVENANCE, which says where each patch comes from; restore it ('git checkout config/provenance')"
	while read -r patch; do
		line=$(provenance_of "$patch")
		if [ -z "$line" ]; then
			bad+=("$patch: no line")
			continue
		fi
		IFS=$FS read -r _ kind commits mainline note <<< "$line"
		case $kind in
		upstream|backport)
			[ -n "$mainline" ] && [ "$mainline" != - ] ||
				bad+=("$patch: kind $kind needs the MAINLINE field") ;;
		vendor)
			[ -n "$note" ] || bad+=("$patch: kind vendor needs a NOTE saying why it is ours alone") ;;
		*)
			bad+=("$patch: kind '$kind' is none of upstream, backport, vendor") ;;
		esac
		[ "$commits" = - ] || [[ $commits =~ ^[0-9a-f]{12}(,[0-9a-f]{12})*$ ]] ||
			bad+=("$patch: COMMITS '$commits' is neither '-' nor 12-digit ids, comma-separated")
		[ "$kind" != backport ] || [ "$commits" != - ] ||
			bad+=("$patch: a backport names its mainline commits")
	done < <(series_patches)
	[ ${#bad[@]} -eq 0 ] && return 0
	printf '  %s\n' "${bad[@]}" >&2
	die "config/provenance lacks or garbles the lines above; add or fix them (the file's header says how), then run 'make debian' again"
}

# Print $1 wrapped into DEP-3 continuation lines (" text").
continuation()
{
	printf '%s\n' "$1" | fold -s -w 72 | sed -e 's/[[:space:]]*$//' -e 's/^/ /'
}

# Split commit message $1 (without its subject) into the body, $2, and the
# trailer paragraph (Origin:, Signed-off-by: ...; a line that starts with a
# space continues the one before), $3; leading and trailing blank lines
# dropped.
split_message()
{
	awk -v body="$2" -v trailers="$3" '
		{ line[NR] = $0 }
		END {
			printf "" > body; printf "" > trailers
			last = NR
			while (last > 0 && line[last] == "") last--
			t = last
			while (t > 0 && line[t] ~ /^([A-Za-z][A-Za-z-]*: | )/) t--
			if (t > 0 && line[t] != "") t = last	# no trailer paragraph
			for (i = t + 1; i <= last; i++) print line[i] > trailers
			while (t > 0 && line[t] == "") t--
			first = 1
			while (first <= t && line[first] == "") first++
			for (i = first; i <= t; i++) print line[i] > body
		}' "$1"
}

# The DEP-3 header of patch file $1 with provenance line $2: Description
# (subject, then the body), Author, Origin, Forwarded or Applied-Upstream,
# Last-Update, and the body's trailers (Signed-off-by:).
dep3_header()
{
	local file=$1 kind commits mainline note info author email subject date
	local tmp=$SCRATCH/mailinfo

	IFS=$FS read -r _ kind commits mainline note <<< "$2"
	info=$(git mailinfo "$tmp.msg" "$tmp.patch" < "$file") ||
		die "git mailinfo cannot read $file; is it 'git format-patch' output? ('make export' writes it)"
	author=$(sed -n 's/^Author: //p' <<< "$info")
	email=$(sed -n 's/^Email: //p' <<< "$info")
	subject=$(sed -n 's/^Subject: //p' <<< "$info")
	date=$(sed -n 's/^Date: //p' <<< "$info")
	split_message "$tmp.msg" "$tmp.body" "$tmp.trailers"

	echo "Description: $subject"
	if [ -s "$tmp.body" ]; then
		sed -e 's/^$/./' -e 's/^/ /' "$tmp.body"
		echo " ."
	fi
	case $kind in
	upstream)
		continuation "Reimplements for 6.12, from mainline: $mainline. Written anew against 6.12, no mainline code is cherry-picked.${note:+ $note}"
		echo "Author: $author <$email>"
		echo "Origin: other, reimplementation for 6.12 of mainline: $mainline"
		echo "Forwarded: not-needed" ;;
	backport)
		continuation "Backports mainline $mainline to 6.12.${note:+ $note}"
		echo "Author: $author <$email>"
		echo "Origin: backport, mainline $mainline"
		echo "Applied-Upstream: $(sed 's/\([0-9a-f]\{12\}\)/commit:\1/g; s/,/, /g' <<< "$commits")"
		echo "Forwarded: not-needed" ;;
	vendor)
		continuation "Ours alone, with no mainline counterpart: $note"
		echo "Author: $author <$email>"
		echo "Origin: vendor, signed-bpf series for Linux 6.12"
		echo "Forwarded: no" ;;
	esac
	echo "Last-Update: $(date -u -d "$date" +%Y-%m-%d)"
	# the commit's own Origin: and Divergence: say what the lines above say
	awk '/^(Origin|Divergence): / { skip = 1; next } skip && /^ / { next }
	     { skip = 0; print }' "$tmp.trailers"
}

# The patch itself, from the line '---' that ends the commit message.
patch_body()
{
	awk 'body || /^---$/ { body = 1; print }' "$1"
}

write_patches()
{
	local dir=$1 patch

	mkdir -p "$dir/patches/$TOPIC"
	while read -r patch; do
		[ -f "$PATCHES/$patch" ] || die "patches/series names $patch, which patches/ lacks; run 'make export'"
		{
			dep3_header "$PATCHES/$patch" "$(provenance_of "$patch")"
			patch_body "$PATCHES/$patch"
		} > "$dir/patches/$TOPIC/$patch"
	done < <(series_patches)
}

write_series()
{
	local dir=$1 count

	count=$(series_patches | wc -l)
	{
		cat <<-EOF
		# Signed BPF programs for Linux 6.12 ($count patches in $TOPIC).
		# From mainline: the SHA-256 program digest, exclusive maps, map
		# hashing and signed BPF_PROG_LOAD (Linux 6.18), mainline's later
		# load-time contract, verdict in prog->aux->sig and .bpf keyring, and
		# fd_array_cnt (6.14) and the '__prog' kfunc argument (6.16), all
		# reimplemented for 6.12; ours alone: compatibility mode for 6.18-era
		# loaders, bpf_loader_verify_metadata(), bpftool's key handling, and
		# audit and IPE policy on the verdict. Each patch's DEP-3 Origin:
		# says which it is. Append these lines to debian/patches/series,
		# after Debian's own patches; debian/config/$CONFIG_FRAGMENT lists
		# the options the series needs.
		EOF
		series_patches | sed "s|^|$TOPIC/|"
	} > "$dir/patches/$SERIES_FRAGMENT"
}

# Kconfig lines the series relies on (config/vm.config has them for the test
# VM). Comments use '##': in Debian's config files '# CONFIG_X is not set'
# is a setting.
write_config()
{
	local dir=$1

	mkdir -p "$dir/config"
	cat > "$dir/config/$CONFIG_FRAGMENT" <<-'EOF'
	## Kernel configuration for the signed BPF programs series
	## (patches/features/all/signed-bpf).
	##
	## Debian's kernel packaging keeps its configuration in debian/config/:
	## 'config' for every architecture, then per architecture, featureset and
	## flavour, listed in debian/config/defines.toml. Nothing reads this file
	## by itself: merge its lines into debian/config/config (all of them hold
	## on every architecture). Debian's 6.12 amd64 configuration already sets
	## every option below; this file says which ones the series relies on, so
	## that a change to them is made knowingly.

	## Signed BPF_PROG_LOAD. Without SYSTEM_DATA_VERIFICATION a signed load
	## fails with -EOPNOTSUPP. SYSTEM_DATA_VERIFICATION has no prompt: module
	## signing (MODULE_SIG) selects it in Debian's configuration.
	CONFIG_BPF_SYSCALL=y
	CONFIG_KEYS=y
	CONFIG_SYSTEM_DATA_VERIFICATION=y
	CONFIG_ASYMMETRIC_KEY_TYPE=y
	CONFIG_ASYMMETRIC_PUBLIC_KEY_SUBTYPE=y
	CONFIG_X509_CERTIFICATE_PARSER=y
	CONFIG_PKCS7_MESSAGE_PARSER=y
	CONFIG_CRYPTO_RSA=y

	## The keyrings a signed load may name besides the caller's and .bpf
	## (keyring_id 0, 1 and 2).
	CONFIG_SYSTEM_TRUSTED_KEYRING=y
	CONFIG_SECONDARY_TRUSTED_KEYRING=y
	CONFIG_INTEGRITY_PLATFORM_KEYRING=y

	## Program digests and map hashes are SHA-256. With the crypto API built
	## in, map hashing uses the fastest SHA-256 it has; on x86 that is
	## CRYPTO_SHA256_SSSE3 (Debian builds it as a module, which is fine).
	CONFIG_CRYPTO_SHA256=y
	CONFIG_CRYPTO_HASH2=y

	## Policy on the signature verdict: the BPF LSM (its programs read the
	## verdict through BTF), the AUDIT_BPF record, and IPE's op=BPF_PROG_LOAD.
	## CONFIG_LSM must list bpf, and ipe for IPE policies: Debian's does.
	CONFIG_SECURITY=y
	CONFIG_BPF_LSM=y
	CONFIG_DEBUG_INFO_BTF=y
	CONFIG_AUDIT=y
	CONFIG_AUDITSYSCALL=y
	CONFIG_SECURITY_IPE=y
	EOF
}

check_provenance
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
# Build everything aside, then replace our paths only.
write_patches "$SCRATCH/out"
write_series "$SCRATCH/out"
write_config "$SCRATCH/out"
mkdir -p "$OUT/patches/$(dirname "$TOPIC")" "$OUT/config"
rm -rf "${OUT:?}/patches/$TOPIC"
mv "$SCRATCH/out/patches/$TOPIC" "$OUT/patches/$TOPIC"
mv "$SCRATCH/out/patches/$SERIES_FRAGMENT" "$OUT/patches/$SERIES_FRAGMENT"
mv "$SCRATCH/out/config/$CONFIG_FRAGMENT" "$OUT/config/$CONFIG_FRAGMENT"
say "wrote $(series_patches | wc -l) patches to $OUT/patches/$TOPIC, $OUT/patches/$SERIES_FRAGMENT and $OUT/config/$CONFIG_FRAGMENT"
