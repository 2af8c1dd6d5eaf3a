// Core benchmarks: parse + all rules vs the floor (read the bytes, decode UTF-8, split lines), vs
// markdownlint on the same text (per byte), scaling with input size, the real reports checked one after another as
// the CLI checks them (ms per report), and whether the findings are still byte-identical to the baseline
// (bench/baseline/core-findings.json: a digest per text of 700 texts — real reports, generated reports of every
// layout with mutations, glued text, truncations and concatenations; `--write-baseline` writes it anew).
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { compare, fmtMs, requireBuilt, ROOT, table } from './lib.mjs';

const require = createRequire(import.meta.url);
const core = require(requireBuilt('out/server/src/core/index.js'));
const gen = require(requireBuilt('out/test/gen/report.js'));
const { lint: mdlint } = await import('markdownlint/sync');

const glued = require(requireBuilt('out/test/gen/glued.js'));

const seedsDir = path.join(ROOT, 'test', 'fixtures', 'seeds');
const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ name: f.slice(0, 3), text: readFileSync(path.join(seedsDir, f), 'utf8') }));
const realDir = path.join(ROOT, 'test', 'fixtures', 'real');
const reals = readdirSync(realDir).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ name: f.slice(0, 2), text: readFileSync(path.join(realDir, f), 'utf8') }));
/** The samples and the real text fixtures: the reports of the per-report and concatenation goals. */
const realReports = [...seeds, ...reals];

const BASELINE = path.join(ROOT, 'bench', 'baseline', 'core-findings.json');

/** The texts whose findings must not change: deterministic, built from the fixtures and the generator. */
function identityTexts() {
  const texts = realReports.map((r) => r.text);
  const base = texts.length;
  for (let i = 0; i < 600; i++) {
    let t = gen.generateReport({ format: i % 2 ? 'F2019' : 'F2021', layout: ['L1', 'L2', 'L3', 'L4', 'L5'][i % 5], seed: i + 1, agency: `第${i % 37}号测试局`, year: 2019 + (i % 5) });
    const r = (i * 7919) % 1000;
    if (i % 3 === 1) {
      const lines = t.split('\n');
      const k = r % lines.length;
      lines[k] = lines[k].replace(/\d/, (d) => String((+d + 1) % 10));
      t = lines.join('\n');
    }
    if (i % 5 === 2) {
      const lines = t.split('\n');
      lines.splice(r % lines.length, 1);
      t = lines.join('\n');
    }
    if (i % 7 === 3) t = glued.glue(t);
    if (i % 11 === 4) t = t.replace(/\n/g, '\r\n');
    texts.push(t);
  }
  for (let i = 0, n = texts.length; i < n; i++) if (i % 9 === 0) texts.push(texts[i].slice(0, Math.floor(texts[i].length * 0.6)));
  texts.push(texts.slice(0, 30).join('\n'));
  texts.push(texts.slice(base, base + 40).join('\n'));
  return texts;
}

/** A digest of each text's findings (all fields, fixes included), with same-year comparison on. */
function findingDigests() {
  return identityTexts().map((t) => createHash('sha256').update(JSON.stringify(core.checkDocument(t, { sameYear: 'all' }).findings)).digest('hex').slice(0, 16));
}

/** Varied reports (both formats, all layouts, random values) concatenated up to `bytes`. */
export function synthetic(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t =
      i % 3 === 0
        ? seeds[i % seeds.length].text
        : gen.generateReport({ format: i % 4 === 1 ? 'F2019' : 'F2021', layout: ['L1', 'L2', 'L3', 'L4', 'L5'][i % 5], seed: i + 1, agency: `第${i}号测试局` });
    parts.push(t.endsWith('\n') ? t : t + '\n');
    size += Buffer.byteLength(parts[parts.length - 1]);
  }
  return parts.join('');
}

/** One report whose narrative is inflated to `bytes` (a single huge report, no splitting). */
export function hugeSingle(bytes) {
  const base = gen.generateReport({ seed: 3 });
  const para = '本机关坚持以公开为常态、不公开为例外，持续完善政府信息公开工作机制，及时回应社会关切，主动公开各类信息。\n';
  const n = Math.ceil(Math.max(0, bytes - Buffer.byteLength(base)) / Buffer.byteLength(para));
  return base.replace('（二）依申请公开方面', para.repeat(n) + '（二）依申请公开方面');
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'govreport-bench-'));
function onDisk(name, text) {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

const decoder = new TextDecoder('utf-8');
const floorOf = (file) => () => core.splitLines(decoder.decode(readFileSync(file)));
const coreOf = (file) => () => core.lint(decoder.decode(readFileSync(file)));

/** No finding changes: the digests against the committed baseline (or written anew with --write-baseline). */
export function identityCheck() {
  const digests = findingDigests();
  if (process.argv.includes('--write-baseline')) {
    writeFileSync(BASELINE, JSON.stringify({ note: 'sha256 (16 hex) of the findings of each text of bench/core.mjs identityTexts()', digests }) + '\n');
    return [{ texts: digests.length, baseline: 'written', changed: 0, met: true }];
  }
  let base;
  try {
    base = JSON.parse(readFileSync(BASELINE, 'utf8')).digests;
  } catch {
    base = undefined;
  }
  const changed = base ? digests.filter((d, i) => d !== base[i]).length + Math.abs(base.length - digests.length) : undefined;
  return [{ texts: digests.length, baseline: base ? path.relative(ROOT, BASELINE) : 'missing', changed: changed ?? '', met: changed === 0 }];
}

export function run() {
  const inputs = [
    ...seeds.map((s) => ({ name: `seed ${s.name}`, text: s.text })),
    { name: 'synthetic 1 MB', text: synthetic(1 << 20) },
    { name: 'synthetic 10 MB', text: synthetic(10 << 20) },
    { name: 'one 1 MB report', text: hugeSingle(1 << 20) },
  ];
  const floorRows = [];
  for (const inp of inputs) {
    const file = onDisk(inp.name.replace(/\s/g, '_') + '.txt', inp.text);
    const big = inp.text.length > 5e6;
    const r = compare(floorOf(file), coreOf(file), { rounds: big ? 5 : 15, warmup: big ? 1 : 3 });
    floorRows.push({ input: inp.name, bytes: Buffer.byteLength(inp.text), floorMs: r.baselineMs, coreMs: r.subjectMs, ratio: r.ratio, goal: '≤ 3', met: r.ratio <= 3 });
  }

  // the real reports concatenated in one document
  {
    const text = realReports.map((r) => (r.text.endsWith('\n') ? r.text : r.text + '\n')).join('');
    const file = onDisk('real_concatenated.txt', text);
    const r = compare(floorOf(file), coreOf(file), { rounds: 15, warmup: 3 });
    floorRows.push({ input: `real reports concatenated (${realReports.length})`, bytes: Buffer.byteLength(text), floorMs: r.baselineMs, coreMs: r.subjectMs, ratio: r.ratio, goal: '≤ 3', met: r.ratio <= 3 });
  }
  for (const row of floorRows) if (/^synthetic/.test(row.input)) Object.assign(row, { goal: '≤ 5', met: row.ratio <= 5 });

  // the real reports checked one after another in one process, as the CLI checks them: each file read, decoded
  // and checked once per round (checkDocument); the floor reads, decodes and splits the same files
  const files = realReports.map((r, i) => onDisk(`real_${String(i).padStart(2, '0')}.txt`, r.text));
  const seqCore = () => {
    for (const f of files) core.checkDocument(decoder.decode(readFileSync(f)));
  };
  const seqFloor = () => {
    for (const f of files) core.splitLines(decoder.decode(readFileSync(f)));
  };
  const seq = compare(seqFloor, seqCore, { rounds: 41, warmup: 5 });
  const perReport = seq.subjectMs / files.length;
  const sequential = [{ reports: files.length, floorMsPerReport: seq.baselineMs / files.length, coreMsPerReport: perReport, ratio: seq.ratio, goal: '≤ 0.7 ms', met: perReport <= 0.7 }];

  const identity = identityCheck();

  // markdownlint on the same text, per byte
  const mdRows = [];
  for (const inp of [inputs[0], inputs[seeds.length]]) {
    const text = inp.text;
    const r = compare(
      () => mdlint({ strings: { doc: text } }),
      () => core.lint(text),
      { rounds: 7, warmup: 2 },
    );
    mdRows.push({ input: inp.name, bytes: Buffer.byteLength(text), markdownlintMs: r.baselineMs, coreMs: r.subjectMs, ratio: r.ratio, goal: '< 1', met: r.ratio < 1 });
  }

  // scaling 1×, 10×, 100×
  const unit = synthetic(64 << 10);
  const scale = [1, 10, 100].map((k) => ({ k, text: unit.repeat(k) }));
  const times = scale.map(({ text }) => {
    const r = compare(() => 0, () => core.lint(text), { rounds: text.length > 3e6 ? 5 : 11, warmup: 2 });
    return r.subjectMs;
  });
  const scaleRows = scale.map(({ k, text }, i) => ({
    input: `${k}× (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB)`,
    ms: times[i],
    'time ratio vs 1×': times[i] / times[0],
    'per-size ratio': times[i] / times[0] / k,
    goal: k === 1 ? '' : `≤ ${(k * 1.05).toFixed(1)}`,
    met: k === 1 ? '' : times[i] / times[0] <= k * 1.05,
  }));
  return { floor: floorRows, sequential, identity, markdownlint: mdRows, scaling: scaleRows };
}

export function print(res) {
  const f = (rows) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? (k === 'bytes' || k === 'reports' ? v : k.endsWith('PerReport') ? v.toFixed(3) : k.endsWith('Ms') || k === 'ms' ? fmtMs(v) : v.toFixed(2)) : v])));
  console.log('\nCore vs the floor (read + decode + split lines)\n' + table(f(res.floor), ['input', 'bytes', 'floorMs', 'coreMs', 'ratio', 'goal', 'met']));
  console.log('\nReal reports checked one after another (per report)\n' + table(f(res.sequential), ['reports', 'floorMsPerReport', 'coreMsPerReport', 'ratio', 'goal', 'met']));
  console.log('\nFindings vs the baseline (byte-identical)\n' + table(res.identity, ['texts', 'baseline', 'changed', 'met']));
  console.log('\nCore vs markdownlint on the same text\n' + table(f(res.markdownlint), ['input', 'bytes', 'markdownlintMs', 'coreMs', 'ratio', 'goal', 'met']));
  console.log('\nScaling\n' + table(f(res.scaling), ['input', 'ms', 'time ratio vs 1×', 'per-size ratio', 'goal', 'met']));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--identity') || process.argv.includes('--write-baseline')) {
    const rows = identityCheck();
    console.log(table(rows, ['texts', 'baseline', 'changed', 'met']));
    if (!rows[0].met) process.exitCode = 1;
  } else {
    print(run());
  }
}
