// SPDX-License-Identifier: GPL-2.0
/*
 * A program whose light skeleton's metadata blob holds BLOB_SIZE bytes of
 * initialized data, for load time against metadata size (scripts/bench.sh
 * builds it for several sizes).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#ifndef BLOB_SIZE
#define BLOB_SIZE 1024
#endif

char _license[] SEC("license") = "GPL";

/* non-zero, so that it is in .data and the loader copies all of it */
volatile char blob[BLOB_SIZE] = { 1 };

SEC("tp/syscalls/sys_enter_getpid")
int touch(void *ctx)
{
	return blob[0];
}
