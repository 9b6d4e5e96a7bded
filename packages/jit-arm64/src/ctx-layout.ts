// The runtime context block that x28 points at while JIT'd arm64 code runs (passed as the
// sixth argument of the entry trampoline). The qemu runner (runner/runner.c) fills it; any other
// runtime must lay it out the same way. All fields are u64.
/** Input memory base (LD_ABS/LD_IND read the packet here). */
export const CTX_MEM = 0;
/** Input memory length in bytes. */
export const CTX_MEM_LEN = 8;
/** may_goto budget each function activation starts with. */
export const CTX_MAY_GOTO = 16;
/** Helper table: CTX_HELPERS + 8 * id (ids below TABLE_ENTRIES). */
export const CTX_HELPERS = 64;
/** Entries per table. */
export const TABLE_ENTRIES = 1024;
/** Kfunc table: CTX_KFUNCS + 8 * btf_id (ids below TABLE_ENTRIES). */
export const CTX_KFUNCS = CTX_HELPERS + 8 * TABLE_ENTRIES;
/** Total size of the block. */
export const CTX_SIZE = CTX_KFUNCS + 8 * TABLE_ENTRIES;
