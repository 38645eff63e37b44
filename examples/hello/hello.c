// SPDX-License-Identifier: GPL-2.0
/*
 * The demo application: loads hello.bpf.c through its signed light skeleton,
 * makes a few getpid() calls and reports what the BPF program counted. A
 * second, unsigned light skeleton (verdict.bpf.c) reports what the kernel
 * decided about the signature. Built statically: light skeletons need no
 * libbpf at run time.
 *
 * The signature is checked against the .bpf keyring, which the initramfs
 * provisions with the signing certificate at boot; with --keyring session,
 * against the caller's session keyring instead, which must hold it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/keyctl.h>
#include "hello.lskel.h"
#include "verdict.lskel.h"

#ifndef KEY_SPEC_BPF_KEYRING
#define KEY_SPEC_BPF_KEYRING	-9	/* the .bpf keyring */
#endif

#define CALLS 5

/* enum bpf_sig_verdict, mainline's values; after the loader's metadata
 * check, BPF_SIG_VERIFIED goes by its other name, BPF_SIG_METADATA_VERIFIED.
 */
static const char *verdict_name(int verdict, bool after_check)
{
	switch (verdict) {
	case 0: return "BPF_SIG_UNSIGNED";
	case 1: return after_check ? "BPF_SIG_METADATA_VERIFIED" : "BPF_SIG_VERIFIED";
	case 2: return "BPF_SIG_OK";
	default: return "not seen";
	}
}

static const char *keyring_name(int type)
{
	switch (type) {
	case 1: return "builtin";
	case 2: return "secondary";
	case 3: return "platform";
	case 4: return "user";
	case 5: return ".bpf";
	default: return "none";
	}
}

static void report_verdict(const struct verdict *v)
{
	if (v->data->load_verdict < 0) {
		printf("hello: no verdict: the signature check refused the loader before the LSM hook\n");
		return;
	}
	printf("hello: verdict the LSM saw at admission: %s (%s keyring",
	       verdict_name(v->data->load_verdict, false), keyring_name(v->data->keyring_type));
	/* a caller's keyring is known by its serial; the others by name */
	if (v->data->keyring_type == 4)
		printf(", serial %d", v->bss->keyring_serial);
	printf(")\n");
	/* only loaders of the kfunc generation call it */
	if (v->data->metadata_ret == 1)
		return;
	printf("hello: bpf_loader_verify_metadata() returned %d%s%s, verdict now %s\n",
	       v->data->metadata_ret, v->data->metadata_ret ? ": " : "",
	       v->data->metadata_ret ? strerror(-v->data->metadata_ret) : "",
	       verdict_name(v->data->run_verdict, true));
}

static struct verdict *watch_loads(void)
{
	struct verdict *v;

	v = verdict__open_and_load();
	if (!v) {
		fprintf(stderr, "hello: cannot load the verdict watcher: %s\n", strerror(errno));
		return NULL;
	}
	v->bss->target_pid = getpid();
	if (verdict__attach(v)) {
		fprintf(stderr, "hello: cannot attach the verdict watcher: %s\n", strerror(errno));
		verdict__destroy(v);
		return NULL;
	}
	return v;
}

static int count_getpid(struct hello *skel)
{
	int err, i;

	err = hello__attach(skel);
	if (err) {
		fprintf(stderr, "hello: attaching to getpid() failed: %s\n", strerror(-err));
		return 1;
	}
	skel->bss->target_pid = getpid();
	for (i = 0; i < CALLS; i++)
		syscall(SYS_getpid);
	printf("hello: called getpid() %d times, the BPF program counted %llu\n",
	       CALLS, (unsigned long long)skel->bss->calls);
	return skel->bss->calls == CALLS ? 0 : 1;
}

int main(int argc, char **argv)
{
	int keyring = KEY_SPEC_BPF_KEYRING;
	struct verdict *v;
	struct hello *skel;
	int err;

	setlinebuf(stdout);
	if (argc == 3 && !strcmp(argv[1], "--keyring") && !strcmp(argv[2], "session")) {
		keyring = KEY_SPEC_SESSION_KEYRING;
	} else if (argc != 1) {
		fprintf(stderr, "usage: hello [--keyring session]\n");
		return 2;
	}
	v = watch_loads();
	if (!v)
		return 1;
	skel = hello__open();
	if (!skel) {
		fprintf(stderr, "hello: out of memory\n");
		verdict__destroy(v);
		return 1;
	}
	skel->keyring_id = keyring;
	err = hello__load(skel);
	report_verdict(v);
	if (err) {
		fprintf(stderr, "hello: the kernel refused the signed light skeleton: %s (%s)\n",
			strerror(-err), strerrorname_np(-err) ?: "?");
		err = 1;
	} else {
		printf("hello: loaded the BPF program through its signed light skeleton\n");
		err = count_getpid(skel);
	}
	hello__destroy(skel);
	verdict__destroy(v);
	return err;
}
