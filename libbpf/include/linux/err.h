/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Building libbpf outside the kernel tree: an error number carried in a
 * pointer, as the kernel does it. The last MAX_ERRNO addresses are errors.
 */
#ifndef __LIBBPF_COMPAT_LINUX_ERR_H
#define __LIBBPF_COMPAT_LINUX_ERR_H

#include <stdbool.h>
#include <errno.h>

#define MAX_ERRNO	4095

static inline void *ERR_PTR(long err)
{
	return (void *)err;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return __builtin_expect((unsigned long)ptr >= (unsigned long)-MAX_ERRNO, 0);
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}

#endif /* __LIBBPF_COMPAT_LINUX_ERR_H */
