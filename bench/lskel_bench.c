// SPDX-License-Identifier: GPL-2.0
/*
 * Light skeleton loads, run inside the test VM (scripts/bench.sh). The demo's
 * hello.bpf.c as a signed and as an unsigned light skeleton:
 *
 *   load CERT   - median time of <name>__open() + <name>__load() of each,
 *                 alternating, against CERT added to the session keyring
 *   compat CERT - load each once and report the result: on a kernel without
 *                 signed BPF support the unsigned one must still load
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
#include "hello_signed.lskel.h"
#include "hello_unsigned.lskel.h"
#include "timing.h"

#define ROUNDS 41

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

/* Seconds for open + load, or a negative errno. */
static double load_signed(void)
{
	struct hello_signed *skel;
	double t = now();
	int err;

	skel = hello_signed__open();
	if (!skel)
		return -ENOMEM;
	skel->keyring_id = KEY_SPEC_SESSION_KEYRING;
	err = hello_signed__load(skel);
	t = now() - t;
	hello_signed__destroy(skel);
	return err ? err : t;
}

static double load_unsigned(void)
{
	struct hello_unsigned *skel;
	double t = now();
	int err;

	skel = hello_unsigned__open();
	if (!skel)
		return -ENOMEM;
	err = hello_unsigned__load(skel);
	t = now() - t;
	hello_unsigned__destroy(skel);
	return err ? err : t;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int bench_load(void)
{
	double s[ROUNDS], u[ROUNDS];
	int i;

	for (i = 0; i < ROUNDS; i++) {
		u[i] = load_unsigned();
		s[i] = load_signed();
		if (u[i] < 0 || s[i] < 0) {
			fprintf(stderr, "lskel load failed: %s\n",
				strerror((int)-(u[i] < 0 ? u[i] : s[i])));
			return 1;
		}
	}
	qsort(u, ROUNDS, sizeof(u[0]), cmp_double);
	qsort(s, ROUNDS, sizeof(s[0]), cmp_double);
	printf("lskel_us_unsigned %.1f\n", u[ROUNDS / 2] * 1e6);
	printf("lskel_us_signed %.1f\n", s[ROUNDS / 2] * 1e6);
	return 0;
}

static const char *result(double r)
{
	return r >= 0 ? "loaded" : strerrorname_np((int)-r);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: lskel_bench load|compat CERT\n");
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (add_cert(argv[2]))
		return 1;
	if (!strcmp(argv[1], "compat")) {
		printf("compat_unsigned %s\n", result(load_unsigned()));
		printf("compat_signed %s\n", result(load_signed()));
		return 0;
	}
	if (check_clocksource())
		return 2;
	return bench_load();
}
