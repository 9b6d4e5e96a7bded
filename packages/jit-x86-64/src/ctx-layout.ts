// The runtime context block: one read-write page whose address the entry trampoline keeps
// in r12 for the whole run. JIT'd code reads the memory bounds, the may_goto budget and the
// sandbox's region list from it and writes the status of an abnormal end (helper exit
// request, sandbox fault, budget, call depth); the runtime (@bpfkit/runtime) fills it
// before a run and reads it afterwards. It replaces what the kernel keeps in bpf_prog /
// bpf_run_ctx / per-CPU data. Invariants: offsets below 128 are reachable with a disp8 (the
// hot ones: status, memory bounds, budgets); every field is 8-byte aligned; the block is
// CTX_SIZE bytes.

/** rsp of the innermost entry trampoline (where an unwind lands). */
export const CTX_SAVED_RSP = 0;
/** u32 run status (RunStatus); 0 while running normally. */
export const CTX_STATUS = 8;
/** u32 BPF instruction index of the helper/kfunc call in progress. */
export const CTX_CUR_INSN = 12;
/** R0 to return when a helper asked the program to exit (STATUS_EXIT). */
export const CTX_EXIT_VALUE = 16;
/** Return address of the failing check (locates the instruction). */
export const CTX_ERR_SITE = 24;
/** Sandbox fault: the address and the access size (| 0x100 for a write). */
export const CTX_ERR_ADDR = 32;
export const CTX_ERR_SIZE = 40;
/** Input memory: base address and length (R1/R2 at entry; LD_ABS/LD_IND and the sandbox use them). */
export const CTX_MEM_BASE = 48;
export const CTX_MEM_LEN = 56;
/** Code address the entry trampoline calls (function 0 for a run, any function for a callback). */
export const CTX_ENTRY_TARGET = 64;
/** Remaining budget (back edges + calls) when budget checks are compiled in. */
export const CTX_BUDGET = 72;
/** Initial may_goto counter of every frame (BPF_MAX_LOOPS unless configured). */
export const CTX_MAY_GOTO = 80;
/** Sandbox: number of live entries in CTX_RANGES and the limit (regions + MAX_CALL_FRAMES). */
export const CTX_NRANGES = 88;
export const CTX_MAXRANGES = 96;
/** callx: code address of the runtime's helper bridge (callx with a helper id goes there). */
export const CTX_CALLX_BRIDGE = 104;
/** callx: helper id being called (for the bridge). */
export const CTX_CUR_ID = 112;
/** Sandbox fast path: for access sizes 1, 2, 4, 8 the readable/writable limits of the input
 * memory as `len - size + 1` (0 = no access of that size fits). */
export const CTX_MEM_RLIM = 128;
export const CTX_MEM_WLIM = 160;
/** Sandbox: allowed ranges, RANGE_SIZE bytes each: base, readable length, writable length.
 * The runtime writes the input memory and user regions; each prologue appends its frame. */
export const CTX_RANGES = 256;
export const RANGE_SIZE = 32;
export const RANGE_BASE = 0;
export const RANGE_RLEN = 8;
export const RANGE_WLEN = 16;
export const MAX_RANGES = 24;
export const CTX_SIZE = 4096;

/** Index of an access size in the *_LIM arrays. */
export const sizeIndex = (size: number): number => (size === 1 ? 0 : size === 2 ? 1 : size === 4 ? 2 : 3);

/** Why a run ended early (CTX_STATUS). */
export const STATUS_OK = 0;
/** A helper asked to stop (CallContext.exit); R0 = CTX_EXIT_VALUE. */
export const STATUS_EXIT = 1;
/** Sandbox: out-of-bounds access (CTX_ERR_*). */
export const STATUS_MEM_OOB = 2;
/** A helper/kfunc bridge failed (the runtime holds the error). */
export const STATUS_HELPER_ERROR = 3;
/** The budget ran out. */
export const STATUS_BUDGET = 4;
/** Sandbox: too many call frames. */
export const STATUS_CALL_DEPTH = 5;
/** callx to something that is neither a helper id nor a function address. */
export const STATUS_CALLX_TARGET = 6;
/** Execution ran past a function's last instruction. */
export const STATUS_FELL_OFF = 7;
/** Sandbox: an atomic access that is not naturally aligned (CTX_ERR_*). */
export const STATUS_MISALIGNED = 8;

/** Bytes of BPF stack per frame (MAX_BPF_STACK); the sandbox gives every frame all of it. */
export const FRAME_STACK = 512;
