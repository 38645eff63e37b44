/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Building libbpf outside the kernel tree: the UAPI <linux/types.h> of the
 * system (the __u32 family, __be32, __aligned_u64) plus the kernel's short
 * names for the same types, which libbpf's sources use.
 */
#ifndef __LIBBPF_COMPAT_LINUX_TYPES_H
#define __LIBBPF_COMPAT_LINUX_TYPES_H

#include_next <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef __u8  u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8  s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;

#endif /* __LIBBPF_COMPAT_LINUX_TYPES_H */
