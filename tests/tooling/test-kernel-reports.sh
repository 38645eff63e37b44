#!/bin/bash
# scripts/kernel-reports.awk, which 'make sanitize' compares two kernels'
# reports with: each kind of report becomes one line without addresses,
# offsets, line numbers, CPUs or PIDs; ordinary boot and test output
# becomes none.
. "$(dirname "$0")/lib.sh"

reports() { awk -f "$TOP/scripts/kernel-reports.awk" "$@" | sort -u; }

cat > "$SCRATCH/quiet.log" <<'LOG'
sanitizer: test_progs: 179 ok, 0 failed
rcu: 	RCU lockdep checking is enabled.
kmemleak: Kernel memory leak detector initialized (mem pool available: 14770)
=== kmemleak
=== dmesg
[    0.000000] Linux version 6.12.117+
Run /init as init process
LOG
check "a clean run has no report" test -z "$(reports "$SCRATCH/quiet.log")"

cat > "$SCRATCH/noisy.log" <<'LOG'
[   12.345678] BUG: KASAN: slab-out-of-bounds in bpf_map_hash+0x12/0x30
[   13.000000] WARNING: CPU: 1 PID: 55 at kernel/bpf/syscall.c:123 bpf_prog_load+0x45/0x100
[   14.000000] WARNING: possible circular locking dependency detected
[   15.000000] BUG: sleeping function called from invalid context at mm/slab.h:123
[   16.000000] ODEBUG: free active (active state 0) object: ffff888003f1a000 object type: timer_list hint: foo+0x0/0x10
[   17.000000] Oops: general protection fault, probably for non-canonical address 0xdffffc0000000000: 0000 [#1] SMP KASAN
=== kmemleak
unreferenced object 0xffff888003f1a000 (size 64):
  comm "test_progs", pid 100, jiffies 4294937296
  backtrace (crc 0):
    [<ffffffff81234567>] kmemleak_alloc+0x4a/0x80
    [<ffffffff81234568>] __kmalloc_noprof+0x1a/0x20
    [<ffffffff81234569>] bpf_prog_verify_signature+0x10/0x100
    [<ffffffff8123456a>] bpf_check+0x10/0x100
=== dmesg
LOG
reports "$SCRATCH/noisy.log" > "$SCRATCH/out"
expect()	# expect LINE: LINE is one of the reports
{
	check "reports '$1'" grep -qxF -- "$1" "$SCRATCH/out"
}
expect "KASAN: slab-out-of-bounds in bpf_map_hash"
expect "WARNING in bpf_prog_load"
expect "locking: possible circular locking dependency detected"
expect "locking: sleeping function called from invalid context"
expect "ODEBUG: free active (active state 0) object type: timer_list "
expect "kmemleak: leak allocated in bpf_prog_verify_signature"
check "and the oops" grep -q "^BUG: Oops: general protection fault" "$SCRATCH/out"
check "seven reports in all" test "$(wc -l < "$SCRATCH/out")" -eq 7
