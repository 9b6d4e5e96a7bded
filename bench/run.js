// Runs every bench/*.bench.js in turn (after `npm run build`), each printing its own figures.
// Usage: npm run bench            (all)
//        npm run bench -- decode   (only files whose name contains "decode")
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const filter = process.argv[2] ?? '';
const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.bench.js') && f.includes(filter)).sort();
let failed = 0;
for (const f of files) {
  console.log(`## ${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', `${import.meta.dirname}/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
