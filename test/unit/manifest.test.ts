/**
 * The extension manifest (package.json `contributes` & co.), its nls files, the runtime message bundle,
 * the language configuration, the icon and the packaging whitelist.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULE_METAS } from '../../server/src/core';
import { ROOT, readFixture, seedNames } from '../helpers';

/* eslint-disable @typescript-eslint/no-explicit-any */
const readJson = (p: string): any => JSON.parse(fs.readFileSync(path.join(ROOT, p), 'utf8'));
const pkg = readJson('package.json');
const nlsEn: Record<string, string> = readJson('package.nls.json');
const nlsZh: Record<string, string> = readJson('package.nls.zh-cn.json');
const contributes = pkg.contributes;
const properties: Record<string, any> = contributes.configuration.properties;
const RULE_IDS = RULE_METAS.map((m) => m.id);
const SEVERITIES = ['off', 'error', 'warning', 'info'];

/** Every string value in a JSON tree. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

const CLIENT_SRC = path.join(ROOT, 'client', 'src');
function clientSources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) out.push({ file: path.relative(ROOT, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(CLIENT_SRC);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// nls

test('every %key% of package.json exists in package.nls.json and package.nls.zh-cn.json', () => {
  const keys = strings(pkg)
    .map((s) => /^%(.+)%$/.exec(s)?.[1])
    .filter((k): k is string => !!k);
  assert.ok(keys.length > 20);
  for (const k of keys) {
    assert.ok(typeof nlsEn[k] === 'string' && nlsEn[k].trim() !== '', `package.nls.json has "${k}"`);
    assert.ok(typeof nlsZh[k] === 'string' && nlsZh[k].trim() !== '', `package.nls.zh-cn.json has "${k}"`);
  }
  const used = new Set(keys);
  for (const k of Object.keys(nlsEn)) assert.ok(used.has(k), `package.nls.json key "${k}" is used by package.json`);
  assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nlsEn).sort(), 'both nls files have the same keys');
});

test('the Chinese manifest strings are Chinese and the English ones are not', () => {
  const cjk = /[\u4e00-\u9fff]/;
  for (const k of ['category', 'command.newReport.title', 'command.exportTables.title', 'command.checkWorkspace.title', 'command.fixAll.title', 'command.restartServer.title', 'config.title']) {
    assert.match(nlsZh[k], cjk, `zh-cn "${k}"`);
  }
  assert.equal(nlsZh.category, '政务公开年报');
  assert.equal(nlsEn.category, 'GovReport');
  for (const k of ['command.exportTables.title', 'command.checkWorkspace.title', 'command.fixAll.title', 'command.restartServer.title', 'command.openPreview.title']) {
    assert.doesNotMatch(nlsEn[k], cjk, `en "${k}"`);
  }
});

// ---------------------------------------------------------------------------------------------------------
// Commands and menus

test('every command has a localised title and the category 政务公开年报 / GovReport, and is registered by the client', () => {
  const commands: any[] = contributes.commands;
  const ids = commands.map((c) => c.command);
  assert.deepEqual(
    [...ids].sort(),
    ['govreport.checkWorkspace', 'govreport.exportTables', 'govreport.fixAll', 'govreport.newReport', 'govreport.openOriginal', 'govreport.openPreview', 'govreport.restartServer'],
  );
  const source = clientSources().map((s) => s.text).join('\n');
  for (const c of commands) {
    assert.match(c.title, /^%.+%$/, `${c.command}: title is localised`);
    assert.equal(c.category, '%category%', `${c.command}: category`);
    assert.ok(source.includes(`'${c.command}'`), `${c.command} is registered in client/src`);
  }
  // And nothing the client registers is missing from the manifest, except internal commands.
  const registered = [...source.matchAll(/'(govreport\.[A-Za-z]+)'/g)].map((m) => m[1]);
  const commandLike = registered.filter((id) => /^govreport\.(newReport|exportTables|checkWorkspace|fixAll|restartServer|openPreview|suppress|openOriginal)$/.test(id));
  for (const id of commandLike) assert.ok(ids.includes(id) || id === 'govreport.suppress', `${id} is contributed`);
});

test('menus only reference contributed commands; report commands are limited to reports', () => {
  const ids = new Set(contributes.commands.map((c: any) => c.command));
  const menus: Record<string, any[]> = contributes.menus;
  for (const [menu, items] of Object.entries(menus)) {
    for (const item of items) assert.ok(ids.has(item.command), `${menu}: ${item.command} is a contributed command`);
  }
  for (const menu of ['editor/title', 'editor/context', 'commandPalette']) {
    for (const item of menus[menu].filter((i) => ['govreport.fixAll', 'govreport.exportTables', 'govreport.openPreview'].includes(i.command))) {
      assert.match(item.when, /govreport\.activeEditorIsReport/, `${menu}: ${item.command} only for reports`);
      assert.match(item.when, /LangId == govreport/, `${menu}: ${item.command} for the govreport language`);
    }
  }
  // The context key the when clauses use is the one the client sets.
  const status = fs.readFileSync(path.join(CLIENT_SRC, 'status.ts'), 'utf8');
  assert.match(status, /CONTEXT_ACTIVE_IS_REPORT = 'govreport\.activeEditorIsReport'/);
  const palette = menus.commandPalette.find((i) => i.command === 'govreport.checkWorkspace');
  assert.match(palette.when, /workspaceFolderCount > 0/);
});

// ---------------------------------------------------------------------------------------------------------
// Settings: every key of docs/dev/contracts.md with its type and default

interface ContractSetting {
  key: string;
  type: string;
  default: unknown;
}

function contractSettings(): ContractSetting[] {
  const md = fs.readFileSync(path.join(ROOT, 'docs', 'dev', 'contracts.md'), 'utf8');
  const out: ContractSetting[] = [];
  for (const line of md.split('\n')) {
    // eslint-disable-next-line regexp/no-super-linear-backtracking -- reads the project's own files, never user text
    const m = /^\|\s*`(govreport\.[\w.]+)`\s*\|\s*(.+?)\s*\|\s*`([^`]*)`\s*\|[^`|][^|]*\|\s*$/.exec(line);
    if (m) out.push({ key: m[1], type: m[2].replace(/^`|`$/g, ''), default: JSON.parse(m[3]) });
  }
  return out;
}

test('every setting of docs/dev/contracts.md is contributed with its type and default', () => {
  const settings = contractSettings();
  assert.deepEqual(
    settings.map((s) => s.key),
    [
      'govreport.rules',
      'govreport.language',
      'govreport.inlayHints.enabled',
      'govreport.debounceMs',
      'govreport.detect',
      'govreport.files',
      'govreport.suppressions',
      'govreport.repetitionThreshold',
    ],
    'the contract table was read',
  );
  for (const s of settings) {
    const p = properties[s.key];
    assert.ok(p, `${s.key} is contributed`);
    assert.deepEqual(p.default, s.default, `${s.key}: default`);
    assert.ok(p.description || p.markdownDescription, `${s.key}: description`);
    const enumMatch = /^"[^"]+"(?:\|"[^"]+")+$/.test(s.type);
    if (enumMatch) {
      assert.equal(p.type, 'string', `${s.key}: type`);
      assert.deepEqual(p.enum, [...s.type.matchAll(/"([^"]+)"/g)].map((x) => x[1]), `${s.key}: enum`);
      assert.equal(p.enumDescriptions?.length, p.enum.length, `${s.key}: enumDescriptions`);
    } else if (s.type.startsWith('object')) {
      assert.equal(p.type, 'object', `${s.key}: type`);
      assert.deepEqual(p.additionalProperties.enum, [...s.type.matchAll(/"([^"]+)"/g)].map((x) => x[1]), `${s.key}: value enum`);
    } else if (s.type === 'boolean' || s.type === 'number') {
      assert.equal(p.type, s.type, `${s.key}: type`);
    } else if (s.type.startsWith('string[]')) {
      assert.equal(p.type, 'array', `${s.key}: type`);
      assert.equal(p.items.type, 'string', `${s.key}: item type`);
    } else if (s.type.startsWith('array of')) {
      assert.equal(p.type, 'array', `${s.key}: type`);
      assert.equal(p.items.type, 'object', `${s.key}: item type`);
      // eslint-disable-next-line regexp/no-super-linear-move -- reads the project's own files, never user text
      const fields = [...s.type.matchAll(/(\w+)(\??):\s*(\w+)/g)].map((x) => ({ name: x[1], optional: x[2] === '?', type: x[3] }));
      assert.deepEqual(Object.keys(p.items.properties).sort(), fields.map((f) => f.name).sort(), `${s.key}: item fields`);
      assert.deepEqual([...p.items.required].sort(), fields.filter((f) => !f.optional).map((f) => f.name).sort(), `${s.key}: required fields`);
      for (const f of fields) {
        const t = p.items.properties[f.name].type;
        // A 1-based line number: JSON schema's integer is the exact rendering of the contract's number.
        assert.ok(t === f.type || (f.type === 'number' && t === 'integer'), `${s.key}.${f.name}: type ${t} for ${f.type}`);
      }
    } else {
      assert.fail(`${s.key}: the test does not know the contract type ${s.type}`);
    }
  }
});

test('govreport.rules lists exactly the rule ids of RULE_METAS (keys and values), with their descriptions', () => {
  const rules = properties['govreport.rules'];
  assert.deepEqual(rules.propertyNames.enum, RULE_IDS, 'propertyNames = RULE_METAS ids (run node client/scripts/sync-rules.mjs)');
  assert.deepEqual(Object.keys(rules.properties), RULE_IDS, 'properties = RULE_METAS ids');
  assert.deepEqual(rules.additionalProperties.enum, SEVERITIES);
  assert.equal(rules.additionalProperties.type, 'string');
  for (const m of RULE_METAS) {
    const p = rules.properties[m.id];
    assert.deepEqual(p.enum, SEVERITIES, `${m.id}: severities`);
    const key = /^%(.+)%$/.exec(p.description)?.[1];
    assert.ok(key, `${m.id}: description is localised`);
    assert.ok(nlsZh[key].startsWith(m.description.zh), `${m.id}: Chinese description from RULE_METAS`);
    assert.ok(nlsEn[key].startsWith(m.description.en), `${m.id}: English description from RULE_METAS`);
  }
  assert.deepEqual(properties['govreport.suppressions'].items.properties.rule.enum, RULE_IDS, 'suppressions: rule ids');
  assert.equal(new Set(RULE_IDS).size, RULE_IDS.length, 'rule ids are unique');
});

test('configuration defaults for [govreport]: encoding guessing (GBK files) and word wrap', () => {
  assert.deepEqual(contributes.configurationDefaults['[govreport]'], { 'files.autoGuessEncoding': true, 'editor.wordWrap': 'on' });
});

// ---------------------------------------------------------------------------------------------------------
// Language, activation, capabilities

test('the language govreport: aliases, file name patterns, first line, configuration', () => {
  const lang = contributes.languages.find((l: any) => l.id === 'govreport');
  assert.ok(lang);
  assert.deepEqual(lang.aliases.slice(0, 2), ['政务公开年报', 'GovReport']);
  assert.equal(lang.extensions, undefined, 'no file extension is claimed');
  const glob = (p: string) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  const matches = (name: string) => lang.filenamePatterns.some((p: string) => glob(p).test(name));
  assert.ok(matches('薛城区卫健局2021年度报告.txt'));
  assert.ok(matches('2023年报.txt'));
  assert.ok(!matches('notes.txt'));
  assert.ok(!matches('年度报告.md'), 'Markdown keeps its language (detection by content)');
  const first = new RegExp(lang.firstLine);
  assert.ok(first.test('薛城区卫健局2021年度政府信息公开工作报告'));
  assert.ok(first.test('卫东区卫生健康委员会 2023 年政府信息公开工作年度报告'));
  assert.ok(!first.test('# README'));
  assert.ok(!first.test('一、总体情况'));
  // A title on the first line of a seed is recognised.
  const titled = seedNames().map((n) => readFixture('seeds', n).replace(/^\uFEFF/, '').split(/\r?\n/)[0]).filter((l) => /政府信息公开/.test(l));
  assert.ok(titled.length >= 1);
  for (const l of titled) assert.ok(first.test(l), l);
  // Settings default and filename patterns describe the same files.
  assert.deepEqual(properties['govreport.files'].default, lang.filenamePatterns.map((p: string) => `**/${p}`));
  assert.equal(lang.configuration, './language-configuration.json');
});

test('language-configuration.json: Chinese brackets, auto-closing pairs, a word pattern for Chinese and numbers', () => {
  const conf = readJson('language-configuration.json');
  const pairs = conf.brackets.map((b: string[]) => b.join(''));
  for (const p of ['（）', '()', '“”', '《》']) assert.ok(pairs.includes(p), `bracket ${p}`);
  const closing = conf.autoClosingPairs.map((p: any) => p.open + p.close);
  for (const p of ['（）', '()', '“”', '《》']) assert.ok(closing.includes(p), `auto-closing ${p}`);
  const word = new RegExp(conf.wordPattern.pattern, (conf.wordPattern.flags ?? '') + 'g');
  assert.deepEqual('本年新收政府信息公开申请数量 1,234 件'.match(word), ['本年新收政府信息公开申请数量', '1,234', '件']);
  assert.deepEqual('（七）总计：１２'.match(word), ['七', '总计', '１２']);
  assert.equal(word.test(''), false);
});

test('activation: reports, report files in the workspace, plain text/Markdown (light; the server starts lazily)', () => {
  const events: string[] = pkg.activationEvents;
  for (const e of ['onLanguage:govreport', 'workspaceContains:**/*年度报告*.txt', 'onLanguage:plaintext', 'onLanguage:markdown']) {
    assert.ok(events.includes(e), e);
  }
  assert.ok(!events.includes('*'), 'never on startup');
  assert.equal(pkg.engines.vscode, '^1.90.0');
  assert.equal(pkg.main, './client/out/extension.js');
  // Restricted Mode: the settings that read files or hide findings must not come from an untrusted workspace
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces, {
    supported: 'limited',
    description: '%capabilities.untrustedWorkspaces.description%',
    restrictedConfigurations: ['govreport.files', 'govreport.suppressions', 'govreport.rules'],
  });
  for (const k of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations) assert.ok(pkg.contributes.configuration.properties[k], k);
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
  assert.equal(pkg.browser, './client/out/browser/extension.js', 'the web extension entry (vscode.dev, web worker extension hosts)');
  // Lazy start: the client only starts the server from ensureStarted().
  const server = fs.readFileSync(path.join(CLIENT_SRC, 'server.ts'), 'utf8');
  assert.equal([...server.matchAll(/client\.start\(\)/g)].length, 1);
  for (const f of ['extension.ts', 'activate.ts', 'browser/extension.ts']) {
    const text = fs.readFileSync(path.join(CLIENT_SRC, f), 'utf8');
    assert.doesNotMatch(text, /\.start\(\)/, `${f}: activate() does not start the server directly`);
  }
});

test('the language client: IPC server bundle, document selector, pull diagnostics on change and save, settings sync', () => {
  const server = fs.readFileSync(path.join(CLIENT_SRC, 'server.ts'), 'utf8');
  const desktop = fs.readFileSync(path.join(CLIENT_SRC, 'extension.ts'), 'utf8');
  assert.match(desktop, /asAbsolutePath\('server\/out\/server\.js'\)/);
  assert.match(desktop, /TransportKind\.ipc/);
  assert.match(server, /diagnosticPullOptions:\s*\{\s*onChange:\s*true,\s*onSave:\s*true/);
  assert.match(server, /configurationSection:\s*'govreport'/);
  assert.match(server, /initializationOptions:\s*\{\s*locale:\s*vscode\.env\.language/);
  // the selector: reports (file, untitled, vscode-vfs) and plain-text/Markdown candidates (file, untitled)
  assert.match(server, /DESKTOP_SCHEMES: Schemes = \{ reports: \['file', 'untitled', 'vscode-vfs'\], candidates: \['file', 'untitled'\] \}/);
  assert.match(server, /const CANDIDATE_LANGUAGE_IDS = \['plaintext', 'markdown'\]/);
  assert.match(server, /schemes\.reports\.map\(\(scheme\) => \(\{ scheme, language: LANGUAGE_ID \}\)\)/);
  assert.match(server, /CANDIDATE_LANGUAGE_IDS\.flatMap\(\(language\) => schemes\.candidates\.map\(\(scheme\) => \(\{ scheme, language \}\)\)\)/);
  assert.match(desktop, /schemes: DESKTOP_SCHEMES/);
  // the browser: the web-worker server bundle, from the extension's own location
  const browser = fs.readFileSync(path.join(CLIENT_SRC, 'browser', 'extension.ts'), 'utf8');
  assert.match(browser, /from 'vscode-languageclient\/browser'/);
  assert.match(browser, /Uri\.joinPath\(context\.extensionUri, 'server', 'out', 'browser', 'server\.js'\)/);
  assert.match(browser, /schemes: BROWSER_SCHEMES/);
  // one protocol module for client and server
  assert.match(fs.readFileSync(path.join(CLIENT_SRC, 'protocol.ts'), 'utf8'), /export \* from '\.\.\/\.\.\/server\/src\/shared\/protocol'/);
  assert.match(fs.readFileSync(path.join(ROOT, 'server', 'src', 'lsp', 'protocol.ts'), 'utf8'), /export \* from '\.\.\/shared\/protocol'/);
  const protocol = fs.readFileSync(path.join(ROOT, 'server', 'src', 'shared', 'protocol.ts'), 'utf8');
  for (const m of ['govreport/status', 'govreport/exportTables', 'govreport/skeleton', 'govreport/checkWorkspace']) {
    assert.ok(protocol.includes(`'${m}'`), m);
    assert.ok(fs.readFileSync(path.join(ROOT, 'docs', 'dev', 'contracts.md'), 'utf8').includes(`\`${m}\``), `${m} is in the contract`);
  }
});

// ---------------------------------------------------------------------------------------------------------
// Runtime messages

test('every vscode.l10n.t message of the client has a zh-cn translation with the same placeholders, and no stale ones', () => {
  assert.equal(pkg.l10n, './l10n');
  const bundle: Record<string, string> = readJson('l10n/bundle.l10n.zh-cn.json');
  const used = new Set<string>();
  for (const { file, text } of clientSources()) {
    const calls = [...text.matchAll(/l10n\.t\(/g)].length;
    const literals = [...text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'"));
    assert.equal(literals.length, calls, `${file}: every l10n.t message is a string literal`);
    literals.forEach((l) => used.add(l));
  }
  assert.ok(used.size > 20);
  const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();
  for (const key of used) {
    assert.ok(bundle[key], `zh-cn translation of ${JSON.stringify(key)}`);
    assert.match(bundle[key], /[\u4e00-\u9fff]/, `${JSON.stringify(key)} is translated`);
    assert.deepEqual(placeholders(bundle[key]), placeholders(key), `placeholders of ${JSON.stringify(key)}`);
  }
  for (const key of Object.keys(bundle)) assert.ok(used.has(key), `bundle key ${JSON.stringify(key)} is used`);
  assert.equal(bundle['Ignore this problem in settings (this file, this line only)'], '在设置中忽略此问题（仅此文件此行）');
});

// ---------------------------------------------------------------------------------------------------------
// Icon and packaging

test('icon.png is a 128×128 PNG made by scripts/make-icon.mjs', () => {
  assert.equal(pkg.icon, 'icon.png');
  const png = fs.readFileSync(path.join(ROOT, 'icon.png'));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-icon-')), 'icon.png');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'make-icon.mjs'), '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(fs.readFileSync(out).equals(png), 'icon.png is what the script draws (regenerate: node scripts/make-icon.mjs)');
});

test('.vscodeignore ships the icon, grammar, language configuration, nls files and message bundle, and no sources', async () => {
  // vsce's own file list (offline; no dependencies).
  const vsce = require('@vscode/vsce') as { PackageManager: { None: number }; listFiles(o: object): Promise<string[]> };
  // No dependencies: the bundles hold them (and `npm list` is not run).
  const files = (await vsce.listFiles({ cwd: ROOT, packageManager: vsce.PackageManager.None })).map((f) => f.replace(/\\/g, '/'));
  for (const f of [
    'package.json',
    'package.nls.json',
    'package.nls.zh-cn.json',
    'icon.png',
    'language-configuration.json',
    'syntaxes/govreport.tmLanguage.json',
    'l10n/bundle.l10n.zh-cn.json',
    'README.md',
    'LICENSE',
  ]) {
    assert.ok(files.includes(f), `${f} is packaged`);
  }
  assert.ok(files.includes('docs/rules/table3-row-total.md'), 'the rule pages are packaged');
  for (const f of files) {
    if (/^docs\/rules\/[A-Za-z0-9-]+\.md$/.test(f)) continue; // the rule pages (diagnostics link to them)
    assert.doesNotMatch(f, /^(client\/src|server\/src|test|scripts|node_modules|out|docs)\//, `${f} must not be packaged`);
    assert.doesNotMatch(f, /\.(ts|map)$/, `${f} must not be packaged`);
  }
});
