/**
 * The outline and folding of a large document report by report (server/src/lsp/segment-views.ts) equal the views
 * of the whole document after any sequence of edits, and parse only the reports whose text changed.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalLinter } from '../../server/src/core/incremental';
import { SegmentViews, type SegmentedDocument } from '../../server/src/lsp/segment-views';
import { foldingView, inlayView, symbolsView } from '../../server/src/lsp/translate';
import { generateReport, rng } from '../gen/report';
import { readFixture, seedNames } from '../helpers';

function randomEdit(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  const kind = rand();
  if (kind < 0.3) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rand() * 20)));
  return text.slice(0, at) + ['0', '1', '\n', '\n\n\n', '一、总体情况\n', '（二）', '\t5'][Math.floor(rand() * 7)] + text.slice(at);
}

/** The linter's result as the service hands it to the views, counting the reports parsed for them. */
function segmented(r: ReturnType<IncrementalLinter['lint']>, parsed: Set<number>): SegmentedDocument {
  return {
    segments: r.segments,
    index: r.index,
    reportAt: (j) => {
      parsed.add(j);
      return r.reportAt(j);
    },
  };
}

test('outline, folding and inlay hints report by report = of the whole document, after random edits; unchanged reports are not parsed', { timeout: 120_000 }, () => {
  const seeds = seedNames().map((n) => readFixture('seeds', n));
  const parts = [
    ...seeds,
    // the same text twice (a report kept under one name at two places), and a report without a title
    seeds[0],
    generateReport({ seed: 11, agency: '第11测试局' }).replace(/^.*年度报告.*$/m, ''),
    ...[1, 2, 3, 4].map((seed) => generateReport({ seed, layout: (['L1', 'L2', 'L3', 'L4', 'L5'] as const)[seed % 5], agency: `第${seed}测试局` })),
  ];
  let text = parts.map((p) => (p.endsWith('\n') ? p : p + '\n')).join('');
  const inc = new IncrementalLinter(5000, 64);
  const views = new SegmentViews();
  const rand = rng(99);
  let parsedForViews = 0;
  let segmentsSeen = 0;
  let hinted = 0;
  for (let step = 0; step < 50; step++) {
    if (step > 0) text = randomEdit(text, rand);
    // every so often a larger move: a line inserted at the top moves every report
    if (step % 17 === 5) text = '说明\n' + text;
    const r = inc.lint(text);
    const lang = step % 7 === 3 ? 'en' : 'zh';
    const parsed = new Set<number>();
    const doc = segmented(r, parsed);
    const symbols = views.symbols(doc, lang);
    const folding = views.folding(doc);
    const hints = views.inlay(doc, r.findings, lang);
    const reports = r.reports();
    assert.deepEqual(symbols, symbolsView(reports, lang), `symbols, step ${step}`);
    assert.deepEqual(folding, foldingView(reports), `folding, step ${step}`);
    assert.deepEqual(hints, inlayView(reports, r.findings, lang), `inlay hints, step ${step}`);
    hinted += hints.length;
    if (step > 0) {
      parsedForViews += parsed.size;
      segmentsSeen += r.segments.length;
    }
  }
  assert.ok(segmentsSeen > 49 * 8, `the document holds many reports (${segmentsSeen})`);
  assert.ok(parsedForViews < segmentsSeen / 4, `views parsed ${parsedForViews} of ${segmentsSeen} reports`);
  assert.ok(hinted > 50, `inlay hints were compared (${hinted})`);
});

test('a document that becomes a single report and several again', () => {
  const a = generateReport({ seed: 21, agency: '第21测试局' });
  const b = generateReport({ seed: 22, agency: '第22测试局' });
  const inc = new IncrementalLinter();
  const views = new SegmentViews();
  for (const text of [`${a}\n${b}\n`, `${a}\n`, `${a}\n${b}\n`, `${b}\n${a}\n`]) {
    const r = inc.lint(text);
    const doc = segmented(r, new Set());
    assert.deepEqual(views.symbols(doc, 'zh'), symbolsView(r.reports(), 'zh'));
    assert.deepEqual(views.folding(doc), foldingView(r.reports()));
  }
});
