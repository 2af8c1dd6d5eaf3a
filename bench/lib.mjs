// Timing helpers for the benchmarks: every goal is a ratio measured in one run against a baseline on the
// same input, interleaving baseline and subject so machine noise hits both alike.
import { performance } from 'node:perf_hooks';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Times fn once (ms). */
export function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export async function timeAsync(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Interleaves baseline and subject `rounds` times after `warmup` rounds; returns medians and the ratio of
 * medians. Rounds are capped by a time budget so huge inputs stay bounded.
 */
export function compare(baseline, subject, { rounds = 15, warmup = 3, budgetMs = 20000 } = {}) {
  for (let i = 0; i < warmup; i++) {
    baseline();
    subject();
  }
  const b = [];
  const s = [];
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) {
    b.push(time(baseline));
    s.push(time(subject));
    if (i >= 2 && performance.now() - t0 > budgetMs) break;
  }
  const mb = median(b);
  const ms = median(s);
  return { baselineMs: mb, subjectMs: ms, ratio: ms / mb, rounds: b.length };
}

export function fmtMs(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

export function saveResults(name, data) {
  const dir = path.join(ROOT, 'bench', 'results');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, ...data }, null, 2));
  return file;
}

export function requireBuilt(rel) {
  const p = path.join(ROOT, rel);
  if (!existsSync(p)) {
    console.error(`${rel} is missing: run "npm run build && npm run compile-tests" first (npm run bench does it).`);
    process.exit(2);
  }
  return p;
}
