// CLI throughput: 10,000 report files (generated reports of both formats and all layouts with varied values, the
// five real samples, injected errors, GBK and other encodings, previous-year pairs: test/cli/_corpus.ts) checked by
// the bundled command as a child process — `node bin/govreport-lint.js --format json <folder>` with the default
// --jobs (one worker thread per CPU) against `--jobs 1` (in-process), interleaved; every run's output must be
// byte-identical. Reports total time (goal: under 6 s on 2 cores), files/s, the parallel speed-up, the CPU
// time of the child (all its threads), which shows how much of the machine the run actually got, and the child's peak
// resident memory (goal: under 200 MB).
//
// Usage: node bench/cli.mjs [--files N] [--rounds N] [--profile] [--against other/bin/govreport-lint.js]
//   (also GOVREPORT_BENCH_CLI_FILES / GOVREPORT_BENCH_CLI_ROUNDS, for bench/run.mjs)
//   --against: also time another build of the CLI (e.g. a copy of the tree before a change) in the default mode,
//              interleaved with the others, its output required to be byte-identical: a before/after ratio.
//   --profile: one more run of each mode under `node --cpu-prof` (main thread and workers), printing where the
//              time goes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmtMs, median, requireBuilt, ROOT, saveResults, table } from './lib.mjs';

const require = createRequire(import.meta.url);
const BIN = path.join(ROOT, 'bin', 'govreport-lint.js');
requireBuilt('server/out/cli.js');
requireBuilt('server/out/cli-worker.js');
const corpusLib = require(requireBuilt('out/test/cli/_corpus.js'));

const GOAL_MS = 6_000;
/** Peak resident memory of the whole CLI process (main thread and workers). */
const GOAL_MB = 200;

/**
 * Written next to the corpus; prints the child's CPU time (all threads) and its peak resident set size (the whole
 * process, workers included: `maxRSS` is the kernel's high-water mark of the process) into a file when it exits.
 */
export const CPU_HOOK = `'use strict';
const wt = require('node:worker_threads');
if (wt.isMainThread && process.env.GOVREPORT_BENCH_CPU_FILE) {
  process.on('exit', () => {
    const u = process.cpuUsage();
    const maxRssKb = process.resourceUsage().maxRSS;
    require('node:fs').writeFileSync(process.env.GOVREPORT_BENCH_CPU_FILE, JSON.stringify({ user: u.user / 1000, system: u.system / 1000, maxRssKb }));
  });
}
`;

function argValue(name, env, dflt) {
  const i = process.argv.indexOf(name);
  if (i >= 0 && process.argv[i + 1]) return Number(process.argv[i + 1]);
  if (process.env[env]) return Number(process.env[env]);
  return dflt;
}

/** One CLI run as a child process: wall time, CPU time, peak RSS (MB), exit code, output hash and size. */
export function runCli(dir, corpus, jobsArgs, extraNodeArgs = [], bin = BIN) {
  const outFile = path.join(dir, 'out.json');
  const cpuFile = path.join(dir, 'cpu.json');
  rmSync(cpuFile, { force: true });
  const fd = openSync(outFile, 'w');
  const env = { ...process.env, NODE_OPTIONS: `--require ${path.join(dir, 'cpu-hook.cjs')}`, GOVREPORT_BENCH_CPU_FILE: cpuFile };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...extraNodeArgs, bin, '--format', 'json', ...jobsArgs, corpus], { cwd: dir, env, stdio: ['ignore', fd, 'pipe'], maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  closeSync(fd);
  if (r.error) throw r.error;
  const out = readFileSync(outFile);
  let cpuMs = NaN;
  let peakMB = NaN;
  try {
    const c = JSON.parse(readFileSync(cpuFile, 'utf8'));
    cpuMs = c.user + c.system;
    peakMB = c.maxRssKb / 1024;
  } catch {
    // the hook did not run (an old Node?): CPU time and memory unknown
  }
  return { ms, cpuMs, peakMB, status: r.status, stderr: r.stderr.toString(), hash: createHash('sha256').update(out).digest('hex'), bytes: out.length };
}

/** Self time per function of the .cpuprofile files in `dir` (main thread and workers together). */
function profileSummary(dir, top = 25) {
  const self = new Map();
  let total = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.cpuprofile'))) {
    const p = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    p.samples.forEach((id, i) => {
      const n = byId.get(id);
      const dt = p.timeDeltas[i] ?? 0;
      const key = `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + dt);
      total += dt;
    });
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, us]) => ({ function: fn, selfMs: us / 1000, share: us / total }));
}

export function run({ files = argValue('--files', 'GOVREPORT_BENCH_CLI_FILES', 10_000), rounds = argValue('--rounds', 'GOVREPORT_BENCH_CLI_ROUNDS', 3), profile = process.argv.includes('--profile') } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'govreport-bench-cli-'));
  try {
    writeFileSync(path.join(dir, 'cpu-hook.cjs'), CPU_HOOK);
    const corpus = path.join(dir, 'reports');
    const t0 = performance.now();
    const stats = corpusLib.writeCorpus(corpus, { files, seed: 1 });
    const genMs = performance.now() - t0;
    const cpus = os.availableParallelism();

    const workers = cpus > 1 && files >= 64 ? Math.min(cpus, Math.ceil(files / 32)) : 0;
    const modes = [
      { name: `default (${workers ? `${workers} workers` : 'in-process'})`, args: [] },
      { name: '--jobs 1 (in-process)', args: ['--jobs', '1'] },
    ];
    const against = process.argv.indexOf('--against');
    if (against >= 0 && process.argv[against + 1]) modes.push({ name: `default, ${process.argv[against + 1]}`, args: [], bin: path.resolve(process.argv[against + 1]) });
    // warm the file cache and check that both modes agree before timing anything
    const first = modes.map((m) => runCli(dir, corpus, m.args, [], m.bin));
    const reference = first[0];
    if (reference.status !== 1) throw new Error(`unexpected exit code ${reference.status}: ${reference.stderr}`);
    const samples = modes.map(() => []);
    const cpu = modes.map(() => []);
    const peak = modes.map(() => []);
    const load = [];
    for (let r = 0; r < rounds; r++) {
      for (const [i, m] of modes.entries()) {
        load.push(os.loadavg()[0]);
        const res = runCli(dir, corpus, m.args, [], m.bin);
        for (const [what, a, b] of [
          ['exit code', res.status, reference.status],
          ['stdout', res.hash, reference.hash],
          ['stderr', res.stderr, reference.stderr],
        ]) {
          if (a !== b) throw new Error(`${m.name}: ${what} differs from the first run (${a} vs ${b})`);
        }
        samples[i].push(res.ms);
        cpu[i].push(res.cpuMs);
        peak[i].push(res.peakMB);
      }
    }
    const [par, seq] = samples.map(median);
    const [parCpu, seqCpu] = cpu.map(median);
    const [parPeak] = peak.map(median);
    const rows = modes.map((m, i) => {
      const ms = median(samples[i]);
      const cpuMs = median(cpu[i]);
      return {
        mode: m.name,
        files: stats.files.length,
        ms,
        'files/s': stats.files.length / (ms / 1000),
        cpuMs,
        'cpu/wall': cpuMs / ms,
        peakMB: median(peak[i]),
        goal: i === 0 ? `< ${GOAL_MS / 1000} s, < ${GOAL_MB} MB` : '',
        met: i === 0 ? ms < GOAL_MS && parPeak < GOAL_MB : '',
      };
    });
    const summary = {
      files: stats.files.length,
      megabytes: stats.bytes / 1e6,
      pairedFiles: stats.pairedFiles,
      encodings: stats.byEncoding,
      outputBytes: reference.bytes,
      identical: true,
      cpus,
      workers,
      rounds,
      generateMs: genMs,
      speedup: seq / par,
      cpuOverhead: parCpu / seqCpu,
      loadAverage: median(load),
    };
    if (modes[2]) summary.againstRatio = median(samples[2]) / par;
    const result = { runs: rows, summary, samples: { default: samples[0], jobs1: samples[1], ...(modes[2] ? { against: samples[2] } : {}), peakMB: peak } };

    if (profile) {
      result.profile = {};
      for (const [i, m] of modes.entries()) {
        const profDir = path.join(dir, `prof-${i}`);
        runCli(dir, corpus, m.args, ['--cpu-prof', `--cpu-prof-dir=${profDir}`], m.bin);
        result.profile[m.name] = profileSummary(profDir);
      }
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function print(res) {
  const f = (rows) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? (k === 'files' ? v : k.endsWith('Ms') || k === 'ms' ? fmtMs(v) : k === 'files/s' || k === 'peakMB' ? v.toFixed(0) : v.toFixed(2)) : v]),
      ),
    );
  const s = res.summary;
  console.log(
    `\nCLI on ${s.files} files (${s.megabytes.toFixed(1)} MB, ${s.pairedFiles} previous-year pairs, encodings ${Object.entries(s.encodings)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}), ${s.cpus} CPUs, median of ${s.rounds} interleaved runs, outputs identical (${s.outputBytes} bytes of JSON)\n` +
      table(f(res.runs), ['mode', 'files', 'ms', 'files/s', 'cpuMs', 'cpu/wall', 'peakMB', 'goal', 'met']),
  );
  console.log(
    `speed-up (--jobs 1 time / default time): ${s.speedup.toFixed(2)}× on ${s.cpus} CPUs; CPU time of the parallel run / in-process: ${s.cpuOverhead.toFixed(2)}; load average during the runs: ${s.loadAverage.toFixed(2)}`,
  );
  if (s.againstRatio !== undefined) console.log(`time of ${res.runs[2].mode} / this build's default: ${s.againstRatio.toFixed(2)}`);
  if (s.workers > 1) {
    const got = res.runs[0]['cpu/wall'];
    if (got < 0.8 * s.workers) {
      console.log(
        `note: the parallel runs kept only ${got.toFixed(2)} of ${s.workers} CPUs busy (cpu/wall) — other processes were using the machine, so the times and the speed-up understate what ${s.workers} free CPUs give; cpuMs / ${s.workers} = ${fmtMs(res.runs[0].cpuMs / s.workers)} ms is the time with the CPUs to itself`,
      );
    }
  }
  if (res.profile) {
    for (const [mode, rows] of Object.entries(res.profile)) {
      console.log(`\nProfile, ${mode} (self time, all threads)\n` + table(rows.map((r) => ({ ...r, selfMs: fmtMs(r.selfMs), share: `${(r.share * 100).toFixed(1)}%` })), ['function', 'selfMs', 'share']));
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const res = run();
  print(res);
  console.log(`\nsaved ${saveResults('cli', res)}`);
}
