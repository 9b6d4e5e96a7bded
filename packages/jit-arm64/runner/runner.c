/*
 * bpfkit arm64 runner: executes JIT'd arm64 BPF code (built statically with
 * `aarch64-linux-gnu-gcc -static -O2`, run under `qemu-aarch64 -cpu max` on other hosts).
 *
 * stdin carries any number of framed programs (little-endian):
 *   u32 magic 0x41465042 ("BPFA")   u32 code_len   u32 mem_len   u32 entry_offset
 *   u64 may_goto_budget             u8 code[code_len]            u8 mem[mem_len]
 * For each one the runner maps the code read-write, copies it, flips it to read-execute,
 * calls  u64 entry(u64 r1 = mem, u64 r2 = mem_len, 0, 0, 0, struct ctx *x5)  and prints one line:
 *   "ok <r0 hex> <final memory hex>"   or   "fault <reason>"  (SIGSEGV/SIGBUS/SIGILL/timeout)
 * A fault does not end the batch (sigsetjmp/siglongjmp around every program).
 *
 * The context block (x28 inside JIT'd code) matches packages/jit-arm64/src/ctx-layout.ts:
 * mem, mem_len, may_goto budget, then 1024 helper pointers and 1024 kfunc pointers.
 * Helpers 0..5 are the bpf_conformance test helpers (uBPF's test_helpers.h); kfuncs 6, 7, 8
 * and 12 hash their 6/7/8/12 arguments, kfunc 20 returns sp & 15 at the call, kfunc 21 returns
 * its 8th argument (x7).
 */
#define _GNU_SOURCE
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef uint64_t u64;
#define TABLE_ENTRIES 1024
struct ctx {
	u64 mem, mem_len, may_goto, pad[5];
	u64 helpers[TABLE_ENTRIES];
	u64 kfuncs[TABLE_ENTRIES];
};
typedef u64 (*entry_fn)(u64, u64, u64, u64, u64, struct ctx *);

static sigjmp_buf jb;
static volatile sig_atomic_t in_prog;
#define UNWIND_JUMP 0x1000

static void on_signal(int sig, siginfo_t *si, void *uc) {
	(void)si; (void)uc;
	if (in_prog) siglongjmp(jb, sig);
	_exit(128 + sig);
}

/* ---- bpf_conformance helpers (ids 0..5) */
static u64 h_gather_bytes(u64 a, u64 b, u64 c, u64 d, u64 e) {
	return ((a & 0xff) << 32) | ((b & 0xff) << 24) | ((c & 0xff) << 16) | ((d & 0xff) << 8) | (e & 0xff);
}
static u64 h_memfrob(u64 a, u64 n) {
	unsigned char *p = (unsigned char *)a;
	for (u64 i = 0; i < n; i++) p[i] ^= 42;
	return 0;
}
static u64 h_no_op(void) { return 0; }
static u64 h_sqrti(u64 a) { return (u64)floor(sqrt((double)a)); }
static u64 h_strcmp_ext(u64 a, u64 b) {
	const unsigned char *s1 = (const unsigned char *)a, *s2 = (const unsigned char *)b;
	while (*s1 && *s1 == *s2) s1++, s2++;
	return (u64)(int64_t)((int)*s1 - (int)*s2);
}
static u64 h_unwind(u64 a) {
	if (a == 0) siglongjmp(jb, UNWIND_JUMP);
	return a;
}

/* ---- test kfuncs: h = h * 31 + arg_k over all arguments (mod 2^64) */
#define H(x) h = h * 31 + (x)
static u64 kf_hash6(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6) {
	u64 h = 0; H(a1); H(a2); H(a3); H(a4); H(a5); H(a6); return h;
}
static u64 kf_hash7(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7) {
	u64 h = 0; H(a1); H(a2); H(a3); H(a4); H(a5); H(a6); H(a7); return h;
}
static u64 kf_hash8(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7, u64 a8) {
	u64 h = 0; H(a1); H(a2); H(a3); H(a4); H(a5); H(a6); H(a7); H(a8); return h;
}
static u64 kf_hash12(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7, u64 a8, u64 a9, u64 a10, u64 a11, u64 a12) {
	u64 h = 0; H(a1); H(a2); H(a3); H(a4); H(a5); H(a6); H(a7); H(a8); H(a9); H(a10); H(a11); H(a12); return h;
}
static u64 kf_sp_align(void) {
	u64 sp;
	__asm__ volatile("mov %0, sp" : "=r"(sp));
	return sp & 15;
}
/* Returns what arrived in x7 (the 8th argument register), read directly. */
u64 kf_x7(void);
__asm__(".text\n.global kf_x7\n.type kf_x7, %function\nkf_x7:\n\tmov x0, x7\n\tret\n");

static int read_full(void *buf, size_t n) {
	unsigned char *p = buf;
	while (n > 0) {
		ssize_t r = read(0, p, n);
		if (r <= 0) return -1;
		p += r, n -= (size_t)r;
	}
	return 0;
}

int main(void) {
	static struct ctx ctx;
	static char altstack[1 << 16];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
	sigaltstack(&ss, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGTRAP, &sa, NULL);
	ctx.helpers[0] = (u64)h_gather_bytes;
	ctx.helpers[1] = (u64)h_memfrob;
	ctx.helpers[2] = (u64)h_no_op;
	ctx.helpers[3] = (u64)h_sqrti;
	ctx.helpers[4] = (u64)h_strcmp_ext;
	ctx.helpers[5] = (u64)h_unwind;
	ctx.kfuncs[6] = (u64)kf_hash6;
	ctx.kfuncs[7] = (u64)kf_hash7;
	ctx.kfuncs[8] = (u64)kf_hash8;
	ctx.kfuncs[12] = (u64)kf_hash12;
	ctx.kfuncs[20] = (u64)kf_sp_align;
	ctx.kfuncs[21] = (u64)kf_x7;
	long page = sysconf(_SC_PAGESIZE);
	for (;;) {
		uint32_t hdr[4];
		u64 budget;
		if (read_full(hdr, sizeof hdr) != 0 || hdr[0] != 0x41465042u) break;
		if (read_full(&budget, sizeof budget) != 0) break;
		uint32_t code_len = hdr[1], mem_len = hdr[2], entry = hdr[3];
		size_t map_len = ((size_t)code_len + (size_t)page - 1) & ~((size_t)page - 1);
		unsigned char *code = mmap(NULL, map_len ? map_len : (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		unsigned char *mem = malloc(mem_len ? mem_len : 1);
		if (code == MAP_FAILED || !mem || read_full(code, code_len) != 0 || read_full(mem, mem_len) != 0) {
			fprintf(stderr, "runner: short input\n");
			return 2;
		}
		mprotect(code, map_len ? map_len : (size_t)page, PROT_READ | PROT_EXEC);
		__builtin___clear_cache((char *)code, (char *)code + code_len);
		ctx.mem = (u64)mem;
		ctx.mem_len = mem_len;
		ctx.may_goto = budget;
		u64 r0 = 0;
		int sig = sigsetjmp(jb, 1);
		if (sig == 0) {
			in_prog = 1;
			alarm(10);
			r0 = ((entry_fn)(code + entry))((u64)mem, mem_len, 0, 0, 0, &ctx);
			alarm(0);
			in_prog = 0;
		} else {
			alarm(0);
			in_prog = 0;
		}
		if (sig == 0 || sig == UNWIND_JUMP) {
			printf("ok %llx ", (unsigned long long)r0);
			for (uint32_t i = 0; i < mem_len; i++) printf("%02x", mem[i]);
			printf("\n");
		} else {
			printf("fault %s\n", sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" : sig == SIGILL ? "SIGILL" : sig == SIGALRM ? "timeout" : "signal");
		}
		munmap(code, map_len ? map_len : (size_t)page);
		free(mem);
	}
	fflush(stdout);
	return 0;
}
