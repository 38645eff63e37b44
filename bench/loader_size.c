// SPDX-License-Identifier: GPL-2.0
/*
 * Instruction count of a BPF object's light skeleton loader, unsigned and
 * signed (gen_loader_opts.gen_hash), on the host (scripts/bench.sh):
 *
 *   loader_size NAME OBJECT VMLINUX
 *
 * VMLINUX is the BTF of the kernel the signed loader is for. Prints
 * "loader_insns_unsigned_NAME N" and "loader_insns_signed_NAME N".
 */
#include <stdio.h>
#include <linux/filter.h>
#include <bpf/libbpf.h>

static int loader_insns(const char *path, const char *vmlinux, bool gen_hash)
{
	LIBBPF_OPTS(bpf_object_open_opts, open_opts, .btf_custom_path = vmlinux);
	LIBBPF_OPTS(gen_loader_opts, gen, .gen_hash = gen_hash);
	struct bpf_object *obj;
	int err;

	obj = bpf_object__open_file(path, &open_opts);
	if (!obj)
		return -1;
	err = bpf_object__gen_loader(obj, &gen);
	err = err ?: bpf_object__load(obj);
	if (!err)
		err = gen.insns_sz / sizeof(struct bpf_insn);
	bpf_object__close(obj);
	return err;
}

int main(int argc, char **argv)
{
	int unsigned_insns, signed_insns;

	if (argc != 4) {
		fprintf(stderr, "usage: loader_size NAME OBJECT VMLINUX\n");
		return 1;
	}
	unsigned_insns = loader_insns(argv[2], argv[3], false);
	signed_insns = loader_insns(argv[2], argv[3], true);
	if (unsigned_insns < 0 || signed_insns < 0) {
		fprintf(stderr, "loader_size: gen_loader failed for %s\n", argv[2]);
		return 1;
	}
	printf("loader_insns_unsigned_%s %d\n", argv[1], unsigned_insns);
	printf("loader_insns_signed_%s %d\n", argv[1], signed_insns);
	return 0;
}
