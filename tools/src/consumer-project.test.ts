// Publishing check, run by `npm test` (nx builds every package first: the @bpfkit/* devDependencies
// of @bpfkit/tools give this test target its ^build edges).
//
// 1. Metadata: every public package.json has what a registry page needs (licence, repository,
//    engines, publishConfig, files) and README/LICENSE exist.
// 2. `npm pack` of every public package into a temp dir outside the workspace (os.tmpdir()):
//    each tarball ships dist with .d.ts, every `exports`/`bin` target, README and LICENSE, and no
//    tests, test-support or build info.
// 3. `npm publish --dry-run` for every public package (offline: the dry run needs no login, and
//    without --offline npm 11 would ask the registry about each name).
// 4. Consumer projects built from the tarballs alone — `{"type":"module"}`, `npm install *.tgz` —
//    with no link back into the workspace, driven by plain Node ESM scripts:
//    decoder + liveness with only their dependency closure installed, the full pipeline to x86-64
//    code, the installed `bpfkit` CLI (disasm, run), the interpreter (650 = 0x28a for
//    examples/twelve-args.bin), native execution through @bpfkit/runtime (koffi) on linux/x64,
//    and a TypeScript consumer type-checked against the shipped .d.ts.
// 5. `changeset version` in a temp copy of the package.json files and .changeset/: every package
//    is bumped and every internal dependency follows in step.
//
// Set BPFKIT_KEEP_CONSUMER=1 to keep the temp dir (its path is printed) for debugging.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync,
  realpathSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');
const EXAMPLE = join(root, 'examples', 'twelve-args.bin');

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  description?: string;
  keywords?: string[];
  repository?: { type: string; url: string; directory: string };
  engines?: { node?: string };
  sideEffects?: boolean;
  publishConfig?: { access?: string };
  files?: string[];
  exports?: Record<string, string | Record<string, string>>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

interface Workspace {
  dir: string;
  pkg: PackageJson;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

const workspaces: Workspace[] = readdirSync(join(root, 'packages'))
  .map((d) => join(root, 'packages', d))
  .filter((d) => existsSync(join(d, 'package.json')))
  .map((dir) => ({ dir, pkg: readJson<PackageJson>(join(dir, 'package.json')) }));
const publicPkgs = workspaces.filter((w) => !w.pkg.private);
const byName = new Map(workspaces.map((w) => [w.pkg.name, w]));

/** The environment for child npm/node processes: nothing inherited from the npm/nx/jest run that
 * started us (npm_config_local_prefix and friends would point npm back at the workspace). */
const childEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_OPTIONS' && k !== 'INIT_CWD'),
);
Object.assign(childEnv, { npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs = 60_000, allowFail = false): Ran {
  const r = spawnSync(cmd, args, { cwd, env: childEnv, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  const out: Ran = { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  if (!allowFail && (r.error || r.status !== 0))
    throw new Error(
      `${cmd} ${args.join(' ')} (in ${cwd}) failed: ${r.error?.message ?? `exit ${r.status}, signal ${r.signal}`}\n` +
        `--- stdout\n${out.stdout.slice(-4000)}\n--- stderr\n${out.stderr.slice(-4000)}`,
    );
  return out;
}

const node = (cwd: string, script: string, args: string[] = []): string => run(process.execPath, [script, ...args], cwd, 30_000).stdout;

const npmInstall = (cwd: string, tarballs: string[]): Ran =>
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--no-package-lock', ...tarballs], cwd, 120_000);

/** A fresh consumer project: `{"type":"module"}` and a copy of the example program. */
function makeConsumer(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `bpfkit-consumer-${Date.now()}`, private: true, type: 'module' }, null, 2) + '\n');
  copyFileSync(EXAMPLE, join(dir, 'twelve-args.bin'));
}

/** Internal (@bpfkit) runtime dependency closure of some packages, themselves included. */
function closure(names: string[]): string[] {
  const seen = new Set<string>();
  const visit = (n: string): void => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const d of Object.keys(byName.get(n)!.pkg.dependencies ?? {})) if (d.startsWith('@bpfkit/')) visit(d);
  };
  names.forEach(visit);
  return [...seen].sort();
}

/** Every symlink under `dir`, with its resolved target. */
function symlinksUnder(dir: string): { link: string; target: string }[] {
  const out: { link: string; target: string }[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isSymbolicLink()) out.push({ link: p, target: resolve(dirname(p), readlinkSync(p)) });
      else if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

const insideWorkspace = (p: string): boolean => p === root || p.startsWith(root + sep);

let tmp: string;
/** npm pack --json output, by package name. */
const packed = new Map<string, { filename: string; files: string[] }>();
const tarballOf = (name: string): string => join(tmp, 'tarballs', packed.get(name)!.filename);

beforeAll(() => {
  tmp = realpathSync(mkdtempSync(join(tmpdir(), 'bpfkit-publish-')));
  if (process.env.BPFKIT_KEEP_CONSUMER) console.log(`publish check: temp dir ${tmp}`);
  // Node would find the workspace's node_modules by walking up from a consumer inside it.
  if (insideWorkspace(tmp)) throw new Error(`the temp dir ${tmp} is inside the workspace; point TMPDIR elsewhere`);
  for (const { dir, pkg } of publicPkgs)
    if (!existsSync(join(dir, 'dist', 'index.js')))
      throw new Error(`${pkg.name} is not built (no dist/index.js): run it through nx (npx nx test @bpfkit/tools) so ^build runs first`);
  mkdirSync(join(tmp, 'tarballs'));
  // One npm process for all packages (about 3 s; one per package would be about 1 s each).
  const r = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', join(tmp, 'tarballs'), ...publicPkgs.flatMap((w) => ['-w', w.pkg.name])], root);
  const json = JSON.parse(r.stdout) as { name: string; filename: string; files: { path: string }[] }[];
  for (const t of json) packed.set(t.name, { filename: t.filename, files: t.files.map((f) => f.path) });
}, 60_000);

afterAll(() => {
  if (tmp && !process.env.BPFKIT_KEEP_CONSUMER) rmSync(tmp, { recursive: true, force: true });
});

describe('package metadata', () => {
  test('there are public packages, and @bpfkit/testing stays private', () => {
    expect(publicPkgs.length).toBeGreaterThanOrEqual(10);
    expect(byName.get('@bpfkit/testing')?.pkg.private).toBe(true);
  });

  test.each(publicPkgs.map((w) => [w.pkg.name, w] as const))('%s has publishing metadata, README and LICENSE', (name, { dir, pkg }) => {
    const short = relative(join(root, 'packages'), dir);
    expect(pkg.description).toBeTruthy();
    expect(pkg.license).toBe('MIT');
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/bpfkit/bpfkit.git', directory: `packages/${short}` });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['bpf', 'ebpf']));
    expect(pkg.engines?.node).toBe('>=20');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.publishConfig?.access).toBe('public');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', '!dist/**/*.test.*', '!dist/**/test-support', '!dist/**/*.tsbuildinfo', 'README.md', 'LICENSE']));
    expect(pkg.exports?.['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    // Internal dependencies are exact versions, so changesets can keep them in step.
    for (const [dep, range] of Object.entries(pkg.dependencies ?? {}))
      if (dep.startsWith('@bpfkit/')) expect(`${dep}@${range}`).toBe(`${dep}@${byName.get(dep)?.pkg.version}`);
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toContain('Copyright (c) 2026 bpfkit contributors');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain(`npm install ${name}`);
  });
});

describe('tarballs (npm pack)', () => {
  test.each(publicPkgs.map((w) => [w.pkg.name, w] as const))('%s ships dist with types, README and LICENSE, and no tests', (name, { pkg }) => {
    const files = packed.get(name)?.files;
    expect(files).toBeDefined();
    const set = new Set(files);
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']) expect(set.has(f) ? f : `missing ${f}`).toBe(f);
    const targets = [
      ...Object.values(pkg.exports ?? {}).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e))),
      ...Object.values(pkg.bin ?? {}),
    ].map((t) => t.replace(/^\.\//, ''));
    for (const t of targets) expect(set.has(t) ? t : `missing ${t}`).toBe(t);
    const unwanted = files!.filter((f) => /\.test\.|(^|\/)test-support\/|\.tsbuildinfo$|^src\/|(^|\/)filetests\//.test(f));
    expect(unwanted).toEqual([]);
    // Every emitted module has its declaration file next to it.
    const missingDts = files!.filter((f) => /^dist\/.*\.js$/.test(f) && !set.has(f.replace(/\.js$/, '.d.ts')));
    expect(missingDts).toEqual([]);
    // Nothing outside dist, bin and runner besides the three top-level files.
    expect(files!.filter((f) => !/^(dist|bin|runner)\//.test(f) && !['package.json', 'README.md', 'LICENSE'].includes(f))).toEqual([]);
  });

  test('npm publish --dry-run succeeds for every public package, with nothing for npm to auto-correct', () => {
    // From the workspace root with one -w per package: the same as running it in each package
    // dir, in one npm process. --offline: the dry run needs neither a login nor the registry.
    const r = run('npm', ['publish', '--dry-run', '--ignore-scripts', '--offline', ...publicPkgs.flatMap((w) => ['-w', w.pkg.name])], root, 60_000);
    for (const { pkg } of publicPkgs) expect(r.stdout).toContain(`+ ${pkg.name}@${pkg.version}`);
    expect(r.stderr).not.toMatch(/auto-corrected|npm error/);
    expect(r.stderr).toContain('with tag latest and public access (dry-run)');
  }, 60_000);
});

describe('consumer project outside the workspace (installed from the tarballs)', () => {
  let full: string;
  let single: string;
  const singlePkgs = closure(['@bpfkit/decoder', '@bpfkit/liveness']);

  beforeAll(() => {
    full = join(tmp, 'consumer');
    makeConsumer(full);
    npmInstall(full, [...packed.keys()].map(tarballOf));
    single = join(tmp, 'consumer-liveness');
    makeConsumer(single);
    npmInstall(single, singlePkgs.map(tarballOf));
  }, 90_000);

  test('every @bpfkit package is a real directory, and no symlink leads into the workspace', () => {
    for (const dir of [full, single]) {
      const links = symlinksUnder(join(dir, 'node_modules'));
      expect(links.filter((l) => insideWorkspace(l.target) || !l.target.startsWith(dir + sep))).toEqual([]);
      for (const name of readdirSync(join(dir, 'node_modules', '@bpfkit'))) {
        const p = join(dir, 'node_modules', '@bpfkit', name);
        expect(lstatSync(p).isDirectory()).toBe(true);
        expect(realpathSync(p).startsWith(dir + sep)).toBe(true);
      }
    }
    expect(readdirSync(join(full, 'node_modules', '@bpfkit')).map((n) => `@bpfkit/${n}`).sort()).toEqual([...packed.keys()].sort());
    // The decoder + liveness consumer got only their dependency closure: no pipeline, no JITs.
    expect(readdirSync(join(single, 'node_modules', '@bpfkit')).map((n) => `@bpfkit/${n}`).sort()).toEqual(singlePkgs);
    expect(singlePkgs).not.toContain('@bpfkit/pipeline');
  }, 30_000);

  test('decoder + liveness alone: decode the bytes, run the liveness pass standalone', () => {
    writeFileSync(
      join(single, 'liveness.mjs'),
      `import { readFileSync } from 'node:fs';
import { decode } from '@bpfkit/decoder';
import { runStandalone } from '@bpfkit/ir';
import { liveness } from '@bpfkit/liveness';

const program = decode(new Uint8Array(readFileSync('twelve-args.bin')));
const result = runStandalone(liveness, program);
process.stdout.write(import.meta.resolve('@bpfkit/liveness') + '\\n');
process.stdout.write(liveness.print(result, program));
`,
    );
    const out = node(single, 'liveness.mjs');
    expect(out.split('\n')[0]).toBe(`file://${single}/node_modules/@bpfkit/liveness/dist/index.js`);
    expect(out).toContain('stack use/def subprog#0');
    expect(out).toContain('stack use/def subprog#1');
    expect(out).toContain('Live regs before insn:');
    // r1-r5 carry arguments 1-5 into weighted_sum; r0 is live at both exits.
    expect(out).toMatch(/^ +14: \.12345\.\.\.\. \(85\) call pc\+1$/m);
    expect(out).toMatch(/^ +15: 0\.{9} \(95\) exit$/m);
    expect(out).toMatch(/^ +16: \.12345\.\.\.\. \(bf\) r0 = r1$/m);
    expect(out).toMatch(/^ +25: 0\.{9} \(79\) r1 = \*\(u64 \*\)\(r11 \+8\)$/m);
  }, 30_000);

  test("the full pipeline: 'const-fold,liveness,verifier,jit-x86-64' through @bpfkit/pipeline", () => {
    writeFileSync(
      join(full, 'pipeline.mjs'),
      `import { readFileSync } from 'node:fs';
import { decode } from '@bpfkit/decoder';
import { defaultRegistry, runPipeline } from '@bpfkit/pipeline';

// Raw bytes carry no BTF: give the argument counts the way func_info would.
const funcs = [{ start: 0, name: 'main', argCount: 1 }, { start: 16, name: 'weighted_sum', argCount: 12 }];
const program = decode(new Uint8Array(readFileSync('twelve-args.bin')), { funcs });
const run = runPipeline('const-fold,liveness,verifier,jit-x86-64', program, { registry: defaultRegistry() });
const verifier = run.results.byName('verifier');
const jit = run.results.byName('jit-x86-64');
console.log(JSON.stringify({
  passes: run.results.passes().map((p) => p.name),
  verified: verifier.ok,
  arch: jit.arch,
  codeBytes: jit.code.length,
  funcs: jit.funcs.length,
}));
`,
    );
    const out = JSON.parse(node(full, 'pipeline.mjs'));
    expect(out).toEqual({
      passes: ['const-fold', 'liveness', 'verifier', 'jit-x86-64'],
      verified: true,
      arch: 'x86-64',
      codeBytes: expect.any(Number),
      funcs: 2,
    });
    expect(out.codeBytes).toBeGreaterThan(100);
  }, 30_000);

  test('node_modules/.bin/bpfkit disasm twelve-args.bin', () => {
    const bin = join(full, 'node_modules', '.bin', 'bpfkit');
    expect(realpathSync(bin)).toBe(join(full, 'node_modules', '@bpfkit', 'cli', 'bin', 'bpfkit.js'));
    const out = run(bin, ['disasm', 'twelve-args.bin'], full, 30_000).stdout;
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(47);
    expect(lines[0]).toBe('0: (b7) r1 = 1');
    expect(lines).toContain('5: (7a) *(u64 *)(r11 -8) = 6');
    expect(lines).toContain('14: (85) call pc+1');
    expect(lines.at(-1)).toBe('46: (95) exit');
  }, 30_000);

  test('the interpreter returns 650 (0x28a): from the API and from `bpfkit run`', () => {
    writeFileSync(
      join(full, 'interp.mjs'),
      `import { readFileSync } from 'node:fs';
import { decode } from '@bpfkit/decoder';
import { interpret } from '@bpfkit/interp';

const program = decode(new Uint8Array(readFileSync('twelve-args.bin')));
console.log(String(interpret(program, {}).r0));
`,
    );
    expect(node(full, 'interp.mjs').trim()).toBe('650');
    expect(run(join(full, 'node_modules', '.bin', 'bpfkit'), ['run', 'twelve-args.bin'], full, 30_000).stdout).toBe('0x28a\n');
  }, 30_000);

  (process.platform === 'linux' && process.arch === 'x64' ? test : test.skip)(
    'native execution through @bpfkit/runtime (koffi from the npm cache) returns 650',
    () => {
      writeFileSync(
        join(full, 'native.mjs'),
        `import { readFileSync } from 'node:fs';
import { decode } from '@bpfkit/decoder';
import { runNative } from '@bpfkit/runtime';

const funcs = [{ start: 0, name: 'main', argCount: 1 }, { start: 16, name: 'weighted_sum', argCount: 12 }];
const program = decode(new Uint8Array(readFileSync('twelve-args.bin')), { funcs });
console.log(String(runNative(program, {})));
console.log(import.meta.resolve('koffi'));
`,
      );
      const [r0, koffi] = node(full, 'native.mjs').trim().split('\n');
      expect(r0).toBe('650');
      expect(koffi!.startsWith(`file://${full}/node_modules/koffi/`)).toBe(true);
    },
    30_000,
  );

  test('a TypeScript consumer type-checks against the shipped .d.ts (no @types/node, skipLibCheck off)', () => {
    writeFileSync(
      join(full, 'consumer.ts'),
      `import { decode, encode } from '@bpfkit/decoder';
import { runStandalone, type Program } from '@bpfkit/ir';
import { liveness, type LivenessResult } from '@bpfkit/liveness';
import { defaultRegistry, runPipeline, type PipelineRun } from '@bpfkit/pipeline';
import { interpret } from '@bpfkit/interp';
import { runNative } from '@bpfkit/runtime';
import { runCli } from '@bpfkit/cli';
import { parseKernel } from '@bpfkit/asm';

const program: Program = decode(new Uint8Array(16));
const bytes: Uint8Array = encode(program);
const live: LivenessResult = runStandalone(liveness, program);
const run: PipelineRun = runPipeline('const-fold,liveness,verifier,jit-x86-64', program, { registry: defaultRegistry() });
const r0: bigint = interpret(parseKernel('r0 = 1\\nexit'), {}).r0;
export { bytes, live, run, r0, runNative, runCli };
`,
    );
    writeFileSync(
      join(full, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2023'], strict: true, noEmit: true, types: [], skipLibCheck: false },
        files: ['consumer.ts'],
      }),
    );
    // The compiler comes from the workspace; every module it resolves comes from the consumer.
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = run(process.execPath, [tsc, '-p', '.', '--listFiles'], full, 60_000);
    const bpfkitFiles = r.stdout.split('\n').filter((f) => f.includes('@bpfkit/'));
    expect(bpfkitFiles.length).toBeGreaterThan(0);
    expect(bpfkitFiles.filter((f) => !f.startsWith(`${full}/node_modules/@bpfkit/`))).toEqual([]);
  }, 60_000);
});

describe('changeset version (in a temp copy of the workspace manifests)', () => {
  test('bumps every public package and keeps internal dependencies in step', () => {
    const copy = join(tmp, 'changesets');
    // Root manifest plus every workspace's (packages/*, tools and whatever else the root lists).
    const globs = readJson<{ workspaces: string[] }>(join(root, 'package.json')).workspaces;
    const manifests = [
      'package.json',
      ...globs.flatMap((g) =>
        g.endsWith('/*') && existsSync(join(root, g.slice(0, -2)))
          ? readdirSync(join(root, g.slice(0, -2))).map((d) => `${g.slice(0, -2)}/${d}/package.json`)
          : [`${g}/package.json`],
      ),
    ].filter((m) => existsSync(join(root, m)));
    expect(manifests).toEqual(expect.arrayContaining(['tools/package.json', ...publicPkgs.map((w) => relative(root, join(w.dir, 'package.json')))]));
    for (const m of manifests) {
      mkdirSync(dirname(join(copy, m)), { recursive: true });
      copyFileSync(join(root, m), join(copy, m));
    }
    cpSync(join(root, '.changeset'), join(copy, '.changeset'), { recursive: true });
    // The config names its changelog generator (@changesets/cli/changelog), resolved from here.
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    // A changeset of our own, so the check holds even when .changeset/ has just been released.
    writeFileSync(join(copy, '.changeset', 'publish-check-ir.md'), '---\n"@bpfkit/ir": patch\n---\n\npublish check\n');
    const before = new Map(manifests.map((m) => [m, readJson<PackageJson>(join(copy, m))]));

    run(process.execPath, [join(root, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'], copy, 60_000);

    expect(readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')).toEqual([]);
    const after = new Map(manifests.map((m) => [m, readJson<PackageJson>(join(copy, m))]));
    const version = new Map([...after.values()].map((p) => [p.name, p.version]));
    expect(after.get('package.json')).toEqual(before.get('package.json'));
    for (const { dir, pkg } of publicPkgs) {
      const m = relative(root, join(dir, 'package.json'));
      // @bpfkit/ir sits under every package, so its patch alone moves all of them.
      expect(`${pkg.name}@${version.get(pkg.name)}`).not.toBe(`${pkg.name}@${before.get(m)!.version}`);
      expect(existsSync(join(copy, dirname(m), 'CHANGELOG.md'))).toBe(true);
    }
    expect(readFileSync(join(copy, 'packages', 'ir', 'CHANGELOG.md'), 'utf8')).toContain('publish check');
    const outOfStep: string[] = [];
    for (const [m, p] of after)
      for (const deps of [p.dependencies, p.devDependencies])
        for (const [dep, range] of Object.entries(deps ?? {}))
          if (dep.startsWith('@bpfkit/') && range !== version.get(dep)) outOfStep.push(`${m}: ${dep}@${range}, workspace has ${version.get(dep)}`);
    expect(outOfStep).toEqual([]);
  }, 60_000);
});
