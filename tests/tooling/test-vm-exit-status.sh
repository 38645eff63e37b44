#!/bin/bash
# The VM runner runs a static binary given by path, or a shell command, and
# returns the guest's exit status and output.
. "$(dirname "$0")/lib.sh"

cat > "$SCRATCH/exit7.c" <<'C'
#include <stdio.h>
int main(int argc, char **argv)
{
	printf("static binary ran with %s\n", argc > 1 ? argv[1] : "no argument");
	return 7;
}
C
gcc -static -o "$SCRATCH/exit7" "$SCRATCH/exit7.c" || exit 1

"$TOP/scripts/vm-run.sh" "$SCRATCH/exit7" 'an argument' > "$SCRATCH/out" 2>&1
check "exit status of a static binary comes back" test $? = 7
check "its output and argument come back" grep -q 'static binary ran with an argument' "$SCRATCH/out"

"$TOP/scripts/vm-run.sh" -- sh -c 'uname -r; exit 3' > "$SCRATCH/out" 2>&1
check "exit status of a shell command comes back" test $? = 3

fails "a missing -f file is an error" "$TOP/scripts/vm-run.sh" -f "$SCRATCH/missing" -- true
