import { describe, expect, test } from '@jest/globals';
import { BpfError } from '@bpfkit/ir';
import { parseKernel } from '@bpfkit/asm';
import { interpret } from './index.js';
import { ObjectHost, BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_HASH } from './object-host.js';

const u32 = (n: number): Uint8Array => new Uint8Array(new Uint32Array([n]).buffer);
const u64 = (b: Uint8Array | undefined): bigint => (b === undefined ? -1n : new DataView(b.buffer, b.byteOffset).getBigUint64(0, true));

const run = (src: string, host: ObjectHost, mem = new Uint8Array(0)) =>
  interpret(parseKernel(src), { mem, helpers: host.helpers, regions: host.regions, ldImm64: host.ldImm64 }).r0;

// counts[key] += 1 for key = first mem byte; returns the new count (or 99 when the lookup fails).
const COUNTER = `
  r6 = r1
  r2 = *(u8 *)(r6 +0)
  *(u32 *)(r10 -4) = r2
  r1 = map[id:0]
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem#1
  if r0 == 0x0 goto miss
  r1 = 1
  lock *(u64 *)(r0 +0) += r1
  r0 = *(u64 *)(r0 +0)
  exit
miss:
  r0 = 99
  exit
`;

describe('ObjectHost', () => {
  test('array map: lookups return value pointers the program can update in place', () => {
    const host = new ObjectHost([{ name: 'counts', type: BPF_MAP_TYPE_ARRAY, keySize: 4, valueSize: 8, maxEntries: 4 }]);
    expect(run(COUNTER, host, Uint8Array.of(2))).toBe(1n);
    expect(run(COUNTER, host, Uint8Array.of(2))).toBe(2n);
    expect(run(COUNTER, host, Uint8Array.of(3))).toBe(1n);
    expect(run(COUNTER, host, Uint8Array.of(4))).toBe(99n); // out of range: NULL
    expect(u64(host.lookup('counts', u32(2)))).toBe(2n);
    expect(u64(host.lookup('counts', u32(0)))).toBe(0n);
    expect(host.lookup('counts', u32(4))).toBeUndefined();
  });

  test('hash map: update with flags, lookup, delete, full map', () => {
    const host = new ObjectHost([{ name: 'h', type: BPF_MAP_TYPE_HASH, keySize: 4, valueSize: 8, maxEntries: 2 }]);
    // update(key = mem[0], value = 7, flags = mem[1]); returns the helper's result.
    const update = `
      r2 = *(u8 *)(r1 +0)
      r4 = *(u8 *)(r1 +1)
      *(u32 *)(r10 -4) = r2
      *(u64 *)(r10 -16) = 7
      r1 = map[id:0]
      r2 = r10
      r2 += -4
      r3 = r10
      r3 += -16
      call bpf_map_update_elem#2
      exit
    `;
    const del = `
      r2 = *(u8 *)(r1 +0)
      *(u32 *)(r10 -4) = r2
      r1 = map[id:0]
      r2 = r10
      r2 += -4
      call bpf_map_delete_elem#3
      exit
    `;
    const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
    expect(s64(run(update, host, Uint8Array.of(5, 2)))).toBe(-2n); // BPF_EXIST on a missing key: -ENOENT
    expect(s64(run(update, host, Uint8Array.of(5, 0)))).toBe(0n);
    expect(s64(run(update, host, Uint8Array.of(5, 1)))).toBe(-17n); // BPF_NOEXIST on a present key: -EEXIST
    expect(s64(run(update, host, Uint8Array.of(6, 0)))).toBe(0n);
    expect(s64(run(update, host, Uint8Array.of(7, 0)))).toBe(-7n); // full: -E2BIG
    expect(u64(host.lookup('h', u32(5)))).toBe(7n);
    expect(s64(run(del, host, Uint8Array.of(5)))).toBe(0n);
    expect(s64(run(del, host, Uint8Array.of(5)))).toBe(-2n);
    expect(host.lookup('h', u32(5))).toBeUndefined();
    expect(s64(run(update, host, Uint8Array.of(7, 0)))).toBe(0n); // the freed slot is reused
    expect(host.keys('h').map((k) => k[0]).sort()).toEqual([6, 7]);
  });

  test('global data: map values addressed with an offset, .rodata read-only', () => {
    const data = new Uint8Array(16);
    new DataView(data.buffer).setBigUint64(8, 40n, true);
    const host = new ObjectHost([
      { name: '.data', type: BPF_MAP_TYPE_ARRAY, keySize: 4, valueSize: 16, maxEntries: 1, initial: data, section: '.data' },
      { name: '.rodata', type: BPF_MAP_TYPE_ARRAY, keySize: 4, valueSize: 8, maxEntries: 1, initial: u32(2), section: '.rodata' },
    ]);
    const prog = `
      r1 = map[id:0][0]+8
      r0 = *(u64 *)(r1 +0)
      r2 = map[id:1][0]+0
      r2 = *(u32 *)(r2 +0)
      r0 += r2
      *(u64 *)(r1 +0) = r0
      exit
    `;
    expect(run(prog, host)).toBe(42n);
    expect(run(prog, host)).toBe(44n);
    const write = `
      r1 = map[id:1][0]+0
      *(u32 *)(r1 +0) = 1
      r0 = 0
      exit
    `;
    expect(() => run(write, host)).toThrow(BpfError);
  });

  test('bpf_loop calls the callback until it returns 1, with the ctx pointer', () => {
    const host = new ObjectHost([]);
    // sum of i for i < 10 into *(u64 *)(r10 -8); the callback stops when i == 6.
    const prog = `
      *(u64 *)(r10 -8) = 0
      r1 = 10
      r2 = subprog[+9]
      r3 = r10
      r3 += -8
      r4 = 0
      call bpf_loop#181
      r1 = *(u64 *)(r10 -8)
      r0 *= 100
      r0 += r1
      exit
      r0 = 0
      if r1 != 0x6 goto pc+2
      r0 = 1
      exit
      r3 = *(u64 *)(r2 +0)
      r3 += r1
      *(u64 *)(r2 +0) = r3
      exit
    `;
    expect(run(prog, host)).toBe(7n * 100n + (0n + 1n + 2n + 3n + 4n + 5n));
  });

  test('trace_printk formats into host.printk; ktime and prandom are deterministic', () => {
    const host = new ObjectHost([], { seed: 7 });
    const prog = `
      r1 = 0x0a64252078
      *(u64 *)(r10 -8) = r1
      r1 = r10
      r1 += -8
      r2 = 6
      r3 = -5
      call bpf_trace_printk#6
      r6 = r0
      call bpf_ktime_get_ns#5
      call bpf_ktime_get_ns#5
      r0 += r6
      exit
    `;
    expect(run(prog, host)).toBe(2000n + 5n);
    expect(host.printk).toEqual(['x -5']);
    const a = new ObjectHost([], { seed: 7 }), b = new ObjectHost([], { seed: 7 });
    const rnd = `call bpf_get_prandom_u32#7
      exit`;
    expect(run(rnd, a)).toBe(run(rnd, b));
  });

  test('bad uses are BpfErrors', () => {
    const host = new ObjectHost([{ name: 'm', type: 27 /* ringbuf */, keySize: 0, valueSize: 0, maxEntries: 4096 }]);
    const lookupBad = `
      r1 = 5
      r2 = r10
      r2 += -4
      *(u32 *)(r10 -4) = 0
      call bpf_map_lookup_elem#1
      exit
    `;
    expect(() => run(lookupBad, host)).toThrow(/R1 \(0x5\) is not a map/);
    const unsupported = lookupBad.replace('r1 = 5', 'r1 = map[id:0]');
    expect(() => run(unsupported, host)).toThrow(/type 27 is not simulated/);
    expect(() => run('r1 = map[id:3]\nr0 = 0\nexit', host)).toThrow(/names map 3; the object has 1/);
    expect(() => new ObjectHost([{ name: 'x', type: 2, keySize: 4, valueSize: -1, maxEntries: 1 }])).toThrow(BpfError);
  });
});
