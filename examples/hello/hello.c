// SPDX-License-Identifier: GPL-2.0
/*
 * The demo application: loads hello.bpf.c through its light skeleton, makes
 * a few getpid() calls and reports what the BPF program counted. Built
 * statically: a light skeleton needs no libbpf at run time.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "hello.lskel.h"

#define CALLS 5

int main(void)
{
	struct hello *skel;
	int err, i;

	skel = hello__open_and_load();
	if (!skel) {
		fprintf(stderr, "hello: the kernel refused the light skeleton: %s\n",
			strerror(errno));
		return 1;
	}
	printf("hello: loaded the BPF program through its light skeleton\n");

	err = hello__attach(skel);
	if (err) {
		fprintf(stderr, "hello: attaching to getpid() failed: %s\n", strerror(-err));
		hello__destroy(skel);
		return 1;
	}
	skel->bss->target_pid = getpid();
	for (i = 0; i < CALLS; i++)
		syscall(SYS_getpid);

	printf("hello: called getpid() %d times, the BPF program counted %llu\n",
	       CALLS, (unsigned long long)skel->bss->calls);
	err = skel->bss->calls == CALLS ? 0 : 1;
	hello__destroy(skel);
	return err;
}
