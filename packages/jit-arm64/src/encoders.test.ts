// Encoder table: one row per A64 form — the call, the word it returns, the assembly text.
// Every word is disassembled by llvm-mc-14 in one batched call and must give the expected
// text; the encoder's own text function (what the listing prints) must give it too.
import { beforeAll, describe, expect, test } from '@jest/globals';
import * as E from './encoders.js';
import { disassemble, normalizeAsm, requireLlvmMc } from './test-support/llvm-mc.js';

type Row = readonly [call: string, word: number, text: string, asm: string];
const bm = (v: bigint, sf: boolean): E.BitmaskImm => E.encodeBitmaskImm(v, sf)!;

const rows: Row[] = [
  ['addSubImm add', E.addSubImm(true, false, false, 0, 1, 4), E.addSubImmText(true, false, false, 0, 1, 4), 'add x0, x1, #4'],
  ['addSubImm add lsl12 w', E.addSubImm(false, false, false, 0, 1, 4095, true), E.addSubImmText(false, false, false, 0, 1, 4095, true), 'add w0, w1, #4095, lsl #12'],
  ['addSubImm sub sp', E.addSubImm(true, true, false, 31, 31, 32), E.addSubImmText(true, true, false, 31, 31, 32), 'sub sp, sp, #32'],
  ['addSubImm mov sp', E.addSubImm(true, false, false, 29, 31, 0), E.addSubImmText(true, false, false, 29, 31, 0), 'mov x29, sp'],
  ['addSubImm cmp', E.addSubImm(true, true, true, 31, 1, 5), E.addSubImmText(true, true, true, 31, 1, 5), 'cmp x1, #5'],
  ['addSubImm cmn w', E.addSubImm(false, false, true, 31, 1, 5), E.addSubImmText(false, false, true, 31, 1, 5), 'cmn w1, #5'],
  ['addSubReg add', E.addSubReg(true, false, false, 0, 1, 2), E.addSubRegText(true, false, false, 0, 1, 2), 'add x0, x1, x2'],
  ['addSubReg sub lsl', E.addSubReg(true, true, false, 0, 1, 2, E.SHIFT_LSL, 3), E.addSubRegText(true, true, false, 0, 1, 2, E.SHIFT_LSL, 3), 'sub x0, x1, x2, lsl #3'],
  ['addSubReg cmp w', E.addSubReg(false, true, true, 31, 1, 2), E.addSubRegText(false, true, true, 31, 1, 2), 'cmp w1, w2'],
  ['addSubReg neg', E.addSubReg(true, true, false, 8, 31, 8), E.addSubRegText(true, true, false, 8, 31, 8), 'neg x8, x8'],
  ['addSubReg neg w', E.addSubReg(false, true, false, 0, 31, 1), E.addSubRegText(false, true, false, 0, 31, 1), 'neg w0, w1'],
  ['logicalReg orr', E.logicalReg(true, E.LOG_ORR, 0, 1, 2), E.logicalRegText(true, E.LOG_ORR, 0, 1, 2), 'orr x0, x1, x2'],
  ['logicalReg mov', E.movReg(true, 8, 0), E.logicalRegText(true, E.LOG_ORR, 8, 31, 0), 'mov x8, x0'],
  ['logicalReg mov w', E.movReg(false, 0, 1), E.logicalRegText(false, E.LOG_ORR, 0, 31, 1), 'mov w0, w1'],
  ['logicalReg and w', E.logicalReg(false, E.LOG_AND, 0, 1, 2), E.logicalRegText(false, E.LOG_AND, 0, 1, 2), 'and w0, w1, w2'],
  ['logicalReg eor', E.logicalReg(true, E.LOG_EOR, 19, 20, 21), E.logicalRegText(true, E.LOG_EOR, 19, 20, 21), 'eor x19, x20, x21'],
  ['logicalReg tst', E.logicalReg(true, E.LOG_ANDS, 31, 1, 2), E.logicalRegText(true, E.LOG_ANDS, 31, 1, 2), 'tst x1, x2'],
  ['logicalReg mvn', E.logicalReg(true, E.LOG_ORR, 9, 31, 1, true), E.logicalRegText(true, E.LOG_ORR, 9, 31, 1, true), 'mvn x9, x1'],
  ['logicalReg bic', E.logicalReg(true, E.LOG_AND, 0, 1, 2, true), E.logicalRegText(true, E.LOG_AND, 0, 1, 2, true), 'bic x0, x1, x2'],
  ['logicalImm and', E.logicalImm(true, E.LOG_AND, 0, 1, bm(0xffn, true)), E.logicalImmText(true, E.LOG_AND, 0, 1, bm(0xffn, true)), 'and x0, x1, #0xff'],
  ['logicalImm orr w', E.logicalImm(false, E.LOG_ORR, 0, 1, bm(0xf0f0f0f0n, false)), E.logicalImmText(false, E.LOG_ORR, 0, 1, bm(0xf0f0f0f0n, false)), 'orr w0, w1, #0xf0f0f0f0'],
  ['logicalImm eor', E.logicalImm(true, E.LOG_EOR, 2, 2, bm(0xfffffffffffffffen, true)), E.logicalImmText(true, E.LOG_EOR, 2, 2, bm(0xfffffffffffffffen, true)), 'eor x2, x2, #0xfffffffffffffffe'],
  ['logicalImm tst', E.logicalImm(true, E.LOG_ANDS, 31, 1, bm(1n, true)), E.logicalImmText(true, E.LOG_ANDS, 31, 1, bm(1n, true)), 'tst x1, #0x1'],
  ['logicalImm mov (orr zr)', E.logicalImm(true, E.LOG_ORR, 0, 31, bm(0xff00ff00ff00ff00n, true)), E.logicalImmText(true, E.LOG_ORR, 0, 31, bm(0xff00ff00ff00ff00n, true)), 'mov x0, #-71777214294589696'],
  ['moveWide movz', E.moveWide(true, E.MOVZ, 8, 1, 0), E.moveWideText(true, E.MOVZ, 8, 1, 0), 'mov x8, #1'],
  ['moveWide movz lsl16', E.moveWide(true, E.MOVZ, 8, 0x1234, 1), E.moveWideText(true, E.MOVZ, 8, 0x1234, 1), 'mov x8, #305397760'],
  ['moveWide movz 0 lsl16', E.moveWide(true, E.MOVZ, 8, 0, 1), E.moveWideText(true, E.MOVZ, 8, 0, 1), 'movz x8, #0, lsl #16'],
  ['moveWide movz hw3', E.moveWide(true, E.MOVZ, 8, 0x8000, 3), E.moveWideText(true, E.MOVZ, 8, 0x8000, 3), 'mov x8, #-9223372036854775808'],
  ['moveWide movk', E.moveWide(true, E.MOVK, 8, 0x1234, 1), E.moveWideText(true, E.MOVK, 8, 0x1234, 1), 'movk x8, #4660, lsl #16'],
  ['moveWide movk w', E.moveWide(false, E.MOVK, 3, 7, 0), E.moveWideText(false, E.MOVK, 3, 7, 0), 'movk w3, #7'],
  ['moveWide movn', E.moveWide(true, E.MOVN, 8, 0, 0), E.moveWideText(true, E.MOVN, 8, 0, 0), 'mov x8, #-1'],
  ['moveWide movn w', E.moveWide(false, E.MOVN, 8, 5, 0), E.moveWideText(false, E.MOVN, 8, 5, 0), 'mov w8, #-6'],
  ['moveWide movn w ffff', E.moveWide(false, E.MOVN, 8, 0xffff, 0), E.moveWideText(false, E.MOVN, 8, 0xffff, 0), 'movn w8, #65535'],
  ['moveWide movn lsl16', E.moveWide(true, E.MOVN, 8, 0x1234, 1), E.moveWideText(true, E.MOVN, 8, 0x1234, 1), 'mov x8, #-305397761'],
  ['dataProc2 udiv', E.dataProc2(true, E.DP2_UDIV, 0, 1, 2), E.dataProc2Text(true, E.DP2_UDIV, 0, 1, 2), 'udiv x0, x1, x2'],
  ['dataProc2 sdiv w', E.dataProc2(false, E.DP2_SDIV, 0, 1, 2), E.dataProc2Text(false, E.DP2_SDIV, 0, 1, 2), 'sdiv w0, w1, w2'],
  ['dataProc2 lslv', E.dataProc2(true, E.DP2_LSLV, 0, 1, 2), E.dataProc2Text(true, E.DP2_LSLV, 0, 1, 2), 'lsl x0, x1, x2'],
  ['dataProc2 lsrv w', E.dataProc2(false, E.DP2_LSRV, 0, 1, 2), E.dataProc2Text(false, E.DP2_LSRV, 0, 1, 2), 'lsr w0, w1, w2'],
  ['dataProc2 asrv', E.dataProc2(true, E.DP2_ASRV, 0, 1, 2), E.dataProc2Text(true, E.DP2_ASRV, 0, 1, 2), 'asr x0, x1, x2'],
  ['mulAdd mul', E.mulAdd(true, false, 0, 1, 2, 31), E.mulAddText(true, false, 0, 1, 2, 31), 'mul x0, x1, x2'],
  ['mulAdd madd', E.mulAdd(true, false, 0, 1, 2, 3), E.mulAddText(true, false, 0, 1, 2, 3), 'madd x0, x1, x2, x3'],
  ['mulAdd msub w', E.mulAdd(false, true, 0, 1, 2, 3), E.mulAddText(false, true, 0, 1, 2, 3), 'msub w0, w1, w2, w3'],
  ['rev rev16', E.rev(false, E.REV16, 0, 1), E.revText(false, E.REV16, 0, 1), 'rev16 w0, w1'],
  ['rev rev w', E.rev(false, E.REV32, 0, 1), E.revText(false, E.REV32, 0, 1), 'rev w0, w1'],
  ['rev rev x', E.rev(true, E.REV64, 0, 1), E.revText(true, E.REV64, 0, 1), 'rev x0, x1'],
  ['lslImm', E.lslImm(true, 0, 1, 3), E.shiftImmText('lsl', true, 0, 1, 3), 'lsl x0, x1, #3'],
  ['lslImm w', E.lslImm(false, 0, 1, 31), E.shiftImmText('lsl', false, 0, 1, 31), 'lsl w0, w1, #31'],
  ['lsrImm w', E.lsrImm(false, 0, 1, 3), E.shiftImmText('lsr', false, 0, 1, 3), 'lsr w0, w1, #3'],
  ['asrImm', E.asrImm(true, 0, 1, 63), E.shiftImmText('asr', true, 0, 1, 63), 'asr x0, x1, #63'],
  ['uxt h', E.uxt(16, 0, 1), E.uxtText(16, 0, 1), 'uxth w0, w1'],
  ['uxt b', E.uxt(8, 0, 1), E.uxtText(8, 0, 1), 'uxtb w0, w1'],
  ['sxt b x', E.sxt(true, 8, 0, 1), E.sxtText(true, 8, 0, 1), 'sxtb x0, w1'],
  ['sxt h x', E.sxt(true, 16, 0, 1), E.sxtText(true, 16, 0, 1), 'sxth x0, w1'],
  ['sxt w x', E.sxt(true, 32, 0, 1), E.sxtText(true, 32, 0, 1), 'sxtw x0, w1'],
  ['sxt b w', E.sxt(false, 8, 0, 1), E.sxtText(false, 8, 0, 1), 'sxtb w0, w1'],
  ['sxt h w', E.sxt(false, 16, 0, 1), E.sxtText(false, 16, 0, 1), 'sxth w0, w1'],
  ['ldstImm ldr x', E.ldstImm(3, E.LS_LOAD, 0, 1, 8), E.ldstImmText(3, E.LS_LOAD, 0, 1, 8), 'ldr x0, [x1, #8]'],
  ['ldstImm ldr w', E.ldstImm(2, E.LS_LOAD, 0, 1, 4), E.ldstImmText(2, E.LS_LOAD, 0, 1, 4), 'ldr w0, [x1, #4]'],
  ['ldstImm ldrh', E.ldstImm(1, E.LS_LOAD, 0, 1, 2), E.ldstImmText(1, E.LS_LOAD, 0, 1, 2), 'ldrh w0, [x1, #2]'],
  ['ldstImm ldrb', E.ldstImm(0, E.LS_LOAD, 0, 1, 1), E.ldstImmText(0, E.LS_LOAD, 0, 1, 1), 'ldrb w0, [x1, #1]'],
  ['ldstImm ldr 0', E.ldstImm(3, E.LS_LOAD, 0, 1, 0), E.ldstImmText(3, E.LS_LOAD, 0, 1, 0), 'ldr x0, [x1]'],
  ['ldstImm ldr sp', E.ldstImm(3, E.LS_LOAD, 9, 31, 16), E.ldstImmText(3, E.LS_LOAD, 9, 31, 16), 'ldr x9, [sp, #16]'],
  ['ldstImm ldrsb', E.ldstImm(0, E.LS_LOAD_SX, 0, 1, 1), E.ldstImmText(0, E.LS_LOAD_SX, 0, 1, 1), 'ldrsb x0, [x1, #1]'],
  ['ldstImm ldrsh', E.ldstImm(1, E.LS_LOAD_SX, 0, 1, 2), E.ldstImmText(1, E.LS_LOAD_SX, 0, 1, 2), 'ldrsh x0, [x1, #2]'],
  ['ldstImm ldrsw', E.ldstImm(2, E.LS_LOAD_SX, 0, 1, 4), E.ldstImmText(2, E.LS_LOAD_SX, 0, 1, 4), 'ldrsw x0, [x1, #4]'],
  ['ldstImm str', E.ldstImm(3, E.LS_STORE, 0, 1, 32760), E.ldstImmText(3, E.LS_STORE, 0, 1, 32760), 'str x0, [x1, #32760]'],
  ['ldstImm strb', E.ldstImm(0, E.LS_STORE, 0, 1, 0), E.ldstImmText(0, E.LS_STORE, 0, 1, 0), 'strb w0, [x1]'],
  ['ldstImm strh', E.ldstImm(1, E.LS_STORE, 2, 3, 6), E.ldstImmText(1, E.LS_STORE, 2, 3, 6), 'strh w2, [x3, #6]'],
  ['ldstUnscaled ldur', E.ldstUnscaled(3, E.LS_LOAD, 0, 25, -8), E.ldstUnscaledText(3, E.LS_LOAD, 0, 25, -8), 'ldur x0, [x25, #-8]'],
  ['ldstUnscaled ldur w', E.ldstUnscaled(2, E.LS_LOAD, 0, 25, -4), E.ldstUnscaledText(2, E.LS_LOAD, 0, 25, -4), 'ldur w0, [x25, #-4]'],
  ['ldstUnscaled ldurb', E.ldstUnscaled(0, E.LS_LOAD, 0, 25, -256), E.ldstUnscaledText(0, E.LS_LOAD, 0, 25, -256), 'ldurb w0, [x25, #-256]'],
  ['ldstUnscaled ldursw', E.ldstUnscaled(2, E.LS_LOAD_SX, 0, 1, -4), E.ldstUnscaledText(2, E.LS_LOAD_SX, 0, 1, -4), 'ldursw x0, [x1, #-4]'],
  ['ldstUnscaled ldursh', E.ldstUnscaled(1, E.LS_LOAD_SX, 0, 1, 3), E.ldstUnscaledText(1, E.LS_LOAD_SX, 0, 1, 3), 'ldursh x0, [x1, #3]'],
  ['ldstUnscaled sturh', E.ldstUnscaled(1, E.LS_STORE, 0, 25, -2), E.ldstUnscaledText(1, E.LS_STORE, 0, 25, -2), 'sturh w0, [x25, #-2]'],
  ['ldstUnscaled stur', E.ldstUnscaled(3, E.LS_STORE, 0, 25, 255), E.ldstUnscaledText(3, E.LS_STORE, 0, 25, 255), 'stur x0, [x25, #255]'],
  ['ldstReg ldr', E.ldstReg(3, E.LS_LOAD, 0, 1, 10), E.ldstRegText(3, E.LS_LOAD, 0, 1, 10), 'ldr x0, [x1, x10]'],
  ['ldstReg ldrsw', E.ldstReg(2, E.LS_LOAD_SX, 0, 1, 10), E.ldstRegText(2, E.LS_LOAD_SX, 0, 1, 10), 'ldrsw x0, [x1, x10]'],
  ['ldstReg ldrb', E.ldstReg(0, E.LS_LOAD, 0, 1, 10), E.ldstRegText(0, E.LS_LOAD, 0, 1, 10), 'ldrb w0, [x1, x10]'],
  ['ldstReg str w', E.ldstReg(2, E.LS_STORE, 0, 1, 10), E.ldstRegText(2, E.LS_STORE, 0, 1, 10), 'str w0, [x1, x10]'],
  ['ldstReg strh', E.ldstReg(1, E.LS_STORE, 0, 25, 10), E.ldstRegText(1, E.LS_STORE, 0, 25, 10), 'strh w0, [x25, x10]'],
  ['ldstPair stp pre', E.ldstPair(false, true, 29, 30, 31, -16), E.ldstPairText(false, true, 29, 30, 31, -16), 'stp x29, x30, [sp, #-16]!'],
  ['ldstPair ldp post', E.ldstPair(true, false, 29, 30, 31, 16), E.ldstPairText(true, false, 29, 30, 31, 16), 'ldp x29, x30, [sp], #16'],
  ['ldstPair stp xzr', E.ldstPair(false, true, 19, 31, 31, -16), E.ldstPairText(false, true, 19, 31, 31, -16), 'stp x19, xzr, [sp, #-16]!'],
  ['lseOp ldaddal', E.lseOp(3, E.AT_ADD, true, true, 1, 1, 10), E.lseOpText(3, E.AT_ADD, true, true, 1, 1, 10), 'ldaddal x1, x1, [x10]'],
  ['lseOp stadd', E.lseOp(3, E.AT_ADD, false, false, 1, 31, 10), E.lseOpText(3, E.AT_ADD, false, false, 1, 31, 10), 'stadd x1, [x10]'],
  ['lseOp stclr w', E.lseOp(2, E.AT_CLR, false, false, 9, 31, 10), E.lseOpText(2, E.AT_CLR, false, false, 9, 31, 10), 'stclr w9, [x10]'],
  ['lseOp ldclral', E.lseOp(3, E.AT_CLR, true, true, 9, 1, 10), E.lseOpText(3, E.AT_CLR, true, true, 9, 1, 10), 'ldclral x9, x1, [x10]'],
  ['lseOp ldsetal w', E.lseOp(2, E.AT_SET, true, true, 1, 1, 10), E.lseOpText(2, E.AT_SET, true, true, 1, 1, 10), 'ldsetal w1, w1, [x10]'],
  ['lseOp steor', E.lseOp(3, E.AT_EOR, false, false, 2, 31, 10), E.lseOpText(3, E.AT_EOR, false, false, 2, 31, 10), 'steor x2, [x10]'],
  ['lseOp ldeoral', E.lseOp(3, E.AT_EOR, true, true, 1, 1, 10), E.lseOpText(3, E.AT_EOR, true, true, 1, 1, 10), 'ldeoral x1, x1, [x10]'],
  ['swpal', E.swpal(3, 1, 1, 10), E.swpalText(3, 1, 1, 10), 'swpal x1, x1, [x10]'],
  ['swpal w', E.swpal(2, 1, 1, 10), E.swpalText(2, 1, 1, 10), 'swpal w1, w1, [x10]'],
  ['casal', E.casal(3, 9, 1, 10), E.casalText(3, 9, 1, 10), 'casal x9, x1, [x10]'],
  ['casal w', E.casal(2, 9, 1, 10), E.casalText(2, 9, 1, 10), 'casal w9, w1, [x10]'],
  ['ldarStlr ldar', E.ldarStlr(true, 3, 0, 10), E.ldarStlrText(true, 3, 0, 10), 'ldar x0, [x10]'],
  ['ldarStlr ldar w', E.ldarStlr(true, 2, 0, 10), E.ldarStlrText(true, 2, 0, 10), 'ldar w0, [x10]'],
  ['ldarStlr ldarb', E.ldarStlr(true, 0, 0, 10), E.ldarStlrText(true, 0, 0, 10), 'ldarb w0, [x10]'],
  ['ldarStlr ldarh', E.ldarStlr(true, 1, 0, 10), E.ldarStlrText(true, 1, 0, 10), 'ldarh w0, [x10]'],
  ['ldarStlr stlr', E.ldarStlr(false, 3, 0, 10), E.ldarStlrText(false, 3, 0, 10), 'stlr x0, [x10]'],
  ['ldarStlr stlrb', E.ldarStlr(false, 0, 0, 10), E.ldarStlrText(false, 0, 0, 10), 'stlrb w0, [x10]'],
  ['ldarStlr stlrh', E.ldarStlr(false, 1, 0, 10), E.ldarStlrText(false, 1, 0, 10), 'stlrh w0, [x10]'],
  ['b', E.b(8), E.bText('#8'), 'b #8'],
  ['b back', E.b(-8), E.bText('#-8'), 'b #-8'],
  ['b max', E.b(2 ** 27 - 4), E.bText(`#${2 ** 27 - 4}`), `b #${2 ** 27 - 4}`],
  ['bl', E.bl(16), E.blText('#16'), 'bl #16'],
  ['bCond eq', E.bCond(E.A64_COND.EQ, 8), E.bCondText(E.A64_COND.EQ, '#8'), 'b.eq #8'],
  ['bCond ne back', E.bCond(E.A64_COND.NE, -4), E.bCondText(E.A64_COND.NE, '#-4'), 'b.ne #-4'],
  ['bCond hi', E.bCond(E.A64_COND.HI, 8), E.bCondText(E.A64_COND.HI, '#8'), 'b.hi #8'],
  ['bCond le max', E.bCond(E.A64_COND.LE, (1 << 20) - 4), E.bCondText(E.A64_COND.LE, `#${(1 << 20) - 4}`), `b.le #${(1 << 20) - 4}`],
  ['cbz', E.cbz(true, false, 0, 8), E.cbzText(true, false, 0, '#8'), 'cbz x0, #8'],
  ['cbnz w', E.cbz(false, true, 0, 8), E.cbzText(false, true, 0, '#8'), 'cbnz w0, #8'],
  ['br', E.br(9), E.brText(9), 'br x9'],
  ['blr', E.blr(9), E.blrText(9), 'blr x9'],
  ['ret', E.ret(), E.retText(), 'ret'],
  ['adr', E.adr(0, 8), E.adrText(0, '#8'), 'adr x0, #8'],
  ['adr back', E.adr(3, -12), E.adrText(3, '#-12'), 'adr x3, #-12'],
  ['nop', E.NOP, 'nop', 'nop'],
];

describe('A64 encoders vs llvm-mc', () => {
  let llvm: string[] = [];
  beforeAll(() => {
    requireLlvmMc();
    llvm = disassemble(rows.map((r) => r[1]));
  }, 180_000);

  test('every row disassembles to its assembly text', () => {
    const bad = rows.map((r, k) => [r[0], `0x${r[1].toString(16).padStart(8, '0')}`, llvm[k], r[3]] as const).filter((r) => r[2] !== r[3]);
    expect(bad).toEqual([]);
  });

  test("every encoder's own text (the listing) matches", () => {
    const bad = rows.filter((r) => normalizeAsm(r[2]) !== r[3]).map((r) => [r[0], normalizeAsm(r[2]), r[3]]);
    expect(bad).toEqual([]);
  });

  test('out-of-range immediates and displacements are BpfErrors', () => {
    expect(() => E.addSubImm(true, false, false, 0, 1, 4096)).toThrow(expect.objectContaining({ code: 'JIT_RANGE' }));
    expect(() => E.bCond(0, 1 << 20)).toThrow(expect.objectContaining({ code: 'JIT_RANGE' }));
    expect(() => E.cbz(true, false, 0, -(1 << 20) - 4)).toThrow(expect.objectContaining({ code: 'JIT_RANGE' }));
    expect(() => E.b(2 ** 27)).toThrow(expect.objectContaining({ code: 'JIT_RANGE' }));
    expect(() => E.ldstImm(3, 1, 0, 1, 4)).toThrow(expect.objectContaining({ code: 'JIT_RANGE' }));
    expect(() => E.ldstUnscaled(3, 1, 0, 1, 256)).toThrow(expect.objectContaining({ code: 'JIT_RANGE' }));
  });
});

describe('bitmask immediates', () => {
  const all = (sf: boolean): Map<bigint, number> => {
    const vals = new Map<bigint, number>();
    for (let n = 0; n < (sf ? 2 : 1); n++)
      for (let immr = 0; immr < 64; immr++)
        for (let imms = 0; imms < 64; imms++) {
          if (!sf && immr > 31) continue;
          const v = E.decodeBitmaskImm(n, immr, imms, sf);
          if (v !== null) vals.set(v, (n << 12) | (immr << 6) | imms);
        }
    return vals;
  };

  test('the encoder round-trips all 5,334 valid 64-bit patterns', () => {
    const vals = all(true);
    expect(vals.size).toBe(5334);
    for (const v of vals.keys()) {
      const e = E.encodeBitmaskImm(v, true);
      expect([v, e === null ? null : E.decodeBitmaskImm(e.n, e.immr, e.imms, true)]).toEqual([v, v]);
    }
  });

  test('the encoder round-trips all 1,302 valid 32-bit patterns and rejects non-patterns', () => {
    const vals = all(false);
    expect(vals.size).toBe(1302);
    for (const v of vals.keys()) {
      const e = E.encodeBitmaskImm(v, false)!;
      expect(E.decodeBitmaskImm(e.n, e.immr, e.imms, false)).toBe(v);
    }
    for (const v of [0n, -1n, 0x12345678n, 5n]) expect(E.encodeBitmaskImm(v, true)).toBeNull();
    expect(E.encodeBitmaskImm(0xffffffffn, false)).toBeNull();
  });

  test('the fast 32-bit-halves encoder agrees with the reference one on every pattern and on non-patterns', () => {
    const pack = (e: E.BitmaskImm | null): number => (e === null ? -1 : (e.n << 12) | (e.immr << 6) | e.imms);
    const split = (v: bigint): [number, number] => [Number(v & 0xffffffffn), Number(v >> 32n)];
    for (const v of all(true).keys()) expect([v, E.encodeBitmaskImm32x2(...split(v), true)]).toEqual([v, pack(E.encodeBitmaskImm(v, true))]);
    for (const v of all(false).keys()) expect([v, E.encodeBitmaskImm32x2(Number(v), 0, false)]).toEqual([v, pack(E.encodeBitmaskImm(v, false))]);
    let s = 12345;
    for (let k = 0; k < 20000; k++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const lo = s;
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const hi = k % 3 === 0 ? lo : k % 3 === 1 ? 0 : s;
      const v = (BigInt(hi) << 32n) | BigInt(lo);
      expect([v, E.encodeBitmaskImm32x2(lo, hi, true)]).toEqual([v, pack(E.encodeBitmaskImm(v, true))]);
      expect([lo, E.encodeBitmaskImm32x2(lo, 0, false)]).toEqual([lo, pack(E.encodeBitmaskImm(BigInt(lo), false))]);
    }
  });

  test('a sample of encoded patterns agrees with llvm-mc', () => {
    const vals = [...all(true).keys()].filter((_, k) => k % 97 === 0);
    const words = vals.map((v) => E.logicalImm(true, E.LOG_AND, 0, 1, E.encodeBitmaskImm(v, true)!));
    const got = disassemble(words);
    expect(got).toEqual(vals.map((v) => `and x0, x1, #0x${v.toString(16)}`));
  });
});
