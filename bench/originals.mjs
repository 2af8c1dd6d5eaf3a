// Originals (issue 10): a folder of published originals — Word files and web pages generated from report models
// with varied values (test/gen/originals.ts), half of the pages in GBK, plus the real page
// test/fixtures/originals/sh-szfbgt_2019.html — checked by the bundled CLI as a child process
// (`node bin/govreport-lint.js --format json --jobs 1 <folder>`), against the same reports as hand-made text files
// (the baseline), interleaved. Prints reports per second for both and the ratio (the cost of reading originals),
// and, in-process, the time the readers take per report against the time the check takes on the text they read.
//
// Usage: node bench/originals.mjs [--files N] [--rounds N]   (N originals of each kind; default 40, 5 rounds)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmtMs, median, requireBuilt, ROOT, saveResults, table } from './lib.mjs';

const require = createRequire(import.meta.url);
const BIN = path.join(ROOT, 'bin', 'govreport-lint.js');
requireBuilt('server/out/cli.js');
requireBuilt('server/out/readers/docx.js');
const gen = require(requireBuilt('out/test/gen/originals.js'));
const { readOriginal } = require(requireBuilt('out/server/src/readers/index.js'));
const { lint } = require(requireBuilt('out/server/src/core/index.js'));
const PAGE = path.join(ROOT, 'test', 'fixtures', 'originals', 'sh-szfbgt_2019.html');

function argValue(name, env, dflt) {
  const i = process.argv.indexOf(name);
  if (i >= 0 && process.argv[i + 1]) return Number(process.argv[i + 1]);
  if (process.env[env]) return Number(process.env[env]);
  return dflt;
}

async function makeCorpus(n) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'govreport-bench-originals-'));
  const orig = path.join(dir, 'originals');
  const text = path.join(dir, 'text');
  mkdirSync(orig);
  mkdirSync(text);
  for (let i = 0; i < n; i++) {
    const m = gen.originalModel({ seed: i + 1 });
    const hand = gen.handText(m);
    writeFileSync(path.join(orig, `r${i}.docx`), await gen.toDocx(m));
    writeFileSync(path.join(text, `r${i}-docx.txt`), hand);
    writeFileSync(path.join(orig, `p${i}.html`), gen.toHtml(m, { encoding: i % 2 ? 'gbk' : 'utf-8', meta: i % 3 === 0 ? 'none' : 'charset' }));
    writeFileSync(path.join(text, `p${i}-html.txt`), hand);
  }
  copyFileSync(PAGE, path.join(orig, 'sh-szfbgt_2019.html'));
  writeFileSync(path.join(text, 'sh-szfbgt_2019.txt'), (await readOriginal('x.html', readFileSync(PAGE))).text);
  return { dir, orig, text, files: 2 * n + 1 };
}

function runCli(folder) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, '--format', 'json', '--jobs', '1', folder], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`CLI exit ${r.status}: ${r.stderr.slice(0, 500)}`);
  const results = JSON.parse(r.stdout);
  return { ms, findings: results.reduce((k, x) => k + x.messages.length, 0), files: results.length };
}

export async function run() {
  const n = argValue('--files', 'GOVREPORT_BENCH_ORIGINALS_FILES', 40);
  const rounds = argValue('--rounds', 'GOVREPORT_BENCH_ORIGINALS_ROUNDS', 5);
  const c = await makeCorpus(n);
  try {
    // the same findings either way (the readers lose nothing the check needs)
    const o0 = runCli(c.orig);
    const t0 = runCli(c.text);
    if (o0.files !== c.files || t0.files !== c.files) throw new Error(`files checked: ${o0.files} originals, ${t0.files} texts, ${c.files} expected`);
    if (o0.findings !== t0.findings) throw new Error(`findings differ: ${o0.findings} on originals, ${t0.findings} on texts`);
    const o = [];
    const t = [];
    for (let i = 0; i < rounds; i++) {
      t.push(runCli(c.text).ms);
      o.push(runCli(c.orig).ms);
    }
    const mo = median(o);
    const mt = median(t);
    // in-process: reader vs check, per report
    const names = ['r0.docx', 'p0.html', 'p1.html', 'sh-szfbgt_2019.html'];
    const perKind = [];
    for (const name of names) {
      const bytes = readFileSync(path.join(c.orig, name));
      const text = (await readOriginal(name, bytes)).text;
      for (let w = 0; w < 3; w++) {
        await readOriginal(name, bytes);
        lint(text);
      }
      const rt = [];
      const lt = [];
      for (let i = 0; i < 15; i++) {
        let s = performance.now();
        await readOriginal(name, bytes);
        rt.push(performance.now() - s);
        s = performance.now();
        lint(text);
        lt.push(performance.now() - s);
      }
      perKind.push({ file: name, bytes: bytes.length, readMs: median(rt), checkMs: median(lt), ratio: median(rt) / median(lt) });
    }
    return {
      files: c.files,
      findings: o0.findings,
      originalsMs: mo,
      textMs: mt,
      originalsPerSecond: c.files / (mo / 1000),
      textPerSecond: c.files / (mt / 1000),
      ratio: mo / mt,
      rounds,
      perKind,
    };
  } finally {
    rmSync(c.dir, { recursive: true, force: true });
  }
}

export function print(r) {
  console.log(`${r.files} originals (Word, web pages UTF-8/GBK, one real page) vs the same reports as text, CLI --jobs 1, ${r.rounds} rounds; ${r.findings} findings either way`);
  console.log(
    table(
      [
        { input: 'originals', 'median ms': fmtMs(r.originalsMs), 'reports/s': r.originalsPerSecond.toFixed(1) },
        { input: 'text', 'median ms': fmtMs(r.textMs), 'reports/s': r.textPerSecond.toFixed(1) },
      ],
      ['input', 'median ms', 'reports/s'],
    ),
  );
  console.log(`ratio originals/text: ${r.ratio.toFixed(2)}×`);
  console.log(
    table(
      r.perKind.map((k) => ({ file: k.file, bytes: k.bytes, 'read ms': fmtMs(k.readMs), 'check ms': fmtMs(k.checkMs), 'read/check': k.ratio.toFixed(2) })),
      ['file', 'bytes', 'read ms', 'check ms', 'read/check'],
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await run();
  print(r);
  saveResults('originals', r);
}
