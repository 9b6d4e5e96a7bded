// CodeBuffer: little-endian emitters, growth past the initial capacity, patching, and the
// listing notes that exist only when recording.
import { describe, expect, test } from '@jest/globals';
import { CodeBuffer, isImm32, isImm8 } from './code-buffer.js';

describe('CodeBuffer', () => {
  test('emits little-endian bytes, words, dwords and qwords', () => {
    const b = new CodeBuffer(16);
    b.byte(0x1ff);
    b.u16(0xbeef);
    b.u32(-2);
    b.u64(0x01020304, 0x05060708);
    b.bytes([9, 10]);
    expect([...b.finish()]).toEqual([0xff, 0xef, 0xbe, 0xfe, 0xff, 0xff, 0xff, 4, 3, 2, 1, 8, 7, 6, 5, 9, 10]);
  });

  test('grows far past its initial capacity and keeps the contents', () => {
    const b = new CodeBuffer(16);
    for (let i = 0; i < 100_000; i++) b.byte(i);
    const out = b.finish();
    expect(out.length).toBe(100_000);
    expect(out[99_999]).toBe(99_999 & 0xff);
    expect(out[12_345]).toBe(12_345 & 0xff);
  });

  test('patches in place; reset forgets contents; finish copies', () => {
    const b = new CodeBuffer();
    b.u32(0);
    b.byte(0);
    b.patch32(0, 0x11223344);
    b.patch8(4, 0x55);
    const first = b.finish();
    expect([...first]).toEqual([0x44, 0x33, 0x22, 0x11, 0x55]);
    b.reset();
    expect(b.pos).toBe(0);
    b.byte(7);
    expect([...b.finish()]).toEqual([7]);
    expect([...first]).toEqual([0x44, 0x33, 0x22, 0x11, 0x55]);
  });

  test('notes are recorded only while recording', () => {
    const b = new CodeBuffer();
    b.note(0, 'nop');
    expect(b.notes).toBeNull();
    b.reset(true);
    b.note(0, 'jmp\t{T}', 12);
    b.note(2, 'ret');
    expect(b.notes).toEqual({ offsets: [0, 2], texts: ['jmp\t{T}', 'ret'], targets: [12, -1] });
  });

  test('immediate range predicates', () => {
    expect([isImm8(127), isImm8(128), isImm8(-128), isImm8(-129)]).toEqual([true, false, true, false]);
    expect([isImm32(0x7fffffff), isImm32(0x80000000), isImm32(-0x80000000), isImm32(-0x80000001)]).toEqual([true, false, true, false]);
  });
});
