import { describe, expect, test } from '@jest/globals';
import { BpfError, defineAnalysis, defineCodegen, defineTransform } from '@bpfkit/ir';
import { PassRegistry, formatPipeline, parsePipeline, parsePipelineElements } from './index.js';

const a = defineAnalysis({ name: 'a', run: () => 1, print: (r) => `a=${r}` });
const quiet = defineAnalysis({ name: 'quiet', run: () => 1 });
const b = defineTransform({ name: 'b-2.x_y', run: (ctx) => ({ program: ctx.program, preserved: 'all' }) });
const jit = defineCodegen({ name: 'jit-x86-64', run: () => { throw new Error('unused'); }, print: () => 'listing' });
const jitNoPrint = defineCodegen({ name: 'jit-arm64', run: () => { throw new Error('unused'); } });
const registry = new PassRegistry([a, quiet, b, jit, jitNoPrint]);

function err(f: () => unknown): BpfError {
  try {
    f();
  } catch (e) {
    if (e instanceof BpfError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('parsePipeline: good input', () => {
  test('a,print<b>,c resolves to steps with columns', () => {
    expect(parsePipeline('b-2.x_y,print<a>,jit-x86-64', registry)).toEqual([
      { kind: 'run', pass: b, column: 1 },
      { kind: 'print', pass: a, column: 9 },
      { kind: 'run', pass: jit, column: 18 },
    ]);
  });

  test('whitespace anywhere between tokens', () => {
    const steps = parsePipeline('  b-2.x_y ,\tprint < a > ,print< jit-x86-64>,\n quiet , print ', registry);
    expect(steps.map((s) => s.kind)).toEqual(['run', 'print', 'print', 'run', 'print-program']);
    expect(formatPipeline(steps)).toBe('b-2.x_y,print<a>,print<jit-x86-64>,quiet,print');
  });

  test('formatPipeline round-trips and accepts plain passes', () => {
    const text = 'print,a,print<a>,b-2.x_y,print<jit-x86-64>';
    expect(formatPipeline(parsePipeline(text, registry))).toBe(text);
    expect(formatPipeline([a, b])).toBe('a,b-2.x_y');
  });

  test('elements before resolution', () => {
    expect(parsePipelineElements('x, print<y>')).toEqual([
      { name: 'x', print: false, column: 1, nameColumn: 1 },
      { name: 'y', print: true, column: 4, nameColumn: 10 },
    ]);
  });
});

describe('parsePipeline: bad input', () => {
  const cases: [string, string, number][] = [
    ['', 'empty pipeline at column 1', 1],
    ['   ', 'empty pipeline at column 4', 4],
    ['a,,b', "expected a pass name after ',', found ',' at column 3", 3],
    ['a,', "expected a pass name after ',', found end of pipeline at column 3", 3],
    [',a', "expected a pass name, found ',' at column 1", 1],
    ['a b', "expected ',' between passes, found 'b' at column 3", 3],
    ['print<a', "expected '>' to close 'print<', found end of pipeline at column 8", 8],
    ['print<a b>', "expected '>' to close 'print<', found 'b' at column 9", 9],
    ['print<>', "expected a pass name inside 'print<…>', found '>' at column 7", 7],
    ['print<print<a>>', "expected '>' to close 'print<', found '<' at column 12", 12],
    ['a<b>', "only 'print' takes a pass in angle brackets ('a<…>') at column 2", 2],
    ['a;b', "expected ',' between passes, found ';' at column 2", 2],
    ['print<a>>', "expected ',' between passes, found '>' at column 9", 9],
  ];
  test.each(cases)('%j → PIPELINE_SYNTAX', (text, message, column) => {
    const e = err(() => parsePipeline(text, registry));
    expect(e.code).toBe('PIPELINE_SYNTAX');
    expect(e.message).toBe(message);
    expect(e.column).toBe(column);
  });

  test('unknown pass → PASS_UNKNOWN with close names and the column', () => {
    const e = err(() => parsePipeline('a, print<jit-x86>', registry));
    expect(e.code).toBe('PASS_UNKNOWN');
    expect(e.message).toBe("unknown pass 'jit-x86'; did you mean 'jit-x86-64'? (column 10)");
    expect(e.column).toBe(10);
    expect(e.pass).toBe('jit-x86');
  });

  test('print<…> of a transform or of a pass without a printer', () => {
    const t = err(() => parsePipeline('print<b-2.x_y>', registry));
    expect(t.code).toBe('PIPELINE_SYNTAX');
    expect(t.message).toContain("'b-2.x_y' is a transform");
    expect(err(() => parsePipeline('a,print<quiet>', registry)).message).toBe("print<quiet>: 'quiet' has no printer at column 9");
    expect(err(() => parsePipeline('print<jit-arm64>', registry)).message).toContain("'jit-arm64' has no printer");
  });
});
