import { describe, expect, test } from '@jest/globals';
import { decodeHash, encodeState, type SharedState } from './url-state.js';

const state: SharedState = {
  text: 'r0 = 1 ; ünïcödé\nexit\n', format: 'kernel', mem: '01 02', options: { allowLoops: true, stackArgTracking: false, jit: true }, precision: { insn: 3, reg: 7 },
  maps: [
    { name: 'counts', type: 2, keySize: 4, valueSize: 8, maxEntries: 4, flags: 0, section: '.maps' },
    { name: '.rodata', type: 2, keySize: 4, valueSize: 8, maxEntries: 1, flags: 0x480, section: '.rodata', initial: '0300000005000000' },
  ],
};

describe('URL state', () => {
  test('round trip through #s= (deflate-raw, base64url)', async () => {
    const frag = await encodeState(state);
    expect(frag).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(await decodeHash(`#${frag}`)).toEqual({ kind: 'state', state });
  });

  test('#example=, empty and malformed fragments', async () => {
    expect(await decodeHash('#example=twelve-args')).toEqual({ kind: 'example', id: 'twelve-args' });
    expect(await decodeHash('')).toEqual({ kind: 'none' });
    expect(await decodeHash('#s=!!notbase64')).toEqual({ kind: 'none' });
  });

  test('the uncompressed #j= form and defaults for missing fields', async () => {
    const j = Buffer.from(JSON.stringify({ t: 'exit\n' })).toString('base64url');
    expect(await decodeHash(`#j=${j}`)).toEqual({
      kind: 'state',
      state: { text: 'exit\n', format: 'auto', mem: '', options: { allowLoops: false, stackArgTracking: true, jit: true }, precision: { insn: null, reg: 0 }, maps: null },
    });
  });

  test('malformed maps are dropped, good ones kept', async () => {
    const x = [['ok', 1, 4, 4, 8, 0, '.maps'], ['bad', -1, 4, 4, 8, 0, '.maps'], ['hex', 2, 4, 4, 1, 0, '.data', 'zz'], 'junk'];
    const j = Buffer.from(JSON.stringify({ t: 'exit\n', x })).toString('base64url');
    const h = await decodeHash(`#j=${j}`);
    expect(h.kind === 'state' && h.state.maps).toEqual([{ name: 'ok', type: 1, keySize: 4, valueSize: 4, maxEntries: 8, flags: 0, section: '.maps' }]);
  });
});
