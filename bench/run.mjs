// All benchmarks in sequence — bench/core.mjs, bench/cli.mjs, bench/size.mjs, bench/lsp.mjs, bench/preview.mjs, bench/originals.mjs, bench/pdf.mjs and bench/memory.mjs when they exist —
// printing every table and writing one JSON (bench/results/latest.json). `npm run bench` builds first.
// A benchmark that fails is reported and recorded; the others still run; the exit code is then 1.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, saveResults } from './lib.mjs';

const BENCHES = ['core', 'cli', 'size', 'lsp', 'preview', 'originals', 'pdf', 'memory'];

const results = {};
const failed = [];
for (const name of BENCHES) {
  const file = path.join(ROOT, 'bench', `${name}.mjs`);
  if (!existsSync(file)) {
    console.log(`\n### ${name}: bench/${name}.mjs does not exist, skipped`);
    results[name] = { skipped: 'no such benchmark' };
    continue;
  }
  console.log(`\n### ${name} (bench/${name}.mjs)`);
  const t0 = performance.now();
  try {
    const mod = await import(file);
    const res = await mod.run();
    mod.print(res);
    results[name] = res;
  } catch (e) {
    console.error(`### ${name} FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    results[name] = { error: e instanceof Error ? e.message : String(e) };
    failed.push(name);
  }
  console.log(`### ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

console.log(`\nsaved ${saveResults('latest', results)}`);
if (failed.length) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
