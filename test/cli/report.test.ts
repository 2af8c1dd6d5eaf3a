/**
 * `--format csv` and `--format html` of the real bundled command. The CSV is read back with a strict RFC 4180
 * parser written here and must give the JSON output's findings; the HTML page must be self-contained (nothing
 * to fetch, a Content-Security-Policy whose hashes match its own style and script). What the page shows in a
 * browser is tested with chromium in test/ui/report.test.mjs.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SEEDS } from '../helpers';
import { toSarif } from '../../server/src/cli/format-sarif';
import { cli, cliJson, tempDir, SEED_000, type JsonResult } from './_cli';
import { writeCorpus } from './_corpus';

/**
 * RFC 4180, strictly: records end with CRLF (the last one may too), fields are separated by commas, a quoted
 * field may hold commas, CR, LF and doubled quotes; a quote inside an unquoted field, or a bare CR or LF
 * outside quotes, is an error.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return records;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (i >= n) {
      records.push(record);
      return records;
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      records.push(record);
      record = [];
      if (i >= n) return records;
      continue;
    }
    throw new Error(`bare ${JSON.stringify(text[i])} at ${i} (records must end with CRLF)`);
  }
}

test('the CSV parser of this test is strict', () => {
  assert.deepEqual(parseCsv('a,b\r\n"x,""y""\r\nz",\r\n'), [['a', 'b'], ['x,"y"\r\nz', '']]);
  assert.throws(() => parseCsv('a,b\nc,d\n'), /CRLF/);
  assert.throws(() => parseCsv('a"b\r\n'), /quote/);
  assert.throws(() => parseCsv('"a\r\n'), /unterminated/);
});

/** The seeds, plus seed 000 under a name that needs quoting, in a fresh folder. */
function corpus(t: { after: (fn: () => void) => void }): string {
  const dir = tempDir(t);
  for (const f of fs.readdirSync(SEEDS).filter((x) => x.endsWith('.txt'))) fs.copyFileSync(path.join(SEEDS, f), path.join(dir, f));
  fs.copyFileSync(path.join(SEEDS, SEED_000), path.join(dir, '薛城,"区" 年报.txt'));
  return dir;
}

const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

test('--format csv: BOM, CRLF, a header row, then one row per finding equal to the JSON output', (t) => {
  const dir = corpus(t);
  const json = cliJson(['.'], { cwd: dir });
  const r = cli(['--format', 'csv', '.'], { cwd: dir });
  assert.equal(r.status, json.status, r.stderr);
  const bytes = Buffer.from(r.stdout, 'utf8');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark first');
  const records = parseCsv(r.stdout.slice(1));
  assert.deepEqual(records[0], ['文件', '行', '列', '级别', '规则', '说明', '页码']);
  const rows = records.slice(1);
  const expected = json.results.flatMap((f: JsonResult) =>
    f.messages.map((m) => [path.basename(f.filePath), String(m.line), String(m.column), SEVERITY_ZH[m.severity], m.ruleId, m.message, '']),
  );
  assert.ok(expected.length >= 20, `the seeds give findings (${expected.length})`);
  assert.ok(expected.some((e) => e[0] === '薛城,"区" 年报.txt'), 'the file name that needs quoting is among the findings');
  assert.deepEqual(rows, expected);
  for (const row of rows) assert.equal(row.length, 7);
});

test('--format csv --lang en: English header and severities; a clean file gives the header only', (t) => {
  const dir = tempDir(t);
  fs.copyFileSync(path.join(SEEDS, '002_1e18ee42ea4018a5.txt'), path.join(dir, 'clean.txt'));
  fs.copyFileSync(path.join(SEEDS, SEED_000), path.join(dir, 'a.txt'));
  const r = cli(['--format', 'csv', '--lang', 'en', 'a.txt', 'clean.txt'], { cwd: dir });
  const records = parseCsv(r.stdout.replace(/^\uFEFF/, ''));
  assert.deepEqual(records[0], ['file', 'line', 'column', 'severity', 'rule', 'message', 'page']);
  assert.deepEqual([...new Set(records.slice(1).map((x) => x[3]))].sort(), ['error', 'info', 'warning']);
  assert.ok(records.slice(1).every((x) => x[0] === 'a.txt'));
  const clean = cli(['--format', 'csv', 'clean.txt'], { cwd: dir });
  assert.equal(clean.status, 0);
  assert.equal(clean.stdout, '\uFEFF文件,行,列,级别,规则,说明,页码\r\n');
});

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

test('--format html -o: one self-contained page, nothing to fetch, its CSP allows only its own style and script', (t) => {
  const dir = corpus(t);
  const out = path.join(dir, 'out', 'report.html');
  const r = cli(['--format', 'html', '-o', out, '.'], { cwd: dir });
  assert.equal(r.stdout, '', 'written to the file, not to stdout');
  const html = fs.readFileSync(out, 'utf8');
  assert.match(html, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
  assert.match(html, /<title>政府信息公开工作年度报告检查结果<\/title>/);
  // nothing that loads: no src attributes, no stylesheet links, only in-page anchors
  assert.doesNotMatch(html, /\ssrc\s*=/i);
  assert.doesNotMatch(html, /<link\b/i);
  assert.doesNotMatch(html, /@import|url\(/i);
  for (const m of html.matchAll(/\shref="([^"]*)"/g)) assert.match(m[1], /^#/, `link ${m[1]}`);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp, 'a Content-Security-Policy');
  assert.match(csp, /default-src 'none'/);
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  assert.ok(csp.includes(`style-src 'sha256-${sha256(style)}'`), 'the style hash matches');
  assert.ok(csp.includes(`script-src 'sha256-${sha256(script)}'`), 'the script hash matches');
  assert.equal((html.match(/<style>/g) ?? []).length, 1);
  assert.equal((html.match(/<script>/g) ?? []).length, 1);
  assert.doesNotMatch(html, /\sstyle="/, 'no style attributes (the CSP would block them)');
  assert.doesNotMatch(html, /\son[a-z]+="/, 'no inline event handlers');
  // one section per file, each linked from the summary; the file name that needs escaping is escaped
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt'));
  for (let k = 1; k <= files.length; k++) {
    assert.ok(html.includes(`href="#file-${k}"`), `summary link ${k}`);
    assert.ok(html.includes(`id="file-${k}"`), `section ${k}`);
  }
  assert.ok(html.includes('薛城,&quot;区&quot; 年报.txt'));
});

test('--format html --lang en: English page; the official table headers stay as printed', (t) => {
  const dir = tempDir(t);
  fs.copyFileSync(path.join(SEEDS, SEED_000), path.join(dir, 'a.txt'));
  const r = cli(['--format', 'html', '--lang', 'en', 'a.txt'], { cwd: dir });
  assert.equal(r.status, 1, 'seed 000 has an error');
  assert.match(r.stdout, /<html lang="en">/);
  assert.match(r.stdout, /<title>Government information disclosure annual reports: check results<\/title>/);
  assert.match(r.stdout, /should be 0/);
  assert.ok(r.stdout.includes('<th scope="col">自然人</th>') || r.stdout.includes('>自然人</th>'));
});

test('bad --format names html and csv among the choices', () => {
  const r = cli(['--format', 'pdf', 'x.txt']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /html、csv/);
});

test('100 varied files: html and csv are the same whether checked in worker threads or in-process', (t) => {
  const tmp = tempDir(t);
  const stats = writeCorpus(path.join(tmp, 'reports'), { files: 100, seed: 11 });
  assert.ok(stats.withErrors >= 10, JSON.stringify(stats));
  const undated = (html: string) => html.replace(/<p class="muted">由 govreport-lint [^<]*<\/p>/, '');
  for (const format of ['html', 'csv']) {
    const run = (jobs: string): string => {
      const out = path.join(tmp, `jobs${jobs}.${format}`);
      const r = cli(['--format', format, '--jobs', jobs, '-o', out, 'reports'], { cwd: tmp });
      assert.equal(r.stderr, '');
      const text = fs.readFileSync(out, 'utf8');
      return format === 'html' ? undated(text) : text;
    };
    const one = run('1');
    assert.equal(run('2'), one, format);
    if (format === 'html') assert.ok((one.match(/<td [^>]*class="wrong"/g) ?? []).length >= 5, 'wrong cells drawn');
  }
});

test('SARIF: helpUri is the installed page, or left out when the pages are not installed', () => {
  const docs = path.join(ROOT, 'docs', 'rules');
  const withDocs = toSarif([], { lang: 'zh', cwd: ROOT, version: '0', docsDir: docs }).runs[0].tool.driver.rules;
  for (const r of withDocs) assert.equal(r.helpUri, pathToFileURL(path.join(docs, `${r.id}.md`)).href);
  const without = toSarif([], { lang: 'zh', cwd: ROOT, version: '0', docsDir: undefined }).runs[0].tool.driver.rules;
  assert.ok(without.length > 30);
  for (const r of without) assert.equal('helpUri' in r, false, r.id);
  const elsewhere = toSarif([], { lang: 'zh', cwd: ROOT, version: '0', docsDir: path.join(ROOT, 'no-such-folder') }).runs[0].tool.driver.rules;
  for (const r of elsewhere) assert.equal('helpUri' in r, false, r.id);
});
