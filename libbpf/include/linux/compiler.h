/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Building libbpf outside the kernel tree: single loads and stores the
 * compiler may not merge, split or move, as libbpf's sources use them.
 */
#ifndef __LIBBPF_COMPAT_LINUX_COMPILER_H
#define __LIBBPF_COMPAT_LINUX_COMPILER_H

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

#endif /* __LIBBPF_COMPAT_LINUX_COMPILER_H */
