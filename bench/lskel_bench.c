// SPDX-License-Identifier: GPL-2.0
/*
 * Light skeleton loads, run inside the test VM (scripts/bench.sh):
 *
 *   load CERT [SIG] - the demo's hello.bpf.c unsigned and signed in each
 *                 loader generation: median time of <name>__open() +
 *                 <name>__load() of each, in turn, against CERT added to the
 *                 session keyring; with SIG, then a bare 2-instruction
 *                 BPF_PROG_LOAD unsigned and signed by SIG
 *   bare CERT SIG - only that bare load, unsigned and signed by SIG: the
 *                 signature check alone, for another key type
 *   size CERT   - blob.bpf.c with 1 KiB to 1 MiB of data, unsigned and
 *                 signed (load-time generation), the same way; and the time
 *                 the kernel takes to hash a frozen 1 MiB array map
 *   bounds CERT DIR - design 3.5's bounds: the bare load with a metadata map
 *                 making 16 MiB of signed data (DIR/bound_value.bin, the
 *                 loader's SHA-256 in DIR/ret0.sha), signed by one key and by
 *                 four (the most the kernel takes), loaded; one byte more
 *                 (-E2BIG) and five signers (-EBADMSG) refused before any
 *                 digest
 *   compat CERT - load each hello skeleton once and report the result: on a
 *                 kernel without signed BPF support the unsigned one must
 *                 still load, and the signed ones fail with a message
 *
 * Prints "key value" lines like signing_bench.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/keyctl.h>
#include "hello_unsigned.lskel.h"
#include "hello_load_time.lskel.h"
#include "hello_inline.lskel.h"
#include "hello_kfunc.lskel.h"
#include "blob_unsigned_1k.lskel.h"
#include "blob_signed_1k.lskel.h"
#include "blob_unsigned_16k.lskel.h"
#include "blob_signed_16k.lskel.h"
#include "blob_unsigned_256k.lskel.h"
#include "blob_signed_256k.lskel.h"
#include "blob_unsigned_1m.lskel.h"
#include "blob_signed_1m.lskel.h"
#include "timing.h"

#define ROUNDS 41
#define SIZE_ROUNDS 11

static int add_cert(const char *path)
{
	static char der[8192];
	ssize_t len;
	FILE *f;

	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	len = fread(der, 1, sizeof(der), f);
	fclose(f);
	if (syscall(__NR_add_key, "asymmetric", "lskel bench", der, (size_t)len,
		    KEY_SPEC_SESSION_KEYRING) < 0) {
		fprintf(stderr, "adding %s to the session keyring: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* A bare BPF_PROG_LOAD of "r0 = 0; exit", unsigned and signed (SIG, a
 * detached PKCS#7 signature of its 16 bytes made by bench.sh) against the
 * session keyring: what the kernel's signature check alone costs, to set
 * beside a signed light skeleton's extra cost.
 */
static const struct bpf_insn ret0[] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
	{ .code = BPF_JMP | BPF_EXIT },
};
static char ret0_sig[8192];
static __u32 ret0_sig_sz;

static const size_t attr_sz = offsetofend(union bpf_attr, keyring_id);

/* BPF_PROG_LOAD of ret0, signed by @sig (NULL: unsigned) against the session
 * keyring
 */
static void ret0_attr(union bpf_attr *attr, const void *sig, __u32 sig_sz)
{
	memset(attr, 0, attr_sz);
	attr->prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr->insns = (long)ret0;
	attr->insn_cnt = sizeof(ret0) / sizeof(ret0[0]);
	attr->license = (long)"GPL";
	if (sig) {
		attr->signature = (long)sig;
		attr->signature_size = sig_sz;
		attr->keyring_id = KEY_SPEC_SESSION_KEYRING;
	}
}

static double load_ret0(int sign)
{
	union bpf_attr attr;
	double t;
	int fd;

	ret0_attr(&attr, sign ? ret0_sig : NULL, ret0_sig_sz);
	t = now();
	fd = skel_sys_bpf(BPF_PROG_LOAD, &attr, attr_sz);
	t = now() - t;
	if (fd < 0)
		return -errno;
	close(fd);
	return t;
}

static double load_ret0_unsigned(void)
{
	return load_ret0(0);
}

static double load_ret0_signed(void)
{
	return load_ret0(1);
}

static int read_sig(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	ret0_sig_sz = fread(ret0_sig, 1, sizeof(ret0_sig), f);
	fclose(f);
	return ret0_sig_sz ? 0 : -1;
}

/* The bounds of a signed load: ret0 plus a frozen exclusive map whose value
 * makes 16 MiB of signed data in all, bound through fd_array_cnt. A map a
 * signed load bound is marked for good, so each load gets a new one.
 */
#define BOUND_ROUNDS 3
#define BOUND_DATA (16u << 20)

static const char *bounds_dir;
static char bound_sig[65536];
static __u32 bound_sig_sz;
static __u8 ret0_sha[32];
static __u8 *bound_value;

static int read_file(const char *name, void *buf, size_t size, size_t *len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", bounds_dir, name);
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	*len = fread(buf, 1, size, f);
	fclose(f);
	return *len ? 0 : -1;
}

/* The signed load of ret0 with a metadata value of @value_size bytes and
 * the signature in bounds_dir/@sig: the seconds BPF_PROG_LOAD took, its
 * result in *@ret (0, the fd being closed here, or -errno); or -errno if
 * the load could not be set up.
 */
static double load_bound(__u32 value_size, const char *sig, int *ret)
{
	union bpf_attr attr;
	int fd, map, key = 0;
	size_t len;
	double t;

	if (read_file(sig, bound_sig, sizeof(bound_sig), &len))
		return -ENOENT;
	bound_sig_sz = len;
	map = skel_map_create(BPF_MAP_TYPE_ARRAY, "bound", 4, value_size, 1, ret0_sha,
			      sizeof(ret0_sha));
	if (map < 0 || skel_map_update_elem(map, &key, bound_value, 0) || skel_map_freeze(map)) {
		fprintf(stderr, "the %u-byte metadata map: %s\n", value_size, strerror(errno));
		if (map >= 0)
			close(map);
		return -EIO;
	}
	ret0_attr(&attr, bound_sig, bound_sig_sz);
	attr.fd_array = (long)&map;
	attr.fd_array_cnt = 1;
	t = now();
	fd = skel_sys_bpf(BPF_PROG_LOAD, &attr, attr_sz);
	t = now() - t;
	*ret = fd < 0 ? -errno : 0;
	if (fd >= 0)
		close(fd);
	close(map);
	return t;
}

static const __u32 at_bound = BOUND_DATA - sizeof(ret0);

/* load_bound() that must end in @want: its seconds, or -errno */
static double load_expect(__u32 value_size, const char *sig, int want)
{
	int ret = 0;
	double t = load_bound(value_size, sig, &ret);

	if (t < 0 || ret == want)
		return t;
	return ret < 0 ? ret : -EPROTO;
}

static double load_bound_1(void)
{
	return load_expect(at_bound, "bound_1.sig", 0);
}

static double load_bound_4(void)
{
	return load_expect(at_bound, "bound_4.sig", 0);
}

static double load_over_bound(void)
{
	return load_expect(at_bound + 1, "bound_1.sig", -E2BIG);
}

static double load_5_signers(void)
{
	return load_expect(at_bound, "bound_5.sig", -EBADMSG);
}

static int bounds_setup(const char *dir)
{
	size_t len;

	bounds_dir = dir;
	bound_value = calloc(1, BOUND_DATA);
	if (!bound_value)
		return -1;
	return read_file("ret0.sha", ret0_sha, sizeof(ret0_sha), &len) ||
	       len != sizeof(ret0_sha) ? -1 : 0;
}

/* load_<name>(): seconds for <name>__open() + <name>__load(), or -errno */
#define LOADER(name, set_keyring)				\
static double load_##name(void)					\
{								\
	struct name *skel;					\
	double t = now();					\
	int err;						\
								\
	skel = name##__open();					\
	if (!skel)						\
		return -ENOMEM;					\
	set_keyring;						\
	err = name##__load(skel);				\
	t = now() - t;						\
	name##__destroy(skel);					\
	return err ? err : t;					\
}
#define UNSIGNED_LOADER(name)	LOADER(name, )
#define SIGNED_LOADER(name)	LOADER(name, skel->keyring_id = KEY_SPEC_SESSION_KEYRING)

UNSIGNED_LOADER(hello_unsigned)
SIGNED_LOADER(hello_load_time)
SIGNED_LOADER(hello_inline)
SIGNED_LOADER(hello_kfunc)
UNSIGNED_LOADER(blob_unsigned_1k)
SIGNED_LOADER(blob_signed_1k)
UNSIGNED_LOADER(blob_unsigned_16k)
SIGNED_LOADER(blob_signed_16k)
UNSIGNED_LOADER(blob_unsigned_256k)
SIGNED_LOADER(blob_signed_256k)
UNSIGNED_LOADER(blob_unsigned_1m)
SIGNED_LOADER(blob_signed_1m)

struct skel_case {
	const char *key;
	double (*load)(void);
};

static const struct skel_case hello[] = {
	{ "lskel_us_unsigned", load_hello_unsigned },
	{ "lskel_us_load-time", load_hello_load_time },
	{ "lskel_us_inline", load_hello_inline },
	{ "lskel_us_kfunc", load_hello_kfunc },
};

static const struct skel_case bare[] = {
	{ "bare_us_unsigned", load_ret0_unsigned },
	{ "bare_us_signed", load_ret0_signed },
};

static const struct skel_case bounds[] = {
	{ "bound_us_1_signer", load_bound_1 },
	{ "bound_us_4_signers", load_bound_4 },
	{ "bound_us_over_e2big", load_over_bound },
	{ "bound_us_5_signers_ebadmsg", load_5_signers },
};

static const struct skel_case sizes[] = {
	{ "blob_us_unsigned_1024", load_blob_unsigned_1k },
	{ "blob_us_signed_1024", load_blob_signed_1k },
	{ "blob_us_unsigned_16384", load_blob_unsigned_16k },
	{ "blob_us_signed_16384", load_blob_signed_16k },
	{ "blob_us_unsigned_262144", load_blob_unsigned_256k },
	{ "blob_us_signed_262144", load_blob_signed_256k },
	{ "blob_us_unsigned_1048576", load_blob_unsigned_1m },
	{ "blob_us_signed_1048576", load_blob_signed_1m },
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Load each case in turn, @rounds times, and print each one's median. */
static int bench_cases(const struct skel_case *c, int n, int rounds)
{
	double *t = calloc((size_t)n * rounds, sizeof(*t));
	int i, r;

	if (!t)
		return 1;
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < n; i++) {
			double v = c[i].load();

			if (v < 0) {
				fprintf(stderr, "%s: load failed: %s\n", c[i].key, strerror((int)-v));
				free(t);
				return 1;
			}
			t[i * rounds + r] = v;
		}
	}
	for (i = 0; i < n; i++) {
		qsort(t + i * rounds, rounds, sizeof(*t), cmp_double);
		printf("%s %.1f\n", c[i].key, t[i * rounds + rounds / 2] * 1e6);
	}
	free(t);
	return 0;
}

/* Median time of BPF_OBJ_GET_INFO_BY_FD computing the SHA-256 of a frozen
 * 1 MiB array map, the kernel's own hashing speed.
 */
static int bench_hash_1m(void)
{
	const __u32 size = 1 << 20;
	__u8 sha[32], *value;
	double t[SIZE_ROUNDS];
	union bpf_attr attr;
	int fd, key = 0, r;

	value = calloc(1, size);
	fd = value ? skel_map_create(BPF_MAP_TYPE_ARRAY, "hash_bench", 4, size, 1, NULL, 0) : -1;
	if (fd < 0 || skel_map_update_elem(fd, &key, value, 0) || skel_map_freeze(fd)) {
		fprintf(stderr, "1 MiB map: %s\n", strerror(errno));
		return 1;
	}
	for (r = 0; r < SIZE_ROUNDS; r++) {
		struct bpf_map_info info = { .hash = (long)sha, .hash_size = sizeof(sha) };

		memset(&attr, 0, sizeof(attr));
		attr.info.bpf_fd = fd;
		attr.info.info_len = sizeof(info);
		attr.info.info = (long)&info;
		t[r] = now();
		if (skel_sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof(attr))) {
			fprintf(stderr, "hashing the 1 MiB map: %s\n", strerror(errno));
			return 1;
		}
		t[r] = now() - t[r];
	}
	qsort(t, SIZE_ROUNDS, sizeof(t[0]), cmp_double);
	printf("hash_us_1048576 %.1f\n", t[SIZE_ROUNDS / 2] * 1e6);
	close(fd);
	free(value);
	return 0;
}

static const char *result(double r)
{
	return r >= 0 ? "loaded" : strerrorname_np((int)-r);
}

int main(int argc, char **argv)
{
	int i;

	if (argc != 3 && !(argc == 4 && (!strcmp(argv[1], "load") || !strcmp(argv[1], "bare") ||
					 !strcmp(argv[1], "bounds")))) {
		fprintf(stderr,
			"usage: lskel_bench load|size|compat CERT, load|bare CERT SIG, or bounds CERT DIR\n");
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (add_cert(argv[2]))
		return 1;
	if (!strcmp(argv[1], "compat")) {
		for (i = 0; i < sizeof(hello) / sizeof(hello[0]); i++)
			printf("compat_%s %s\n", hello[i].key + strlen("lskel_us_"),
			       result(hello[i].load()));
		return 0;
	}
	if (check_clocksource())
		return 2;
	if (!strcmp(argv[1], "size"))
		return bench_cases(sizes, sizeof(sizes) / sizeof(sizes[0]), SIZE_ROUNDS) ?:
		       bench_hash_1m();
	if (!strcmp(argv[1], "bounds"))
		return bounds_setup(argv[3]) ? 1 :
		       bench_cases(bounds, sizeof(bounds) / sizeof(bounds[0]), BOUND_ROUNDS) ?:
		       bench_cases(bare, 1, ROUNDS);
	if (argc == 4 && read_sig(argv[3]))
		return 1;
	if (!strcmp(argv[1], "bare"))
		return bench_cases(bare, sizeof(bare) / sizeof(bare[0]), ROUNDS);
	return bench_cases(hello, sizeof(hello) / sizeof(hello[0]), ROUNDS) ?:
	       (argc == 4 ? bench_cases(bare, sizeof(bare) / sizeof(bare[0]), ROUNDS) : 0);
}
