#!/bin/bash
# Export the work tree's commits (everything after the base commit) into
# patches/: numbered 'git format-patch' files, a cover letter and 'series'.
# The cover letter's subject and text come from patches/cover-letter.txt.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

dirty=$(git -C "$TREE" status --porcelain)
if [ -n "$dirty" ]; then
	echo "$dirty" | head -n 10 | sed 's/^/  /' >&2
	die "$TREE has uncommitted changes; commit them (or stash them) before exporting"
fi

# Put patches/cover-letter.txt (subject line, blank line, text) into the
# cover letter format-patch generates.
fill_cover_letter()
{
	local cover=$1 text=$PATCHES/cover-letter.txt subject

	[ -f "$text" ] || { warn "no $text; the cover letter keeps its placeholders"; return 0; }
	subject=$(head -n 1 "$text")
	awk -v subject="$subject" -v textfile="$text" '
		/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subject) }
		/^\*\*\* BLURB HERE \*\*\*$/ {
			n = 0
			while ((getline line < textfile) > 0)
				if (n++ >= 2) print line
			next
		}
		{ print }' "$cover" > "$cover.tmp"
	mv "$cover.tmp" "$cover"
}

base=$(tree_base)
count=$(git -C "$TREE" rev-list --count "$base..HEAD")
rm -f "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch
: > "$PATCHES/series"
if [ "$count" -gt 0 ]; then
	cover=()
	[ "$count" -gt 1 ] && cover=(--cover-letter)
	# A fixed abbreviation for the index lines: git's default grows with
	# the number of objects, which differs from one tree to the next.
	git -C "$TREE" -c core.abbrev=9 format-patch -q --zero-commit --no-signature "${cover[@]}" \
		-o "$PATCHES" "$base..HEAD"
	[ "$count" -gt 1 ] && fill_cover_letter "$PATCHES"/0000-cover-letter.patch
	(cd "$PATCHES" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-') > "$PATCHES/series"
fi
record_applied
say "exported $count patches to $PATCHES"
