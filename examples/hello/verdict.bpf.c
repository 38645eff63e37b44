// SPDX-License-Identifier: GPL-2.0
/*
 * The demo's witness: what the kernel decided about the signed loader. A
 * BPF LSM program records the signature verdict when the loader is loaded;
 * an fexit program records what bpf_loader_verify_metadata() returned when
 * the loader ran, and the verdict after it.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

int target_pid;

int load_verdict = -1;		/* enum bpf_sig_verdict at lsm/bpf_prog_load */
int keyring_type = -1;		/* enum bpf_sig_keyring */
int keyring_serial;
int metadata_ret = 1;		/* bpf_loader_verify_metadata()'s return */
int run_verdict = -1;		/* the loader's verdict after that call */

static bool watched(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == target_pid;
}

SEC("lsm/bpf_prog_load")
int BPF_PROG(on_prog_load, struct bpf_prog *prog, union bpf_attr *attr,
	     struct bpf_token *token)
{
	/* the signed loader, not the programs it loads */
	if (!watched() || !attr->signature)
		return 0;
	load_verdict = prog->aux->sig.verdict;
	keyring_type = prog->aux->sig.keyring_type;
	keyring_serial = prog->aux->sig.keyring_serial;
	return 0;
}

SEC("fexit/bpf_loader_verify_metadata")
int BPF_PROG(on_verify_metadata, struct bpf_map *map, const u64 *hash, u32 hash__sz,
	     struct bpf_prog_aux *aux, int ret)
{
	if (!watched())
		return 0;
	metadata_ret = ret;
	run_verdict = aux->sig.verdict;
	return 0;
}
