// SPDX-License-Identifier: GPL-2.0
/*
 * A program without maps or globals: the only difference between its
 * unsigned and signed loaders is the signed loader's metadata check, so
 * loader_size measures that check's cost with it.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

SEC("tp/syscalls/sys_enter_getpid")
int nothing(void *ctx)
{
	return 0;
}
