// Dependency-boundary check (ts-morph), run by `npm test`: every `@bpfkit/*` import in a
// package's sources must be declared in its package.json (dependencies, or devDependencies
// for test files), nothing may import a package that sits above it in the layering (ir
// imports nothing of ours; nothing imports cli), tsconfig references must match the declared
// dependencies, and no package may reach into another's files (`@bpfkit/x/src/...`).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Project } from 'ts-morph';

const root = join(import.meta.dirname, '..', '..');
const problems: string[] = [];

/** Layer of each package: a package may import only packages of a strictly lower layer. */
const LAYER: Record<string, number> = {
  '@bpfkit/ir': 0,
  '@bpfkit/decoder': 1,
  '@bpfkit/asm': 2,
  '@bpfkit/interp': 3,
  '@bpfkit/verifier': 3,
  '@bpfkit/const-fold': 3,
  '@bpfkit/liveness': 4,
  '@bpfkit/precision': 4,
  '@bpfkit/jit-common': 3,
  '@bpfkit/jit-x86-64': 5,
  '@bpfkit/jit-arm64': 5,
  '@bpfkit/runtime': 6,
  '@bpfkit/pipeline': 7,
  '@bpfkit/testing': 8,
  '@bpfkit/cli': 9,
  // Users of the packages, above everything: the example of a user-written pass, the playground.
  '@bpfkit/example-custom-pass': 10,
  '@bpfkit/playground': 10,
};

interface Pkg {
  dir: string;
  name: string;
  deps: Record<string, string>;
  devDeps: Record<string, string>;
  refs: string[];
}

function readPkg(dir: string): Pkg {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const ts = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
  return {
    dir,
    name: pkg.name,
    deps: pkg.dependencies ?? {},
    devDeps: pkg.devDependencies ?? {},
    refs: (ts.references ?? []).map((r: { path: string }) => r.path),
  };
}

const dirsUnder = (parent: string): string[] =>
  existsSync(join(root, parent)) ? readdirSync(join(root, parent)).map((d) => join(root, parent, d)) : [];
const pkgs = [...dirsUnder('packages'), ...dirsUnder('apps'), join(root, 'examples', 'custom-pass')]
  .filter((d) => existsSync(join(d, 'package.json')) && existsSync(join(d, 'tsconfig.spec.json')))
  .map(readPkg);
const byName = new Map(pkgs.map((p) => [p.name, p]));

/** Does package `name` list `subpath` (`./x`) in its package.json `exports`? */
function exportsSubpath(name: string, subpath: string): boolean {
  const target = byName.get(name);
  if (!target) return false;
  const exp = JSON.parse(readFileSync(join(target.dir, 'package.json'), 'utf8')).exports;
  return typeof exp === 'object' && exp !== null && subpath in exp;
}

for (const pkg of pkgs) {
  const layer = LAYER[pkg.name];
  if (layer === undefined) problems.push(`LAYER: ${pkg.name} has no layer in tools/src/check-boundaries.ts`);
  // Declared internal deps: exact versions, existing packages, lower layer, matching tsconfig references.
  for (const [dep, version] of Object.entries(pkg.deps)) {
    if (!dep.startsWith('@bpfkit/')) continue;
    const target = byName.get(dep);
    if (!target) {
      problems.push(`DEPENDENCY: ${pkg.name} depends on unknown package ${dep}`);
      continue;
    }
    if (version !== JSON.parse(readFileSync(join(target.dir, 'package.json'), 'utf8')).version)
      problems.push(`VERSION: ${pkg.name} depends on ${dep}@${version}, but the workspace has another version (use the exact version)`);
    if (layer !== undefined && (LAYER[dep] ?? 99) >= layer) problems.push(`UPWARD: ${pkg.name} (layer ${layer}) depends on ${dep} (layer ${LAYER[dep]})`);
    const ref = relative(pkg.dir, target.dir);
    if (!pkg.refs.includes(ref)) problems.push(`TSCONFIG: ${pkg.name}/tsconfig.json lacks a reference to ${ref}`);
  }
  for (const ref of pkg.refs) {
    const target = pkgs.find((p) => relative(pkg.dir, p.dir) === ref);
    if (target && !(target.name in pkg.deps)) problems.push(`TSCONFIG: ${pkg.name} references ${ref} but does not depend on ${target.name}`);
  }
  // Actual imports in sources.
  const project = new Project({
    tsConfigFilePath: join(pkg.dir, 'tsconfig.spec.json'),
    skipFileDependencyResolution: true,
  });
  for (const sf of project.getSourceFiles()) {
    const file = relative(root, sf.getFilePath());
    if (!sf.getFilePath().startsWith(pkg.dir + '/')) continue;
    const isTest = file.endsWith('.test.ts') || file.includes('/test-support/');
    const specs = [
      ...sf.getImportDeclarations().map((d) => d.getModuleSpecifierValue()),
      ...sf.getExportDeclarations().map((d) => d.getModuleSpecifierValue()).filter((s): s is string => !!s),
    ];
    for (const spec of specs) {
      if (!spec.startsWith('@bpfkit/')) continue;
      const parts = spec.split('/');
      const dep = parts.slice(0, 2).join('/');
      if (parts.length > 2 && !exportsSubpath(dep, `./${parts.slice(2).join('/')}`))
        problems.push(`DEEP IMPORT: ${file} imports ${spec}; use the package's public export`);
      if (dep === pkg.name) {
        problems.push(`SELF IMPORT: ${file} imports its own package ${dep}`);
        continue;
      }
      if (dep === '@bpfkit/cli') problems.push(`UPWARD: ${file} imports @bpfkit/cli (nothing may)`);
      const declared = dep in pkg.deps || (isTest && dep in pkg.devDeps);
      if (!declared) problems.push(`BOUNDARY: ${file} imports ${dep} but ${pkg.name} does not depend on it`);
      if (!isTest && layer !== undefined && (LAYER[dep] ?? 99) >= layer) problems.push(`UPWARD: ${file} imports ${dep}`);
    }
  }
}

if (problems.length) {
  for (const p of problems) console.error(p);
  console.error(`check-boundaries: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`check-boundaries: ${pkgs.length} packages, all imports declared and downward`);
