# Helpers for the tooling tests. Each test is a bash script that exits 0 on
# success; 'check' and 'fails' report what went wrong before exiting.
# shellcheck shell=bash
set -uo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

check()		# check "description" command...
{
	local what=$1

	shift
	if "$@"; then
		echo "ok: $what"
	else
		echo "FAILED: $what"
		exit 1
	fi
}

fails()		# fails "description" command...: the command must fail
{
	local what=$1

	shift
	if "$@"; then
		echo "FAILED (succeeded): $what"
		exit 1
	fi
	echo "ok: $what"
}
