// SPDX-License-Identifier: GPL-2.0
/*
 * What a VM kernel with part of the series configured out answers
 * (scripts/build-configs.sh builds it, statically, and runs it there as
 * 'configs-check NAME'):
 *
 *   no-keys, no-sigverify  a signed BPF_PROG_LOAD fails with EOPNOTSUPP;
 *   no-bpf-lsm             a junk signature fails with EBADMSG: signatures
 *                          are still checked;
 *
 * and in every one an unsigned load, an exclusive map and a frozen map's
 * SHA-256 work. Prints one 'configs-check:' line per check; exits 1 when
 * one answer is not the expected one.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>

static int failed;

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

static void check(const char *what, long ret, int want_errno)
{
	int got = ret < 0 ? errno : 0;

	printf("configs-check: %s: %s (want %s)\n", what, got ? strerror(got) : "ok",
	       want_errno ? strerror(want_errno) : "ok");
	if (got != want_errno)
		failed = 1;
}

static const struct bpf_insn ret0[] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
	{ .code = BPF_JMP | BPF_EXIT },
};

static long load(const void *sig, __u32 sig_size)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr.insns = (unsigned long)ret0;
	attr.insn_cnt = 2;
	attr.license = (unsigned long)"GPL";
	attr.signature = (unsigned long)sig;
	attr.signature_size = sig_size;
	return sys_bpf(BPF_PROG_LOAD, &attr);
}

static long map_create(const __u8 *excl_hash)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 8;
	attr.max_entries = 1;
	if (excl_hash) {
		attr.excl_prog_hash = (unsigned long)excl_hash;
		attr.excl_prog_hash_size = 32;
	}
	return sys_bpf(BPF_MAP_CREATE, &attr);
}

static long map_hash(int fd, __u8 *hash)
{
	struct bpf_map_info info;
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	if (sys_bpf(BPF_MAP_FREEZE, &attr))
		return -1;
	memset(&info, 0, sizeof(info));
	info.hash = (unsigned long)hash;
	info.hash_size = 32;
	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = sizeof(info);
	attr.info.info = (unsigned long)&info;
	return sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr);
}

int main(int argc, char **argv)
{
	static const __u8 junk[64] = { 0x30, 0x42, 0x13, 0x37 };
	__u8 digest[32] = { 1 }, hash[32];
	int sig_errno;
	long fd;

	if (argc != 2) {
		fprintf(stderr, "usage: configs-check no-keys|no-sigverify|no-bpf-lsm\n");
		return 2;
	}
	if (!strcmp(argv[1], "no-keys") || !strcmp(argv[1], "no-sigverify")) {
		sig_errno = EOPNOTSUPP;
	} else if (!strcmp(argv[1], "no-bpf-lsm")) {
		sig_errno = EBADMSG;
	} else {
		fprintf(stderr, "configs-check: unknown configuration '%s'\n", argv[1]);
		return 2;
	}

	fd = load(NULL, 0);
	check("unsigned BPF_PROG_LOAD", fd, 0);
	if (fd >= 0)
		close(fd);
	check("signed BPF_PROG_LOAD (junk signature)", load(junk, sizeof(junk)), sig_errno);

	fd = map_create(digest);
	check("exclusive BPF_MAP_CREATE", fd, 0);
	if (fd >= 0)
		close(fd);
	fd = map_create(NULL);
	check("BPF_MAP_CREATE", fd, 0);
	if (fd >= 0) {
		check("SHA-256 of a frozen map", map_hash(fd, hash), 0);
		close(fd);
	}
	return failed;
}
