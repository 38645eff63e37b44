#!/bin/bash
# Report whether the work tree holds work that patches/ does not: edits not
# committed, or commits of the developer's that were never exported.
# Exit 0 when the tree is fully exported, 1 otherwise (with a report on stderr).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

status=0
dirty=$(git -C "$TREE" status --porcelain | head -n 10)
if [ -n "$dirty" ]; then
	echo "$TREE has uncommitted changes:" >&2
	echo "$dirty" | sed 's/^/  /' >&2
	status=1
fi

# A commit is safe when its change is in patches/, or came from patches/
# when the tree was made or last exported.
exported_ids=$( ( (cat "$PATCHES"/[0-9]*.patch 2>/dev/null || true) |
		  git patch-id --stable | cut -d' ' -f1
		cat "$APPLIED" 2>/dev/null || true) | sort -u)
while read -r commit; do
	id=$(git -C "$TREE" show "$commit" | git patch-id --stable | cut -d' ' -f1)
	[ -z "$id" ] && continue	# empty commit: nothing to lose
	if ! grep -qxF -- "$id" <<<"$exported_ids"; then
		echo "commit not in $PATCHES: $(git -C "$TREE" log -1 --format='%h %s' "$commit")" >&2
		status=1
	fi
done < <(git -C "$TREE" rev-list --reverse "$(tree_base)..HEAD")
exit $status
