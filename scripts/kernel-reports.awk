#!/usr/bin/awk -f
# One line per kernel report in a VM's output (console, kmemleak's report
# after '=== kmemleak', the kernel log after '=== dmesg'), in a form that
# does not depend on addresses, offsets, line numbers, CPUs or PIDs, so that
# two kernels' reports compare: KASAN, lockdep and other locking checks,
# WARN, BUG and oops, DEBUG_OBJECTS, and kmemleak leaks by the first
# function of their backtrace that is not an allocator.
#   awk -f kernel-reports.awk LOG | sort -u
/^=== kmemleak/ { leak = 1; next }
/^=== dmesg/ { leak = 0; next }
leak && /unreferenced object/ { want = 1; next }
leak && want && /\[<[0-9a-f]+>\]/ {
	f = $NF; sub(/\+0x.*/, "", f)
	if (f !~ /^(kmemleak_|__kmalloc|kmalloc|kmem_cache_|slab_|__slab|kvmalloc|__kvmalloc|kzalloc|alloc_pages|__alloc|__vmalloc|vmalloc|__do_kmalloc|__kmalloc_cache|kmalloc_trace|krealloc|___slab)/) {
		print "kmemleak: leak allocated in " f; want = 0
	}
	next
}
/BUG: KASAN:/ { s = $0; sub(/.*BUG: KASAN: /, "", s); sub(/\+0x[0-9a-f\/x]*/, "", s); print "KASAN: " s; next }
/WARNING: possible|WARNING: suspicious|WARNING: inconsistent|BUG: sleeping function|BUG: scheduling while atomic|WARNING: bad unlock|WARNING: lock held/ {
	s = $0; sub(/.*(WARNING|BUG): /, "", s); sub(/ at .*/, "", s); print "locking: " s; next
}
/WARNING: CPU: [0-9]+ PID: [0-9]+ at / {
	s = $0; sub(/.* at [^ ]+ /, "", s); sub(/\+0x.*/, "", s); print "WARNING in " s; next
}
/ODEBUG:/ { s = $0; sub(/.*ODEBUG: /, "", s); sub(/ object: [0-9a-fx]+/, "", s); sub(/hint: .*/, "", s); print "ODEBUG: " s; next }
/BUG: |Oops|general protection fault/ { s = $0; sub(/^\[[ 0-9.]*\] /, "", s); sub(/\+0x.*/, "", s); print "BUG: " s; next }

