/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Building libbpf outside the kernel tree: the BPF instructions libbpf
 * emits (probes, gen_loader's loader programs), each written out in the
 * encoding <linux/bpf.h> defines: struct bpf_insn { code, dst_reg, src_reg,
 * off, imm }. A 64-bit immediate load takes two instructions.
 */
#ifndef __LIBBPF_COMPAT_LINUX_FILTER_H
#define __LIBBPF_COMPAT_LINUX_FILTER_H

#include <linux/bpf.h>

#define BPF_RAW_INSN(CODE, DST, SRC, OFF, IMM)			\
	((struct bpf_insn) {					\
		.code = (CODE), .dst_reg = (DST), .src_reg = (SRC),	\
		.off = (OFF), .imm = (IMM) })

/* dst op= imm, on 64 or on 32 bits */
#define BPF_ALU64_IMM(OP, DST, IMM)	BPF_RAW_INSN(BPF_ALU64 | BPF_OP(OP) | BPF_K, DST, 0, 0, IMM)
#define BPF_ALU32_IMM(OP, DST, IMM)	BPF_RAW_INSN(BPF_ALU | BPF_OP(OP) | BPF_K, DST, 0, 0, IMM)

/* dst = src, dst = imm */
#define BPF_MOV64_REG(DST, SRC)		BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, DST, SRC, 0, 0)
#define BPF_MOV64_IMM(DST, IMM)		BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_K, DST, 0, 0, IMM)

/* dst = *(size *)(src + off); *(size *)(dst + off) = src or imm */
#define BPF_LDX_MEM(SIZE, DST, SRC, OFF)				\
	BPF_RAW_INSN(BPF_LDX | BPF_SIZE(SIZE) | BPF_MEM, DST, SRC, OFF, 0)
#define BPF_STX_MEM(SIZE, DST, SRC, OFF)				\
	BPF_RAW_INSN(BPF_STX | BPF_SIZE(SIZE) | BPF_MEM, DST, SRC, OFF, 0)
#define BPF_ST_MEM(SIZE, DST, OFF, IMM)					\
	BPF_RAW_INSN(BPF_ST | BPF_SIZE(SIZE) | BPF_MEM, DST, 0, OFF, IMM)

/* 64-bit immediate (src says how to read it: a map, a map value...) */
#define BPF_LD_IMM64_RAW_FULL(DST, SRC, OFF1, OFF2, IMM1, IMM2)		\
	BPF_RAW_INSN(BPF_LD | BPF_DW | BPF_IMM, DST, SRC, OFF1, IMM1),	\
	BPF_RAW_INSN(0, 0, 0, OFF2, IMM2)
#define BPF_LD_MAP_VALUE(DST, MAP_FD, VALUE_OFF)			\
	BPF_LD_IMM64_RAW_FULL(DST, BPF_PSEUDO_MAP_VALUE, 0, 0, MAP_FD, VALUE_OFF)

/* if (dst op src or imm) goto pc + off */
#define BPF_JMP_REG(OP, DST, SRC, OFF)	BPF_RAW_INSN(BPF_JMP | BPF_OP(OP) | BPF_X, DST, SRC, OFF, 0)
#define BPF_JMP_IMM(OP, DST, IMM, OFF)	BPF_RAW_INSN(BPF_JMP | BPF_OP(OP) | BPF_K, DST, 0, OFF, IMM)

/* call a helper by its number; call a BPF function imm instructions on */
#define BPF_EMIT_CALL(FUNC)		BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, 0, 0, FUNC)
#define BPF_CALL_REL(IMM)		BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, IMM)

#define BPF_EXIT_INSN()			BPF_RAW_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

#endif /* __LIBBPF_COMPAT_LINUX_FILTER_H */
