// Core benchmarks: parse + all rules vs the floor (read the bytes, decode UTF-8, split lines), vs
// markdownlint on the same text (per byte), and scaling with input size.
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { compare, fmtMs, requireBuilt, ROOT, table } from './lib.mjs';

const require = createRequire(import.meta.url);
const core = require(requireBuilt('out/server/src/core/index.js'));
const gen = require(requireBuilt('out/test/gen/report.js'));
const { lint: mdlint } = await import('markdownlint/sync');

const seedsDir = path.join(ROOT, 'test', 'fixtures', 'seeds');
const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ name: f.slice(0, 3), text: readFileSync(path.join(seedsDir, f), 'utf8') }));

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
  return { floor: floorRows, markdownlint: mdRows, scaling: scaleRows };
}

export function print(res) {
  const f = (rows) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? (k === 'bytes' ? v : k.endsWith('Ms') || k === 'ms' ? fmtMs(v) : v.toFixed(2)) : v])));
  console.log('\nCore vs the floor (read + decode + split lines)\n' + table(f(res.floor), ['input', 'bytes', 'floorMs', 'coreMs', 'ratio', 'goal', 'met']));
  console.log('\nCore vs markdownlint on the same text\n' + table(f(res.markdownlint), ['input', 'bytes', 'markdownlintMs', 'coreMs', 'ratio', 'goal', 'met']));
  console.log('\nScaling\n' + table(f(res.scaling), ['input', 'ms', 'time ratio vs 1×', 'per-size ratio', 'goal', 'met']));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const res = run();
  print(res);
}
