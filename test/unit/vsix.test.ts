/**
 * The VSIX users install (`npm run package` = scripts/package.mjs): small, and only the files the whitelist
 * `.vscodeignore` lets through — bundles, grammar, language configuration, nls files, icon, docs — with every
 * file the manifest refers to present. The zip is read with a small central-directory reader + node's zlib.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { RULE_METAS } from '../../server/src/core';
import { ROOT } from '../helpers';

/**
 * The extension without pdf.js (loaded only to read a PDF original): the bundles, the Word and web-page readers
 * (loaded lazily too), the rule pages and the preview's script.
 */
const MAX_BYTES = 1024 * 1024;
/** The whole VSIX, pdf.js and its CMaps included: the budget of issue 10. */
const MAX_TOTAL_BYTES = 3 * 1024 * 1024;
const PDFJS = 'extension/server/out/pdfjs/';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The entries of a zip file's central directory (no zip64: a VSIX this small never needs it). */
export function zipEntries(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'not a zip file: no end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, `bad central directory header at ${p}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export function zipRead(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localOffset;
  assert.equal(buf.readUInt32LE(p), 0x04034b50, `bad local header for ${e.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return Buffer.from(data);
  assert.equal(e.method, 8, `${e.name}: compression method ${e.method}`);
  return zlib.inflateRawSync(data);
}

/** `.vscodeignore` glob -> RegExp (the subset vsce's minimatch patterns use here: `**`, `*`, `?`). */
function globToRegExp(glob: string): RegExp {
  let re = '';
  const g = glob.replace(/^\.?\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      // `**/` = any number of folders, `**` at the end = anything
      if (g[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function whitelist(): RegExp[] {
  const lines = fs
    .readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**', '.vscodeignore must start by excluding everything (a whitelist)');
  return lines.filter((l) => l.startsWith('!')).map((l) => globToRegExp(l.slice(1)));
}

let vsix: { file: string; buf: Buffer; entries: ZipEntry[]; files: string[] } | undefined;

function packaged() {
  if (vsix) return vsix;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-vsix-test-'));
  const file = path.join(dir, 'govreport-lint.vsix');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), '--out', file], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
  const buf = fs.readFileSync(file);
  const entries = zipEntries(buf);
  // vsce stores README.md / CHANGELOG.md as readme.md / changelog.md and an extension-less LICENSE as LICENSE.txt
  const renamed: Record<string, string> = { 'readme.md': 'README.md', 'changelog.md': 'CHANGELOG.md', 'LICENSE.txt': 'LICENSE' };
  const files = entries
    .filter((e) => e.name.startsWith('extension/'))
    .map((e) => e.name.slice('extension/'.length))
    .map((f) => renamed[f] ?? f);
  vsix = { file, buf, entries, files };
  return vsix;
}

test('the VSIX is smaller than 3 MB, and smaller than 1 MB without pdf.js', () => {
  const { buf, file, entries } = packaged();
  assert.ok(buf.length < MAX_TOTAL_BYTES, `${file} is ${(buf.length / 1024).toFixed(1)} KB`);
  const pdfjs = entries.filter((e) => e.name.startsWith(PDFJS)).reduce((n, e) => n + e.compressedSize, 0);
  assert.ok(buf.length - pdfjs < MAX_BYTES, `${file} is ${((buf.length - pdfjs) / 1024).toFixed(1)} KB without pdf.js`);
});

test('pdf.js ships as the PDF reader needs it: main module, in-thread worker, the GB CMaps, its licence', () => {
  const { files } = packaged();
  const pdfjs = files.filter((f) => f.startsWith('server/out/pdfjs/'));
  for (const f of ['legacy/build/pdf.mjs', 'legacy/build/pdf.worker.mjs', 'cmaps/UniGB-UCS2-H.bcmap', 'cmaps/Adobe-GB1-UCS2.bcmap', 'LICENSE']) {
    assert.ok(pdfjs.includes(`server/out/pdfjs/${f}`), `${f} missing`);
  }
  assert.deepEqual(pdfjs.filter((f) => !/\/(legacy\/build\/pdf(\.worker)?\.mjs|cmaps\/[\w-]*GB[\w-]*\.bcmap|LICENSE)$/.test(f)), []);
});

test('the VSIX holds only files of the .vscodeignore whitelist, and no sources, maps, tests or dependencies', () => {
  const { entries, files } = packaged();
  const allowed = whitelist();
  for (const e of entries) {
    if (e.name === '[Content_Types].xml' || e.name === 'extension.vsixmanifest') continue;
    assert.ok(e.name.startsWith('extension/'), `unexpected entry ${e.name}`);
  }
  const notAllowed = files.filter((f) => !allowed.some((re) => re.test(f)));
  assert.deepEqual(notAllowed, [], 'files outside the whitelist');
  const forbidden = files.filter(
    (f) => /(^|\/)(src|test|node_modules|docs|bench|scripts)\/|\.(ts|map|mjs)$/.test(f) && !f.startsWith('client/out/') && !f.startsWith('server/out/') && !/^docs\/rules\/[A-Za-z0-9-]+\.md$/.test(f),
  );
  assert.deepEqual(forbidden, []);
  assert.deepEqual(files.filter((f) => f.endsWith('.map') || f.endsWith('.ts')), []);
});

test('every file the manifest refers to is in the VSIX, and the bundles are minified', () => {
  const { buf, entries, files } = packaged();
  const has = (p: string) => files.includes(p.replace(/^\.\//, ''));
  const manifestEntry = entries.find((e) => e.name === 'extension/package.json');
  assert.ok(manifestEntry, 'no package.json');
  const manifest = JSON.parse(zipRead(buf, manifestEntry).toString('utf8'));
  const main = manifest.main.replace(/^\.\//, '');
  assert.ok(has(main.endsWith('.js') ? main : `${main}.js`), `main ${manifest.main} missing`);
  assert.ok(has('server/out/server.js'), 'the language server bundle is missing');
  for (const r of ['pdf', 'docx', 'html']) assert.ok(has(`server/out/readers/${r}.js`), `the lazily loaded reader server/out/readers/${r}.js is missing`);
  if (manifest.browser) assert.ok(has(manifest.browser.replace(/^\.\//, '').replace(/(\.js)?$/, '.js')), `browser ${manifest.browser} missing`);
  if (manifest.icon) assert.ok(has(manifest.icon), `icon ${manifest.icon} missing`);
  for (const g of manifest.contributes?.grammars ?? []) assert.ok(has(g.path), `grammar ${g.path} missing`);
  for (const l of manifest.contributes?.languages ?? []) if (l.configuration) assert.ok(has(l.configuration), `language configuration ${l.configuration} missing`);
  if (manifest.l10n) {
    const dir = manifest.l10n.replace(/^\.\//, '').replace(/\/$/, '');
    const local = fs.existsSync(path.join(ROOT, dir)) ? fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.startsWith('bundle.l10n')) : [];
    assert.ok(local.length > 0, `manifest l10n ${manifest.l10n} has no bundle.l10n.*.json in the repository`);
    for (const f of local) assert.ok(has(`${dir}/${f}`), `runtime translations ${dir}/${f} missing from the VSIX (whitelist it in .vscodeignore)`);
  }
  // %key% placeholders need package.nls.json
  if (/%[\w.-]+%/.test(JSON.stringify(manifest.contributes ?? {}))) assert.ok(has('package.nls.json'), 'package.nls.json missing');
  assert.ok(has('README.md') && has('CHANGELOG.md') && has('LICENSE'), 'docs missing');
  // Minified: the client bundle has long lines, not one statement per line.
  const client = zipRead(buf, entries.find((e) => e.name === `extension/${main.endsWith('.js') ? main : `${main}.js`}`)!).toString('utf8');
  const lines = client.split('\n').length;
  assert.ok(client.length / lines > 200, `the client bundle does not look minified (${lines} lines for ${client.length} chars)`);
});

test('every rule page is in the VSIX, as in the repository (the rule links open them offline)', () => {
  const { buf, entries, files } = packaged();
  const pages = fs.readdirSync(path.join(ROOT, 'docs', 'rules')).filter((f) => f.endsWith('.md'));
  const ids = RULE_METAS.map((m) => m.id);
  for (const id of ids) assert.ok(pages.includes(`${id}.md`), `docs/rules/${id}.md missing from the repository`);
  for (const page of pages) {
    const entry = entries.find((e) => e.name === `extension/docs/rules/${page}`);
    assert.ok(entry && files.includes(`docs/rules/${page}`), `docs/rules/${page} missing from the VSIX`);
    assert.ok(zipRead(buf, entry).equals(fs.readFileSync(path.join(ROOT, 'docs', 'rules', page))), `docs/rules/${page} differs`);
  }
  assert.deepEqual(files.filter((f) => f.startsWith('docs/') && !f.startsWith('docs/rules/')), [], 'only the rule pages of docs/');
});

test('the web extension: both browser bundles are packed, minified, and free of Node built-ins', () => {
  const { buf, entries, files } = packaged();
  const read = (f: string) => zipRead(buf, entries.find((e) => e.name === `extension/${f}`)!).toString('utf8');
  for (const f of ['client/out/browser/extension.js', 'server/out/browser/server.js']) {
    assert.ok(files.includes(f), `${f} missing`);
    const code = read(f);
    assert.ok(code.length / code.split('\n').length > 200, `${f} does not look minified`);
    assert.doesNotMatch(code, /require\(\s*["'](?:node:)?(?:fs|path|os|child_process|worker_threads|net|stream|url|util)["']\s*\)/, f);
    for (const word of ['worker_threads', 'child_process']) assert.ok(!code.includes(word), `${f} mentions ${word}`);
  }
  assert.deepEqual([...new Set([...read('client/out/browser/extension.js').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))], ['vscode']);
});

test('the npm package holds every rule page (the command line prints their folder and links them in SARIF)', () => {
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files: string[] = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
  for (const m of RULE_METAS) assert.ok(files.includes(`docs/rules/${m.id}.md`), `docs/rules/${m.id}.md is not in the npm package`);
});
