/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Building libbpf outside the kernel tree: the reader's side of a perf
 * event ring buffer. The kernel publishes data_head after the data it
 * wrote (acquire pairs with it); the reader publishes data_tail after it is
 * done with the data (release), so that the kernel may overwrite it.
 */
#ifndef __LIBBPF_COMPAT_LINUX_RING_BUFFER_H
#define __LIBBPF_COMPAT_LINUX_RING_BUFFER_H

#include <linux/perf_event.h>

static inline __u64 ring_buffer_read_head(struct perf_event_mmap_page *base)
{
	return __atomic_load_n(&base->data_head, __ATOMIC_ACQUIRE);
}

static inline void ring_buffer_write_tail(struct perf_event_mmap_page *base, __u64 tail)
{
	__atomic_store_n(&base->data_tail, tail, __ATOMIC_RELEASE);
}

#endif /* __LIBBPF_COMPAT_LINUX_RING_BUFFER_H */
