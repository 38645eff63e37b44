/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Building libbpf outside the kernel tree: the few kernel helper macros
 * libbpf's sources use, on top of the system's UAPI <linux/kernel.h>.
 */
#ifndef __LIBBPF_COMPAT_LINUX_KERNEL_H
#define __LIBBPF_COMPAT_LINUX_KERNEL_H

#include_next <linux/kernel.h>
#include <stddef.h>
#include <linux/compiler.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))
#endif

#ifndef container_of
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#endif

/* each argument evaluated once */
#ifndef min
#define min(x, y) ({						\
	__typeof__(x) __min_x = (x);				\
	__typeof__(y) __min_y = (y);				\
	__min_x < __min_y ? __min_x : __min_y; })
#endif

#ifndef max
#define max(x, y) ({						\
	__typeof__(x) __max_x = (x);				\
	__typeof__(y) __max_y = (y);				\
	__max_x > __max_y ? __max_x : __max_y; })
#endif

/* x rounded up to a multiple of y (any y > 0) */
#ifndef roundup
#define roundup(x, y)		((((x) + ((y) - 1)) / (y)) * (y))
#endif

#endif /* __LIBBPF_COMPAT_LINUX_KERNEL_H */
