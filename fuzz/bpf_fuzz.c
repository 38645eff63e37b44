// SPDX-License-Identifier: GPL-2.0
/*
 * bpf_fuzz: random and mutated bpf() calls aimed at what the signed BPF
 * series adds, run as root in the test VM (scripts/fuzz.sh):
 *
 *   bpf_fuzz [-s SEED] [-n CALLS] [-t SECONDS] [-c CORPUS_DIR]
 *
 * Calls: BPF_MAP_CREATE with excl_prog_hash, BPF_MAP_UPDATE_ELEM,
 * BPF_MAP_FREEZE, BPF_OBJ_GET_INFO_BY_FD with the map hash fields,
 * BPF_PROG_LOAD with signature, signature_size, keyring_id, fd_array and
 * fd_array_cnt (and the BTF fields a signed load refuses), BPF_PROG_RUN,
 * BPF_PROG_BIND_MAP and BPF_LINK_CREATE for map iterators. Arguments are
 * random, or mutations of a real signed loader: CORPUS_DIR holds the
 * loader's instructions (insns), metadata blob (data), signature (sig),
 * SHA-256 (hash) and the signer's certificate (cert.der), which goes into
 * the session keyring so that unmutated loads verify.
 *
 * The same seed makes the same calls: a run prints its seed, and -s replays
 * it. At the end the kernel must be healthy: no new taint (a WARN, an oops
 * or a KASAN report taints it) and no "BUG:", "WARNING:" or leak report in
 * the kernel log. Exit status 0 when healthy, 1 otherwise, 2 on bad usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <linux/keyctl.h>

#define POOL		32	/* fds of each kind kept open */
#define MAX_ERRNO	140

static uint64_t rng;

/* xorshift64*: small, fast, and the same sequence for the same seed */
static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static bool chance(int percent)
{
	return below(100) < (uint32_t)percent;
}

/* A size or count near the interesting edges */
static uint32_t edgy(uint32_t real)
{
	static const uint32_t edges[] = { 0, 1, 7, 8, 31, 32, 33, 64, 4095, 4096, 65535,
					  65536, 65537, 1u << 20, 0x7fffffff, 0xffffffff };

	switch (below(4)) {
	case 0: return real;
	case 1: return real + below(3) - 1;
	case 2: return edges[below(sizeof(edges) / sizeof(edges[0]))];
	default: return (uint32_t)rnd();
	}
}

struct blob {
	void *p;
	uint32_t sz;
};

/* the corpus: a real signed loader */
static struct blob insns, data, sig, hash, cert;
static bool have_corpus;

/* Buffers for what a call points to, one per pointer of a call, each
 * followed by an unmapped page: a pointer near the end faults there.
 */
#define SLOT_SIZE	16384
enum { SLOT_INSNS, SLOT_SIG, SLOT_OTHER, NR_SLOTS };
static uint8_t *slot_end[NR_SLOTS];

static int maps[POOL], progs[POOL], links[POOL];

static struct {
	const char *name;
	unsigned long calls, ok;
	unsigned long err[MAX_ERRNO];
} ops[16];

static long sys_bpf(int op, int cmd, union bpf_attr *attr, unsigned int size)
{
	long ret = syscall(__NR_bpf, cmd, attr, size);

	ops[op].calls++;
	if (ret >= 0)
		ops[op].ok++;
	else if (errno < MAX_ERRNO)
		ops[op].err[errno]++;
	return ret;
}

static void keep(int *pool, long fd)
{
	int i = below(POOL);

	if (fd < 0)
		return;
	if (pool[i] > 0)
		close(pool[i]);
	pool[i] = fd;
}

/* an fd from @pool, sometimes one of another kind, a closed one or junk */
static int pick(const int *pool)
{
	switch (below(10)) {
	case 0: return -1;
	case 1: return (int)below(64);
	case 2: return maps[below(POOL)];
	case 3: return progs[below(POOL)];
	default: return pool[below(POOL)];
	}
}

/* a pointer to a copy of @sz bytes of @src (random bytes if NULL) at the
 * end of @slot; or NULL, a low address, or a few bytes before the
 * unmapped page
 */
static uint64_t ptr_to(int slot, const void *src, uint32_t sz)
{
	uint8_t *p;

	switch (below(10)) {
	case 0: return 0;
	case 1: return 1 + below(4096);
	case 2: return (uint64_t)(uintptr_t)(slot_end[slot] - below(64));
	default:
		if (sz > SLOT_SIZE)
			sz = SLOT_SIZE;
		p = slot_end[slot] - sz;	/* reading past the end faults */
		if (src)
			memcpy(p, src, sz);
		else
			for (uint32_t i = 0; i < sz; i++)
				p[i] = rnd();
		return (uint64_t)(uintptr_t)p;
	}
}

/* a copy of @b with a few bytes changed, or none */
static void *mutate(const struct blob *b, uint32_t *sz)
{
	uint8_t *p;
	int n;

	*sz = b->sz;
	if (chance(20))
		*sz = edgy(b->sz) % (b->sz + 64 + 1);
	p = calloc(1, *sz + 1);
	if (!p)
		return NULL;
	memcpy(p, b->p, *sz < b->sz ? *sz : b->sz);
	if (chance(50))
		for (n = below(4) + 1; n && *sz; n--)
			p[below(*sz)] ^= 1 << below(8);
	return p;
}

enum { OP_MAP_CREATE, OP_MAP_UPDATE, OP_MAP_FREEZE, OP_MAP_INFO, OP_LOAD_SIGNED,
       OP_LOAD_RANDOM, OP_RUN, OP_BIND, OP_ITER, OP_CLOSE, NR_OPS };

static void op_map_create(void)
{
	static const uint32_t types[] = { BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_ARRAY,
					  BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_PERCPU_ARRAY,
					  BPF_MAP_TYPE_ARRAY_OF_MAPS, BPF_MAP_TYPE_SOCKMAP,
					  BPF_MAP_TYPE_SK_STORAGE, BPF_MAP_TYPE_RINGBUF };
	union bpf_attr attr = {};
	uint8_t h[32];

	attr.map_type = chance(90) ? types[below(8)] : below(40);
	attr.key_size = chance(80) ? 4 : edgy(4);
	attr.value_size = chance(50) && have_corpus ? data.sz : edgy(8) % 8192;
	attr.max_entries = chance(70) ? 1 : edgy(1) % 4096;
	attr.map_flags = chance(70) ? 0 : chance(50) ? BPF_F_RDONLY_PROG : BPF_F_MMAPABLE;
	if (attr.map_type == BPF_MAP_TYPE_ARRAY_OF_MAPS)
		attr.inner_map_fd = pick(maps);
	if (chance(60)) {
		if (have_corpus && chance(60))
			memcpy(h, hash.p, 32);
		else
			for (int i = 0; i < 32; i++)
				h[i] = rnd();
		attr.excl_prog_hash = ptr_to(SLOT_OTHER, h, 32);
		attr.excl_prog_hash_size = chance(70) ? 32 : edgy(32);
	}
	keep(maps, sys_bpf(OP_MAP_CREATE, BPF_MAP_CREATE, &attr, sizeof(attr)));
}

static void op_map_update(void)
{
	union bpf_attr attr = {};
	uint32_t key = chance(80) ? 0 : rnd();
	struct blob b = { NULL, 8192 };

	if (have_corpus && chance(50))
		b = data;
	attr.map_fd = pick(maps);
	attr.key = (uint64_t)(uintptr_t)&key;
	attr.value = ptr_to(SLOT_OTHER, b.p, b.sz);
	sys_bpf(OP_MAP_UPDATE, BPF_MAP_UPDATE_ELEM, &attr, sizeof(attr));
}

static void op_map_freeze(void)
{
	union bpf_attr attr = { .map_fd = pick(maps) };

	sys_bpf(OP_MAP_FREEZE, BPF_MAP_FREEZE, &attr, sizeof(attr));
}

static void op_map_info(void)
{
	struct bpf_map_info info = {};
	union bpf_attr attr = {};
	uint8_t out[64];

	if (chance(80)) {
		info.hash = chance(90) ? (uint64_t)(uintptr_t)out : ptr_to(SLOT_OTHER, NULL, 32);
		info.hash_size = chance(70) ? 32 : edgy(32);
	}
	attr.info.bpf_fd = pick(maps);
	attr.info.info = (uint64_t)(uintptr_t)&info;
	attr.info.info_len = chance(80) ? sizeof(info) : edgy(sizeof(info)) % 512;
	sys_bpf(OP_MAP_INFO, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof(attr));
}

/* The metadata map a light skeleton makes for its loader: exclusive to the
 * loader, holding the blob, frozen; or not quite.
 */
static int metadata_map(void)
{
	union bpf_attr attr = {};
	uint32_t key = 0;
	int fd;

	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = data.sz;
	attr.max_entries = 1;
	if (chance(90)) {
		attr.excl_prog_hash = (uint64_t)(uintptr_t)hash.p;
		attr.excl_prog_hash_size = 32;
	}
	fd = sys_bpf(OP_MAP_CREATE, BPF_MAP_CREATE, &attr, sizeof(attr));
	if (fd < 0)
		return fd;
	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = (uint64_t)(uintptr_t)&key;
	attr.value = (uint64_t)(uintptr_t)data.p;
	if (chance(95))
		sys_bpf(OP_MAP_UPDATE, BPF_MAP_UPDATE_ELEM, &attr, sizeof(attr));
	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	if (chance(90))
		sys_bpf(OP_MAP_FREEZE, BPF_MAP_FREEZE, &attr, sizeof(attr));
	return fd;
}

static const int32_t keyrings[] = { KEY_SPEC_SESSION_KEYRING, KEY_SPEC_USER_KEYRING, 0, 1, 2,
				    -9, KEY_SPEC_THREAD_KEYRING, -10, 3 };

static void prog_load(int op, union bpf_attr *attr)
{
	keep(progs, sys_bpf(op, BPF_PROG_LOAD, attr, sizeof(*attr)));
}

/* a real signed loader, mutated: instructions, signature, size, keyring,
 * fd_array and its count, the BTF fields a signed load must refuse
 */
static void op_load_signed(void)
{
	union bpf_attr attr = {};
	bool own_map = chance(80);
	uint32_t isz, ssz;
	void *ip, *sp;
	int fds[4], map;

	if (!have_corpus)
		return;
	map = own_map ? metadata_map() : pick(maps);
	ip = chance(70) ? (isz = insns.sz, insns.p) : mutate(&insns, &isz);
	sp = chance(60) ? (ssz = sig.sz, sig.p) : mutate(&sig, &ssz);
	if (!ip || !sp)
		goto out;
	for (int i = 0; i < 4; i++)
		fds[i] = i == 0 || chance(30) ? map : pick(maps);
	attr.prog_type = chance(90) ? BPF_PROG_TYPE_SYSCALL : below(32);
	attr.prog_flags = chance(90) ? BPF_F_SLEEPABLE : rnd() & 0xff;
	attr.insns = ptr_to(SLOT_INSNS, ip, isz);
	attr.insn_cnt = chance(90) ? isz / 8 : edgy(isz / 8);
	attr.license = (uint64_t)(uintptr_t)"Dual BSD/GPL";
	attr.fd_array = chance(90) ? (uint64_t)(uintptr_t)fds : ptr_to(SLOT_OTHER, NULL, 16);
	attr.fd_array_cnt = chance(60) ? 1 : chance(50) ? 0 : edgy(1);
	attr.signature = chance(95) ? ptr_to(SLOT_SIG, sp, ssz) : 0;
	attr.signature_size = chance(80) ? ssz : edgy(ssz);
	attr.keyring_id = chance(70) ? KEY_SPEC_SESSION_KEYRING :
			  keyrings[below(sizeof(keyrings) / sizeof(keyrings[0]))];
	if (chance(5))
		attr.prog_btf_fd = pick(maps);
	if (chance(5))
		attr.attach_btf_obj_fd = pick(maps);
	prog_load(OP_LOAD_SIGNED, &attr);
out:
	if (ip != insns.p)
		free(ip);
	if (sp != sig.p)
		free(sp);
	/* a map made here goes to the pool, or away */
	if (own_map && map > 0 && chance(50))
		keep(maps, map);
	else if (own_map && map > 0)
		close(map);
}

/* small programs that name maps by index or fd, with random signatures */
static void op_load_random(void)
{
	struct bpf_insn prog[8] = {};
	union bpf_attr attr = {};
	int fds[4], n = 0;

	if (chance(50)) {
		/* r1 = map[idx]; r0 = 0; exit */
		prog[n].code = BPF_LD | BPF_DW | BPF_IMM;
		prog[n].dst_reg = 1;
		prog[n].src_reg = chance(50) ? BPF_PSEUDO_MAP_IDX : chance(50) ?
				  BPF_PSEUDO_MAP_IDX_VALUE : BPF_PSEUDO_MAP_FD;
		prog[n].imm = prog[n].src_reg == BPF_PSEUDO_MAP_FD ? pick(maps) : (int)below(5);
		n += 2;
	}
	prog[n].code = BPF_ALU64 | BPF_MOV | BPF_K;
	prog[n++].dst_reg = 0;
	prog[n++].code = BPF_JMP | BPF_EXIT;
	if (chance(10))
		for (int i = 0; i < n * 8; i++)
			((uint8_t *)prog)[i] ^= chance(5) << below(8);
	for (int i = 0; i < 4; i++)
		fds[i] = pick(maps);
	attr.prog_type = chance(50) ? BPF_PROG_TYPE_SOCKET_FILTER : BPF_PROG_TYPE_SYSCALL;
	attr.prog_flags = attr.prog_type == BPF_PROG_TYPE_SYSCALL ? BPF_F_SLEEPABLE : 0;
	attr.insns = (uint64_t)(uintptr_t)prog;
	attr.insn_cnt = n;
	attr.license = (uint64_t)(uintptr_t)"GPL";
	attr.fd_array = (uint64_t)(uintptr_t)fds;
	attr.fd_array_cnt = chance(50) ? below(5) : edgy(2);
	if (chance(50)) {
		bool real = have_corpus && chance(50);
		uint32_t sz = real ? sig.sz : 64 + below(2048);

		attr.signature = ptr_to(SLOT_SIG, real ? sig.p : NULL, sz);
		attr.signature_size = chance(70) ? sz : edgy(sz);
		attr.keyring_id = keyrings[below(sizeof(keyrings) / sizeof(keyrings[0]))];
	} else if (chance(10)) {
		attr.signature_size = edgy(0);
		attr.keyring_id = rnd();
	}
	prog_load(OP_LOAD_RANDOM, &attr);
}

static void op_run(void)
{
	union bpf_attr attr = {};
	uint8_t ctx[512] = {};

	attr.test.prog_fd = pick(progs);
	attr.test.ctx_in = (uint64_t)(uintptr_t)ctx;
	attr.test.ctx_size_in = chance(50) ? below(sizeof(ctx)) : 0;
	sys_bpf(OP_RUN, BPF_PROG_RUN, &attr, sizeof(attr));
}

static void op_bind(void)
{
	union bpf_attr attr = {};

	attr.prog_bind_map.prog_fd = pick(progs);
	attr.prog_bind_map.map_fd = pick(maps);
	attr.prog_bind_map.flags = chance(95) ? 0 : rnd();
	sys_bpf(OP_BIND, BPF_PROG_BIND_MAP, &attr, sizeof(attr));
}

/* a map iterator link on a random program and map */
static void op_iter(void)
{
	union bpf_iter_link_info info = {};
	union bpf_attr attr = {};

	info.map.map_fd = pick(maps);
	attr.link_create.prog_fd = pick(progs);
	attr.link_create.attach_type = chance(90) ? BPF_TRACE_ITER : below(64);
	attr.link_create.iter_info = (uint64_t)(uintptr_t)&info;
	attr.link_create.iter_info_len = chance(90) ? sizeof(info) : edgy(sizeof(info));
	keep(links, sys_bpf(OP_ITER, BPF_LINK_CREATE, &attr, sizeof(attr)));
}

static bool pooled(int fd)
{
	for (int i = 0; i < POOL; i++)
		if (maps[i] == fd || progs[i] == fd || links[i] == fd)
			return true;
	return false;
}

/* A loader that runs makes maps and programs through bpf_sys_bpf(), whose
 * fds land in this process; close every fd no pool holds, so that the run
 * does not end in EMFILE.
 */
static void reap_fds(void)
{
	for (int fd = 3; fd < 1024; fd++)
		if (!pooled(fd) && fcntl(fd, F_GETFD) != -1)
			close(fd);
}

static void op_close(void)
{
	int *pool = chance(50) ? maps : chance(70) ? progs : links;
	int i = below(POOL);

	ops[OP_CLOSE].calls++;
	if (pool[i] > 0) {
		close(pool[i]);
		pool[i] = 0;
		ops[OP_CLOSE].ok++;
	}
}

static const struct {
	void (*fn)(void);
	int weight;
} op_table[NR_OPS] = {
	[OP_MAP_CREATE] = { op_map_create, 12 },
	[OP_MAP_UPDATE] = { op_map_update, 8 },
	[OP_MAP_FREEZE] = { op_map_freeze, 6 },
	[OP_MAP_INFO] = { op_map_info, 8 },
	[OP_LOAD_SIGNED] = { op_load_signed, 25 },
	[OP_LOAD_RANDOM] = { op_load_random, 15 },
	[OP_RUN] = { op_run, 8 },
	[OP_BIND] = { op_bind, 8 },
	[OP_ITER] = { op_iter, 4 },
	[OP_CLOSE] = { op_close, 6 },
};

static const char * const op_names[NR_OPS] = {
	"map_create", "map_update", "map_freeze", "map_info", "load_signed",
	"load_random", "prog_run", "prog_bind_map", "iter_link", "close",
};

static int read_blob(const char *dir, const char *name, struct blob *b)
{
	char path[4096];
	long sz;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (sz = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "bpf_fuzz: cannot read %s: %s\n", path, strerror(errno));
		return -1;
	}
	b->p = malloc(sz);
	b->sz = sz;
	if (!b->p || fread(b->p, 1, sz, f) != (size_t)sz) {
		fprintf(stderr, "bpf_fuzz: cannot read %s\n", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

static int load_corpus(const char *dir)
{
	long key;

	if (read_blob(dir, "insns", &insns) || read_blob(dir, "data", &data) ||
	    read_blob(dir, "sig", &sig) || read_blob(dir, "hash", &hash) ||
	    read_blob(dir, "cert.der", &cert))
		return -1;
	if (hash.sz != 32) {
		fprintf(stderr, "bpf_fuzz: %s/hash is %u bytes, not 32\n", dir, hash.sz);
		return -1;
	}
	key = syscall(__NR_add_key, "asymmetric", NULL, cert.p, (size_t)cert.sz,
		      KEY_SPEC_SESSION_KEYRING);
	if (key < 0) {
		fprintf(stderr, "bpf_fuzz: cannot add %s/cert.der to the session keyring: %s\n",
			dir, strerror(errno));
		return -1;
	}
	have_corpus = true;
	return 0;
}

static long tainted(void)
{
	long t = -1;
	FILE *f = fopen("/proc/sys/kernel/tainted", "r");

	if (f && fscanf(f, "%ld", &t) != 1)
		t = -1;
	if (f)
		fclose(f);
	return t;
}

/* whether the kernel log has a report of a kernel bug, printing it */
static bool kernel_reports(void)
{
	static const char * const bad[] = { "BUG:", "WARNING:", "Oops", "KASAN",
					    "kmemleak:", "possible circular locking",
					    "general protection", "RCU stall",
					    "UBSAN", "refcount_t:" };
	int len = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0);
	char *buf, *line, *save;
	bool found = false;

	if (len <= 0)
		return false;
	buf = malloc(len + 1);
	if (!buf)
		return false;
	len = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, len);
	buf[len > 0 ? len : 0] = '\0';
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			if (strstr(line, bad[i])) {
				printf("bpf_fuzz: kernel: %s\n", line);
				found = true;
				break;
			}
		}
	}
	free(buf);
	return found;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned long count = 10000, n, total = 0, weight = 0;
	uint64_t seed = 0;
	double limit = 60, start, elapsed;
	const char *corpus = NULL;
	long taint_before;
	bool healthy;
	int opt, i;

	while ((opt = getopt(argc, argv, "s:n:t:c:")) != -1) {
		switch (opt) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 't': limit = strtod(optarg, NULL); break;
		case 'c': corpus = optarg; break;
		default:
			fprintf(stderr, "usage: bpf_fuzz [-s SEED] [-n CALLS] [-t SECONDS] [-c CORPUS_DIR]\n");
			return 2;
		}
	}
	if (!seed)
		seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	rng = seed;
	printf("bpf_fuzz: seed %llu (replay with -s %llu), at most %lu calls in %.0f s\n",
	       (unsigned long long)seed, (unsigned long long)seed, count, limit);
	if (corpus && load_corpus(corpus))
		return 2;

	for (i = 0; i < NR_SLOTS; i++) {
		uint8_t *p = mmap(NULL, SLOT_SIZE + 4096, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED || munmap(p + SLOT_SIZE, 4096)) {
			perror("bpf_fuzz: mmap");
			return 2;
		}
		slot_end[i] = p + SLOT_SIZE;
	}

	taint_before = tainted();
	for (i = 0; i < NR_OPS; i++)
		weight += op_table[i].weight;
	start = now();
	for (n = 0; n < count; n++) {
		unsigned long w = below(weight);

		for (i = 0; w >= (unsigned long)op_table[i].weight; i++)
			w -= op_table[i].weight;
		op_table[i].fn();
		if ((n & 255) == 0 && now() - start > limit)
			break;
		if ((n & 1023) == 1023)
			reap_fds();
	}
	elapsed = now() - start;
	for (i = 0; i < POOL; i++) {
		if (links[i] > 0)
			close(links[i]);
		if (progs[i] > 0)
			close(progs[i]);
		if (maps[i] > 0)
			close(maps[i]);
	}

	for (i = 0; i < NR_OPS; i++) {
		int e;

		ops[i].name = op_names[i];
		total += ops[i].calls;
		printf("bpf_fuzz: %-13s %8lu calls %8lu ok", ops[i].name, ops[i].calls, ops[i].ok);
		for (e = 1; e < MAX_ERRNO; e++)
			if (ops[i].err[e])
				printf(" %s:%lu", strerrorname_np(e) ?: "?", ops[i].err[e]);
		printf("\n");
	}
	printf("bpf_fuzz: %lu operations, %lu bpf() calls in %.1f s (%.0f calls/s), seed %llu\n",
	       n, total - ops[OP_CLOSE].calls, elapsed,
	       (total - ops[OP_CLOSE].calls) / (elapsed > 0 ? elapsed : 1),
	       (unsigned long long)seed);

	healthy = !kernel_reports();
	if (tainted() != taint_before) {
		printf("bpf_fuzz: the kernel is tainted now: %ld (was %ld)\n", tainted(), taint_before);
		healthy = false;
	}
	printf("bpf_fuzz: kernel %s\n", healthy ? "healthy" : "NOT HEALTHY");
	return healthy ? 0 : 1;
}
