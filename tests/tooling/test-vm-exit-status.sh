#!/bin/bash
# The VM runner runs a static binary given by path, or a shell command, and
# returns the guest's exit status and output; -a adds kernel command-line
# arguments, and -p runs a provisioning script first, whose failure stops
# the run with status 124.
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

"$TOP/scripts/vm-run.sh" -a bpf.keyring_unsealed=1 -a vmrun.test=1 -- \
	sh -c 'cat /proc/cmdline; cat /sys/module/bpf/parameters/keyring_unsealed' \
	> "$SCRATCH/out" 2>&1
check "-a arguments reach the kernel command line" grep -q 'bpf.keyring_unsealed=1 vmrun.test=1' "$SCRATCH/out"
check "and the kernel takes them" grep -qx 'Y' "$SCRATCH/out"

printf 'echo provisioned > /tmp/mark\n' > "$SCRATCH/prov.sh"
"$TOP/scripts/vm-run.sh" -p "$SCRATCH/prov.sh" -- cat /tmp/mark > "$SCRATCH/out" 2>&1
check "-p runs its script before the command" grep -qx 'provisioned' "$SCRATCH/out"
printf 'exit 9\n' > "$SCRATCH/fail.sh"
"$TOP/scripts/vm-run.sh" -p "$SCRATCH/fail.sh" -- echo should-not-run > "$SCRATCH/out" 2>&1
check "a failing -p script stops the run with status 124" test $? = 124
fails "and the command does not run" grep -q should-not-run "$SCRATCH/out"
check "and says which script failed" grep -q 'vm-run: fail.sh failed: 9' "$SCRATCH/out"
