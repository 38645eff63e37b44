// SPDX-License-Identifier: GPL-2.0
/*
 * Instruction count of a BPF object's light skeleton loader, unsigned and
 * signed in each generation (gen_loader_opts.sig_gen), on the host
 * (scripts/bench.sh):
 *
 *   loader_size NAME OBJECT VMLINUX
 *
 * VMLINUX is the BTF of the kernel a kfunc-generation loader is for. Prints
 * "loader_insns_<kind>_NAME N", kind being unsigned, load-time, inline and
 * kfunc.
 */
#include <stdio.h>
#include <linux/filter.h>
#include <bpf/libbpf.h>

static int loader_insns(const char *path, const char *vmlinux, bool gen_hash,
			enum gen_loader_sig_gen sig_gen)
{
	LIBBPF_OPTS(bpf_object_open_opts, open_opts, .btf_custom_path = vmlinux);
	LIBBPF_OPTS(gen_loader_opts, gen, .gen_hash = gen_hash, .sig_gen = sig_gen);
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
	static const struct {
		const char *kind;
		bool gen_hash;
		enum gen_loader_sig_gen gen;
	} kinds[] = {
		{ "unsigned", false, GEN_LOADER_SIG_LOAD_TIME },
		{ "load-time", true, GEN_LOADER_SIG_LOAD_TIME },
		{ "inline", true, GEN_LOADER_SIG_INLINE },
		{ "kfunc", true, GEN_LOADER_SIG_KFUNC },
	};
	unsigned int i;
	int n;

	if (argc != 4) {
		fprintf(stderr, "usage: loader_size NAME OBJECT VMLINUX\n");
		return 1;
	}
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		n = loader_insns(argv[2], argv[3], kinds[i].gen_hash, kinds[i].gen);
		if (n < 0) {
			fprintf(stderr, "loader_size: gen_loader (%s) failed for %s\n",
				kinds[i].kind, argv[2]);
			return 1;
		}
		printf("loader_insns_%s_%s %d\n", kinds[i].kind, argv[1], n);
	}
	return 0;
}
