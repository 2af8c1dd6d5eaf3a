// Peak memory of the command line on one large file: `node bin/govreport-lint.js --format json <file>` as a child
// process, its peak resident set size (the kernel's high-water mark, written at exit by the same hook as
// bench/cli.mjs) on (a) a 50 MB concatenation of many reports (the samples and generated reports of every layout,
// as bench/core.mjs `synthetic`) and (b) a 50 MB file that is one huge report (`hugeSingle`). Goal: at most 6× the
// input size + 100 MB. Also the child's time and the baseline of Node itself (`node -e ""` with the same hook).
//
// Usage: node bench/memory.mjs [--mb N] [--rounds N] [--against other/bin/govreport-lint.js]
//   (also GOVREPORT_BENCH_MEMORY_MB / GOVREPORT_BENCH_MEMORY_ROUNDS)
//   --against: the same runs with another build of the CLI (e.g. a copy of the tree before a change), interleaved;
//              its output must be byte-identical.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CPU_HOOK, runCli } from './cli.mjs';
import { hugeSingle, synthetic } from './core.mjs';
import { fmtMs, median, saveResults, table } from './lib.mjs';

function argValue(name, env, dflt) {
  const i = process.argv.indexOf(name);
  if (i >= 0 && process.argv[i + 1]) return Number(process.argv[i + 1]);
  if (process.env[env]) return Number(process.env[env]);
  return dflt;
}

/** Peak RSS (MB) of Node doing nothing, with the same hook. */
function nodeBaseline(dir) {
  const file = path.join(dir, 'cpu.json');
  rmSync(file, { force: true });
  spawnSync(process.execPath, ['-e', ''], { env: { ...process.env, NODE_OPTIONS: `--require ${path.join(dir, 'cpu-hook.cjs')}`, GOVREPORT_BENCH_CPU_FILE: file } });
  return JSON.parse(readFileSync(file, 'utf8')).maxRssKb / 1024;
}

export function run({ mb = argValue('--mb', 'GOVREPORT_BENCH_MEMORY_MB', 50), rounds = argValue('--rounds', 'GOVREPORT_BENCH_MEMORY_ROUNDS', 1) } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'govreport-bench-memory-'));
  try {
    writeFileSync(path.join(dir, 'cpu-hook.cjs'), CPU_HOOK);
    const inputs = [
      { name: `concatenation, ${mb} MB`, text: synthetic(mb * 1e6) },
      { name: `one report, ${mb} MB`, text: hugeSingle(mb * 1e6) },
    ].map((inp, i) => {
      const file = path.join(dir, `input-${i}.txt`);
      writeFileSync(file, inp.text);
      return { name: inp.name, file, bytes: Buffer.byteLength(inp.text), reports: (inp.text.match(/政府信息公开工作年度报告/g) ?? []).length };
    });
    const against = process.argv.indexOf('--against');
    const builds = [{ name: 'this build' }];
    if (against >= 0 && process.argv[against + 1]) builds.push({ name: process.argv[against + 1], bin: path.resolve(process.argv[against + 1]) });
    const baseMB = nodeBaseline(dir);
    const rows = [];
    for (const inp of inputs) {
      const peaks = builds.map(() => []);
      const times = builds.map(() => []);
      let reference;
      for (let r = 0; r < rounds; r++) {
        for (const [i, b] of builds.entries()) {
          const res = runCli(dir, inp.file, [], [], b.bin);
          if (res.status !== 0 && res.status !== 1) throw new Error(`${b.name} on ${inp.name}: exit code ${res.status}: ${res.stderr}`);
          reference ??= res.hash;
          if (res.hash !== reference) throw new Error(`${b.name} on ${inp.name}: the output differs from the first run`);
          peaks[i].push(res.peakMB);
          times[i].push(res.ms);
        }
      }
      const inputMB = inp.bytes / (1 << 20);
      const goalMB = 6 * inputMB + 100;
      for (const [i, b] of builds.entries()) {
        const peakMB = median(peaks[i]);
        rows.push({
          input: inp.name,
          build: b.name,
          inputMB,
          peakMB,
          'peak/input': peakMB / inputMB,
          ms: median(times[i]),
          goal: `≤ ${goalMB.toFixed(0)} MB`,
          met: peakMB <= goalMB,
        });
      }
    }
    return { rows, summary: { nodeBaselineMB: baseMB, rounds, mb } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function print(res) {
  const f = (rows) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? (k === 'ms' ? fmtMs(v) : k.endsWith('MB') ? v.toFixed(0) : v.toFixed(2)) : v])));
  console.log(
    `\nCLI peak memory (resident set, whole process) on one large file, median of ${res.summary.rounds} run(s); Node alone: ${res.summary.nodeBaselineMB.toFixed(0)} MB\n` +
      table(f(res.rows), ['input', 'build', 'inputMB', 'peakMB', 'peak/input', 'ms', 'goal', 'met']),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const res = run();
  print(res);
  console.log(`\nsaved ${saveResults('memory', res)}`);
}
