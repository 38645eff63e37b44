// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmarks for the series, run inside the test VM (scripts/bench.sh):
 *
 *   hash   - SHA-256 throughput of BPF_OBJ_GET_INFO_BY_FD on a frozen array
 *            map against OpenSSL's SHA256() over the same bytes, same VM.
 *   load   - BPF_PROG_LOAD latency (median) of a small and a 4096-insn
 *            program, with and without a map bound by an ld_imm64; the map
 *            is exclusive to the program when the kernel supports it.
 *
 * Prints one "key value" line per figure, so that bench.sh can compare two
 * kernels' runs. Raw bpf() syscalls only: no libbpf, and it runs unchanged
 * on the unpatched base kernel.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <openssl/sha.h>
#include "timing.h"

#define MIB (1024 * 1024)

static long sys_bpf(int cmd, union bpf_attr *attr, unsigned int size)
{
	return syscall(__NR_bpf, cmd, attr, size);
}

static int map_create(__u32 value_size, __u32 max_entries, __u32 flags, const void *excl_hash)
{
	union bpf_attr attr = {};

	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	attr.map_flags = flags;
	if (excl_hash) {
		attr.excl_prog_hash = (unsigned long)excl_hash;
		attr.excl_prog_hash_size = 32;
	}
	return sys_bpf(BPF_MAP_CREATE, &attr, sizeof(attr));
}

static int map_get_hash(int fd, __u8 hash[32])
{
	struct bpf_map_info info = {};
	union bpf_attr attr = {};

	info.hash = (unsigned long)hash;
	info.hash_size = 32;
	attr.info.bpf_fd = fd;
	attr.info.info_len = sizeof(info);
	attr.info.info = (unsigned long)&info;
	return sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof(attr));
}

/* Throughput in MiB/s of the kernel's and OpenSSL's SHA-256 over @mib MiB. */
static int bench_hash(int mib)
{
	size_t size = (size_t)mib * MIB, i;
	double t, kernel_s = 1e9, user_s = 1e9;
	__u8 khash[32], uhash[32];
	union bpf_attr attr = {};
	int fd, round, rounds = mib >= 16 ? 3 : 10;
	__u8 *p;

	fd = map_create(4096, size / 4096, BPF_F_MMAPABLE, NULL);
	if (fd < 0)
		return perror("map_create"), -1;
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return perror("mmap"), -1;
	for (i = 0; i < size; i++)
		p[i] = i * 2654435761u >> 13;
	munmap(p, size);
	attr.map_fd = fd;
	if (sys_bpf(BPF_MAP_FREEZE, &attr, sizeof(attr)))
		return perror("freeze"), -1;
	p = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return perror("mmap"), -1;

	/* best of a few rounds: the fastest run is the least disturbed */
	for (round = 0; round < rounds; round++) {
		t = now();
		if (map_get_hash(fd, khash))
			return perror("BPF_OBJ_GET_INFO_BY_FD hash"), -1;
		t = now() - t;
		kernel_s = t < kernel_s ? t : kernel_s;

		t = now();
		SHA256(p, size, uhash);
		t = now() - t;
		user_s = t < user_s ? t : user_s;
	}
	if (memcmp(khash, uhash, 32)) {
		fprintf(stderr, "hash of %d MiB differs between kernel and OpenSSL\n", mib);
		return -1;
	}
	printf("hash_kernel_mibs_%d %.1f\n", mib, mib / kernel_s);
	printf("hash_openssl_mibs_%d %.1f\n", mib, mib / user_s);
	printf("hash_ratio_%d %.3f\n", mib, user_s / kernel_s);
	munmap(p, size);
	close(fd);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* A straight-line socket filter of @len instructions; with @map_fd >= 0 it
 * starts with an ld_imm64 of the map.
 */
static struct bpf_insn *make_prog(int len, int map_fd)
{
	struct bpf_insn *insns = calloc(len, sizeof(*insns));
	int i = 0;

	if (map_fd >= 0) {
		insns[0] = (struct bpf_insn){ .code = BPF_LD | BPF_DW | BPF_IMM, .dst_reg = 1,
					      .src_reg = BPF_PSEUDO_MAP_FD, .imm = map_fd };
		i = 2;
	}
	for (; i < len - 1; i++)
		insns[i] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K,
					      .dst_reg = 0, .imm = i };
	insns[len - 1] = (struct bpf_insn){ .code = BPF_JMP | BPF_EXIT };
	return insns;
}

/* SHA-256 of the program with the map fd immediate cleared: its digest. */
static void prog_digest(struct bpf_insn *insns, int len, __u8 digest[32])
{
	int fd = insns[0].imm;

	insns[0].imm = 0;
	SHA256((unsigned char *)insns, len * sizeof(*insns), digest);
	insns[0].imm = fd;
}

static int prog_load(const struct bpf_insn *insns, int len)
{
	union bpf_attr attr = {};

	attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = len;
	attr.license = (unsigned long)"GPL";
	return sys_bpf(BPF_PROG_LOAD, &attr, offsetof(union bpf_attr, fd_array_cnt));
}

static int bench_load(const char *name, int len, int with_map, int iters)
{
	double *t = calloc(iters, sizeof(*t)), start;
	int map_fd = -1, i, fd, excl = 0;
	struct bpf_insn *insns;
	__u8 digest[32];

	if (with_map) {
		insns = make_prog(len, 0);
		prog_digest(insns, len, digest);
		map_fd = map_create(8, 1, 0, digest);
		excl = map_fd >= 0;
		if (map_fd < 0)		/* a kernel without exclusive maps */
			map_fd = map_create(8, 1, 0, NULL);
		if (map_fd < 0)
			return perror("map_create"), -1;
		free(insns);
	}
	insns = make_prog(len, map_fd);
	for (i = 0; i < iters; i++) {
		start = now();
		fd = prog_load(insns, len);
		t[i] = now() - start;
		if (fd < 0)
			return fprintf(stderr, "%s: load: %s\n", name, strerror(errno)), -1;
		close(fd);
	}
	qsort(t, iters, sizeof(*t), cmp_double);
	printf("load_us_%s %.1f\n", name, t[iters / 2] * 1e6);
	if (with_map)
		printf("load_excl_%s %d\n", name, excl);
	free(insns);
	free(t);
	if (map_fd >= 0)
		close(map_fd);
	return 0;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "all";
	int err = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (check_clocksource())
		return 2;
	if (!strcmp(what, "all") || !strcmp(what, "hash")) {
		err = err ?: bench_hash(1);
		err = err ?: bench_hash(16);
		err = err ?: bench_hash(64);
	}
	if (!strcmp(what, "all") || !strcmp(what, "load")) {
		err = err ?: bench_load("small", 2, 0, 2000);
		err = err ?: bench_load("small_map", 4, 1, 2000);
		err = err ?: bench_load("4096", 4096, 0, 300);
		err = err ?: bench_load("4096_map", 4096, 1, 300);
	}
	return err ? 1 : 0;
}
