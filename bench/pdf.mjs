// PDF reader speed: the time to read a published report with readPdf (server/src/readers/pdf.ts: text runs,
// ruling lines from the operator list, rows and cells rebuilt) against pdf.js's own plain text extraction of
// the same file (getDocument + getTextContent on every page, strings joined) — the least any PDF reader built
// on pdf.js must do. Both load the document from bytes each time, with the same options and the same pdf.js
// module; runs are interleaved so machine noise hits both alike. Goal: ratio ≤ 1.5.
//
// Usage: node bench/pdf.mjs [--rounds N]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { fmtMs, median, requireBuilt, ROOT, saveResults, table } from './lib.mjs';

const require = createRequire(import.meta.url);
const GOAL = 1.5;
const FILES = ['huaian-szf_2024.pdf', 'hongze-qzf_2023.pdf', 'hongze-qzf_2024.pdf', 'gen-report.pdf'];

function argValue(name, env, dflt) {
  const i = process.argv.indexOf(name);
  if (i >= 0 && process.argv[i + 1]) return Number(process.argv[i + 1]);
  if (process.env[env]) return Number(process.env[env]);
  return dflt;
}

export async function run() {
  const { readPdf } = require(requireBuilt('out/server/src/readers/pdf.js'));
  const pkg = path.dirname(require.resolve('pdfjs-dist/package.json', { paths: [path.join(ROOT, 'server')] }));
  // First read loads pdf.js (and installs its in-thread worker); the baseline then uses that same module.
  await readPdf(new Uint8Array(readFileSync(path.join(ROOT, 'test/fixtures/originals/pdf', FILES[0]))));
  const pdfjs = await import(pathToFileURL(path.join(pkg, 'legacy/build/pdf.mjs')).href);
  const cmaps = path.join(pkg, 'cmaps');
  class CMapReader {
    async fetch({ name }) {
      return { cMapData: new Uint8Array(readFileSync(path.join(cmaps, `${name}.bcmap`))), isCompressed: true };
    }
  }
  async function plainText(bytes) {
    const doc = await pdfjs.getDocument({
      data: bytes.slice(),
      CMapReaderFactory: CMapReader,
      cMapUrl: 'bundled/',
      cMapPacked: true,
      disableFontFace: true,
      useSystemFonts: false,
      isEvalSupported: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      verbosity: 0,
    }).promise;
    let text = '';
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      text += content.items.map((i) => i.str ?? '').join('') + '\n';
    }
    await doc.destroy();
    return text;
  }
  const rounds = argValue('--rounds', 'GOVREPORT_BENCH_PDF_ROUNDS', 7);
  const rows = [];
  let baseTotal = 0;
  let subjTotal = 0;
  for (const f of FILES) {
    const bytes = new Uint8Array(readFileSync(path.join(ROOT, 'test/fixtures/originals/pdf', f)));
    for (let i = 0; i < 2; i++) {
      await plainText(bytes);
      await readPdf(bytes);
    }
    const b = [];
    const s = [];
    for (let i = 0; i < rounds; i++) {
      let t0 = performance.now();
      await plainText(bytes);
      b.push(performance.now() - t0);
      t0 = performance.now();
      await readPdf(bytes);
      s.push(performance.now() - t0);
    }
    const mb = median(b);
    const ms = median(s);
    baseTotal += mb;
    subjTotal += ms;
    rows.push({ file: f, kb: (bytes.length / 1024).toFixed(0), plainTextMs: mb, readPdfMs: ms, ratio: ms / mb, rounds });
  }
  return { goal: GOAL, files: rows, total: { plainTextMs: baseTotal, readPdfMs: subjTotal, ratio: subjTotal / baseTotal } };
}

export function print(res) {
  console.log(
    '\nPDF reader vs pdf.js plain text extraction (median ms per file, bytes in → text out)\n' +
      table(
        res.files.map((r) => ({ ...r, plainTextMs: fmtMs(r.plainTextMs), readPdfMs: fmtMs(r.readPdfMs), ratio: r.ratio.toFixed(2) + '×' })),
        ['file', 'kb', 'plainTextMs', 'readPdfMs', 'ratio', 'rounds'],
      ),
  );
  const ok = res.total.ratio <= res.goal;
  console.log(`all files: ${fmtMs(res.total.readPdfMs)} ms vs ${fmtMs(res.total.plainTextMs)} ms = ${res.total.ratio.toFixed(2)}× (goal ≤ ${res.goal}×) ${ok ? 'OK' : 'OVER GOAL'}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const res = await run();
  print(res);
  console.log(`\nsaved ${saveResults('pdf', res)}`);
}
