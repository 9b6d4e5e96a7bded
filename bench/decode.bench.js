// Decode and encode throughput (instructions per second) on a 1,000,000-instruction program
// of mixed instruction kinds (every opcode the ISA defines, random valid fields).
// Target (issue 2): decode >= 100 M insn/s, goal 200 M+.
import { decode, encode, randomProgram } from '@bpfkit/decoder';

const N = 1_000_000;
let s = 0x9e3779b9;
const rand = (n) => {
  s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
  return s % n;
};
// Jumps go at most 64 slots either way, as in compiled code; calls may go anywhere.
const program = randomProgram(rand, N, 64);
const bytes = encode(program);
const kinds = new Set(program.code).size;

function measure(fn, reps) {
  for (let i = 0; i < 25; i++) fn(); // warm up: V8 needs many calls to tier up a loop this hot
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const tDecode = measure(() => decode(bytes), 15);
const tDecodeTrusted = measure(() => decode(bytes, { trusted: true }), 15);
const tEncode = measure(() => encode(program), 15);
// The floor under any decoder that returns fresh arrays: first-touch of 9 bytes/insn of new
// memory (the five typed arrays), same allocator, no decoding at all.
const tFloor = measure(() => {
  const b = Buffer.allocUnsafeSlow(9 * program.length);
  for (let i = 0; i < b.length; i += 4096) b[i] = 1;
  return b;
}, 15);
const mips = (t) => (program.length / t / 1e6).toFixed(1);
console.log(`program: ${program.length} insn slots, ${kinds} distinct opcodes, ${bytes.length} bytes`);
console.log(`decode (validating): ${mips(tDecode)} M insn/s  (${(tDecode * 1e3).toFixed(2)} ms median of 15)`);
console.log(`decode (trusted, no validation): ${mips(tDecodeTrusted)} M insn/s`);
console.log(`encode: ${mips(tEncode)} M insn/s  (${(tEncode * 1e3).toFixed(2)} ms)`);
console.log(`memory floor (touch 9 B/insn of fresh memory, no decoding): ${(tFloor * 1e3).toFixed(2)} ms = ${mips(tFloor)} M insn/s ceiling`);
console.log(`decode target 100 M insn/s: ${program.length / tDecode >= 100e6 ? 'met' : 'NOT met'} (ratio ${(program.length / tDecode / 100e6).toFixed(2)}x)`);
