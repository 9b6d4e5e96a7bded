// The installed executable: bin/bpfkit.js as a real process, as `npx bpfkit` runs it.
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/bpfkit.js', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));

test('bpfkit disasm examples/twelve-args.bin (the README command) prints the program, exit 0', () => {
  const r = spawnSync(process.execPath, [bin, 'disasm', 'examples/twelve-args.bin'], { cwd: repo, encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout.split('\n')[0]).toBe('0: (b7) r1 = 1');
  expect(r.stdout).toContain('(7b) *(u64 *)(r11 -56) = r6');
});

test('bad input: non-zero exit and a one-line error', () => {
  const r = spawnSync(process.execPath, [bin, 'disasm', '-'], { input: 'not a program!', encoding: 'utf8' });
  expect(r.status).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^bpfkit: decoder: .*\[BAD_LENGTH\]/);
});

test('bpfkit-conformance-plugin runs a conformance program as the upstream runner calls it', () => {
  const plugin = fileURLToPath(new URL('../bin/bpfkit-conformance-plugin.js', import.meta.url));
  // mov %r0, 1 ; lsh %r0, 40 ; exit  -> 0x10000000000
  const r = spawnSync(process.execPath, [plugin, '', '--interpret'], { input: 'b70000000100000067000000280000009500000000000000', encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toBe('10000000000\n');
});

test('--plugin registers a user module\'s passes and presets for --passes', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'bpfkit-plugin-'));
  const plugin = join(dir, 'count-exits.mjs');
  writeFileSync(
    plugin,
    `export const countExits = {
       name: 'count-exits', kind: 'analysis', description: 'exit instructions',
       run: ({ program: p }) => p.code.filter((c) => c === 0x95).length,
       print: (n) => 'exits: ' + n,
     };
     export const presets = [{ name: 'exits-twice', pipeline: 'print<count-exits>,print<count-exits>' }];`,
  );
  const r = spawnSync(process.execPath, [bin, 'analyze', 'examples/twelve-args.s', '--plugin', plugin, '--passes', 'print<count-exits>,exits-twice'], {
    cwd: repo, encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('exits: 2\nexits: 2\nexits: 2\n');
  const missing = spawnSync(process.execPath, [bin, 'analyze', 'examples/twelve-args.s', '--plugin', join(dir, 'nope.mjs')], { cwd: repo, encoding: 'utf8' });
  expect(missing.status).toBe(1);
  expect(missing.stderr).toMatch(/^bpfkit: cannot load plugin .*nope\.mjs: .*\[IO\]\n$/);
  const empty = join(dir, 'empty.mjs');
  writeFileSync(empty, 'export const x = 1;\n');
  const none = spawnSync(process.execPath, [bin, 'analyze', 'examples/twelve-args.s', `--plugin=${empty}`], { cwd: repo, encoding: 'utf8' });
  expect(none.status).toBe(1);
  expect(none.stderr).toMatch(/exports no passes, presets or register\(\) \[OPTION\]\n$/);
});
