// SPDX-License-Identifier: GPL-2.0
/*
 * The demo's BPF program: count the getpid() calls of one process. Small on
 * purpose; what the demo shows is how it is shipped and loaded (a light
 * skeleton, later a signed one), not what it does.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

int target_pid;
__u64 calls;

#define NR_getpid 39	/* x86_64 */

SEC("tp_btf/sys_enter")
int BPF_PROG(count_getpid, struct pt_regs *regs, long id)
{
	if (id == NR_getpid && (bpf_get_current_pid_tgid() >> 32) == target_pid)
		__sync_fetch_and_add(&calls, 1);
	return 0;
}
