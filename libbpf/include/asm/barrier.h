/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Building libbpf outside the kernel tree: the acquire and release accesses
 * libbpf's BPF ring buffer consumer uses, with the compiler's atomics, so
 * that one header serves every architecture.
 */
#ifndef __LIBBPF_COMPAT_ASM_BARRIER_H
#define __LIBBPF_COMPAT_ASM_BARRIER_H

#define smp_load_acquire(p)		__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define smp_store_release(p, v)		__atomic_store_n((p), (v), __ATOMIC_RELEASE)

#endif /* __LIBBPF_COMPAT_ASM_BARRIER_H */
