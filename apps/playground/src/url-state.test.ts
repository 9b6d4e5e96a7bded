import { describe, expect, test } from '@jest/globals';
import { decodeHash, encodeState, type SharedState } from './url-state.js';

const state: SharedState = {
  text: 'r0 = 1 ; ünïcödé\nexit\n', format: 'kernel', mem: '01 02', options: { allowLoops: true, stackArgTracking: false, jit: true }, precision: { insn: 3, reg: 7 },
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
      state: { text: 'exit\n', format: 'auto', mem: '', options: { allowLoops: false, stackArgTracking: true, jit: true }, precision: { insn: null, reg: 0 } },
    });
  });
});
