/**
 * The TextMate grammar syntaxes/govreport.tmLanguage.json.
 *
 * Most tests run the grammar by a small emulation of TextMate's scanning of flat `match` rules (earliest match
 * wins, ties go to the earlier rule, captures give scopes) with JavaScript RegExp, which is quick and easy to
 * read. The grammar is written so that its regexes mean the same in Oniguruma and JavaScript; the first tests
 * enforce that. The last test runs the real engine, vscode-textmate with vscode-oniguruma (dev dependencies, the
 * same engine VS Code uses), and checks that it gives the same scopes as the emulation on every seed line.
 *
 * What the grammar must get right is checked against the core parser on the five seeds: every heading the
 * parser recognises is a heading for the grammar and no other line is; table-3 labels that look like
 * headings (一、本年新收… 四、结转下年度继续办理) are row labels; T2 captions and sub-section markers are scoped.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseReport, type Report } from '../../server/src/core';
import { ROOT, readFixture, seedNames } from '../helpers';

interface CaptureSpec {
  name: string;
}
interface RawRule {
  include?: string;
  match?: string;
  name?: string;
  captures?: Record<string, CaptureSpec>;
  begin?: string;
  end?: string;
  patterns?: RawRule[];
}
interface RawGrammar {
  scopeName: string;
  patterns: RawRule[];
  repository: Record<string, RawRule>;
}

const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'govreport.tmLanguage.json');
const grammar: RawGrammar = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
const ROOT_SCOPE = grammar.scopeName;

interface Rule {
  id: string;
  name?: string;
  source: string;
  re: RegExp;
  captures: Record<string, CaptureSpec>;
}

/** The top-level patterns, includes resolved, in order. */
function rules(): Rule[] {
  const out: Rule[] = [];
  const visit = (r: RawRule, id: string) => {
    if (r.include) {
      assert.ok(r.include.startsWith('#'), `only repository includes are used (${r.include})`);
      const key = r.include.slice(1);
      const target = grammar.repository[key];
      assert.ok(target, `include ${r.include} exists in the repository`);
      visit(target, key);
      return;
    }
    assert.ok(r.match !== undefined && r.begin === undefined && r.patterns === undefined, `${id}: flat match rules only`);
    out.push({ id, name: r.name, source: r.match, re: new RegExp(r.match, 'dg'), captures: r.captures ?? {} });
  };
  grammar.patterns.forEach((p, i) => visit(p, `patterns[${i}]`));
  return out;
}

const RULES = rules();

/** Scopes of every UTF-16 unit of the line (root scope first), as TextMate would assign them. */
function tokenize(line: string): string[][] {
  const scopes: string[][] = Array.from({ length: line.length }, () => [ROOT_SCOPE]);
  let pos = 0;
  while (pos < line.length) {
    let best: { rule: Rule; m: RegExpExecArray } | undefined;
    for (const rule of RULES) {
      rule.re.lastIndex = pos;
      const m = rule.re.exec(line);
      if (m && (!best || m.index < best.m.index)) best = { rule, m };
    }
    if (!best) break;
    const { rule, m } = best;
    const start = m.index;
    const end = start + m[0].length;
    const split = (n: string) => n.split(/\s+/).filter(Boolean);
    for (let i = start; i < end; i++) if (rule.name) scopes[i].push(...split(rule.name));
    const indices = m.indices!;
    for (const key of Object.keys(rule.captures).sort((a, b) => Number(a) - Number(b))) {
      const span = indices[Number(key)];
      if (!span) continue;
      for (let i = span[0]; i < span[1]; i++) scopes[i].push(...split(rule.captures[key].name));
    }
    pos = end > pos ? end : pos + 1;
  }
  return scopes;
}

const has = (s: string[], prefix: string) => s.some((x) => x === prefix || x.startsWith(prefix + '.'));

/** Whether every unit of `line[start, end)` carries a scope starting with `scope`. */
function allHave(scopes: string[][], start: number, end: number, scope: string): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) if (!has(scopes[i], scope)) return false;
  return true;
}

function anyHas(scopes: string[][], scope: string): boolean {
  return scopes.some((s) => has(s, scope));
}

/** Scopes of the first occurrence of `fragment` in `line`. */
function fragmentHas(line: string, fragment: string, scope: string): boolean {
  const at = line.indexOf(fragment);
  assert.ok(at >= 0, `"${fragment}" occurs in ${JSON.stringify(line)}`);
  return allHave(tokenize(line), at, at + fragment.length, scope);
}

function seedLines(name: string): string[] {
  return readFixture('seeds', name).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

const HEADING = 'markup.heading.1';
const SECTION_TITLE = 'entity.name.section.govreport';
const ROW_LABEL = 'entity.name.type.row-label';

// ---------------------------------------------------------------------------------------------------------
// Portability: the regexes must mean the same in Oniguruma (VS Code) and JavaScript (this test).

test('every grammar regex compiles and uses only constructs that mean the same in Oniguruma and JavaScript', () => {
  assert.ok(RULES.length >= 10);
  for (const r of RULES) {
    // \d \s \w \b are Unicode-aware in Oniguruma but ASCII in JavaScript; \h is hex in Oniguruma only;
    // \u \x \p escapes and \A \z \G anchors are spelled differently. Non-ASCII characters are written literally.
    const bad = /\\[dDsSwWbBhHuxpPAzZG]/.exec(r.source.replace(/\\\\/g, ''));
    assert.equal(bad, null, `${r.id}: ${bad?.[0]} means different things in Oniguruma and JavaScript`);
    assert.doesNotMatch(r.source, /\(\?[imx-]+[:)]/, `${r.id}: no inline options`);
    assert.doesNotMatch(r.source, /\(\?<[A-Z]/i, `${r.id}: no named groups`);
    assert.doesNotMatch(r.source, /[*+?}]\+/, `${r.id}: no possessive quantifiers`);
    // Oniguruma lookbehinds must have a fixed length.
    for (const lb of r.source.matchAll(/\(\?<[=!]((?:[^()\\]|\\.)*)\)/g)) {
      // eslint-disable-next-line regexp/no-super-linear-move -- reads the project's own files, never user text
      assert.doesNotMatch(lb[1].replace(/\[(?:[^\]\\]|\\.)*\]/g, 'C'), /[*+?{]/, `${r.id}: fixed-length lookbehind`);
    }
    // vscode-textmate feeds every line with its "\n": a negated class must not swallow it (then Oniguruma's
    // `$` would match after it, where JavaScript, fed the line alone, cannot).
    for (const cls of r.source.matchAll(/\[\^((?:[^\]\\]|\\.)*)\]/g)) {
      assert.ok(cls[1].includes('\\n'), `${r.id}: the negated class ${cls[0]} must exclude \\n`);
    }
    assert.equal(r.re.test(''), false, `${r.id} must not match the empty line`);
    for (const key of Object.keys(r.captures)) {
      assert.ok(Number(key) >= 1 && Number(key) <= new RegExp(`${r.source}|`).exec('')!.length - 1, `${r.id}: capture ${key} exists`);
    }
  }
});

test('the grammar is the one the manifest contributes, with the language govreport', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const g = pkg.contributes.grammars.find((x: { language: string }) => x.language === 'govreport');
  assert.ok(g, 'a grammar for govreport is contributed');
  assert.equal(g.scopeName, 'text.govreport');
  assert.equal(path.resolve(ROOT, g.path), GRAMMAR_PATH);
  assert.equal(grammar.scopeName, 'text.govreport');
});

// ---------------------------------------------------------------------------------------------------------
// Representative lines.

test('section headings: canonical, variants, indented, with a bookmark, with the look-alike dash numeral', () => {
  const cases: [string, string][] = [
    ['一、总体情况', '总体情况'],
    ['二、主动公开政府信息情况', '主动公开政府信息情况'],
    ['\u2002\u2002\u2002\u2002二、主动公开政府信息情况统计表', '主动公开政府信息情况统计表'],
    ['  三、收到和处理政府信息公开申请情况', '收到和处理政府信息公开申请情况'],
    ['[bookmark: _GoBack]三、收到和处理政府信息公开申请情况', '收到和处理政府信息公开申请情况'],
    ['四、政府信息公开行政复议、行政诉讼情况', '政府信息公开行政复议、行政诉讼情况'],
    ['四、因政府信息公开工作被申请行政复议、提起行政诉讼情况', '因政府信息公开工作被申请行政复议、提起行政诉讼情况'],
    ['五、存在的主要问题及改进情况', '存在的主要问题及改进情况'],
    ['五、存在的主要问题及下一步工作打算', '存在的主要问题及下一步工作打算'],
    ['六、其他需要报告的事项', '其他需要报告的事项'],
    ['六．其它需要报告事项', '其它需要报告事项'],
    [' —、总体情况', '总体情况'],
    ['－、总体情况', '总体情况'],
    ['二、主动公开政府信息清况', '主动公开政府信息清况'],
  ];
  for (const [line, title] of cases) {
    const s = tokenize(line);
    const at = line.indexOf(title);
    assert.ok(allHave(s, at, at + title.length, SECTION_TITLE), `title of ${JSON.stringify(line)} is a section name`);
    assert.ok(allHave(s, at, at + title.length, HEADING), `${JSON.stringify(line)} is a heading`);
  }
  assert.ok(fragmentHas(' —、总体情况', '—', 'invalid.illegal.numeral-lookalike'), 'the look-alike dash is marked');
  assert.ok(!fragmentHas('一、总体情况', '一', 'invalid'), 'a real numeral is not marked');
  assert.ok(fragmentHas('[bookmark: _GoBack]三、收到和处理政府信息公开申请情况', '[bookmark: _GoBack]', 'comment.block.bookmark'));
});

test('table-3 labels that look like headings are row labels, not headings', () => {
  const cases: [string, string][] = [
    ['四、结转下年度继续办理\t0', '四、结转下年度继续办理'],
    ['四、结转下年度继续办理', '四、结转下年度继续办理'],
    ['四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0\t', '四、结转下年度继续办理'],
    ['四、结转下年度继续办理 0 0 0 0 0 0 0', '四、结转下年度继续办理'],
    ['\t四、结转下年度继续办理', '四、结转下年度继续办理'],
    ['一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0', '一、本年新收政府信息公开申请数量'],
    ['\t[bookmark: _Hlk66973412]一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量'],
    ['二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0', '二、上年结转政府信息公开申请数量'],
    ['三、本年度办理结果\t(一) 予以公开\t0', '三、本年度办理结果'],
    ['三、本年\t（一）予以公开\t0\t0', '三、本年'],
    ['三、本', '三、本'],
  ];
  for (const [line, label] of cases) {
    const s = tokenize(line);
    const at = line.indexOf(label);
    assert.ok(allHave(s, at, at + label.length, ROW_LABEL), `${JSON.stringify(label)} is a row label in ${JSON.stringify(line)}`);
    assert.ok(!anyHas(s, 'markup.heading'), `${JSON.stringify(line)} is no heading`);
  }
  assert.ok(fragmentHas('\t[bookmark: _Hlk66973412]一、本年新收政府信息公开申请数量', '[bookmark: _Hlk66973412]', 'comment.block.bookmark'));
});

test('table-3 group and item labels, totals, T2 rows and captions', () => {
  assert.ok(fragmentHas('（七）总计\t0\t0', '（七）', ROW_LABEL));
  assert.ok(fragmentHas('（七）总计\t0\t0', '总计', 'keyword.other.total'));
  assert.ok(fragmentHas('(七) 总计\t\t0\t0\t0\t0\t0\t0\t0\t', '总计', 'keyword.other.total'));
  assert.ok(fragmentHas('\t（七）总计', '（七）', ROW_LABEL));
  assert.ok(fragmentHas('三、本年度办理结果\t(一) 予以公开\t0', '(一) 予以公开', ROW_LABEL));
  assert.ok(fragmentHas('\t(三) 不予公开\t1. 属于国家秘密\t0\t0', '(三) 不予公开', ROW_LABEL));
  assert.ok(fragmentHas('\t(三) 不予公开\t1. 属于国家秘密\t0\t0', '1. 属于国家秘密', ROW_LABEL));
  assert.ok(fragmentHas('\t\t8. 属于行政查询事项\t0\t0', '8. 属于行政查询事项', ROW_LABEL));
  assert.ok(fragmentHas('3.危及“三安全一稳定” 0 0 0 0 0 0 0', '3.危及“三安全一稳定”', ROW_LABEL));
  assert.ok(fragmentHas('（三）不', '（三）不', ROW_LABEL), 'wrapped group label');
  assert.ok(!anyHas(tokenize('（三）不'), 'markup.heading'));
  assert.ok(fragmentHas('规章\t0\t0\t0', '规章', ROW_LABEL));
  assert.ok(fragmentHas('\t行政规范性文件', '行政规范性文件', ROW_LABEL));
  assert.ok(fragmentHas('行政许可 17', '行政许可', ROW_LABEL));
  assert.ok(fragmentHas('法人或其他组织小计', '法人或其他组织小计', 'keyword.other.total'));
  for (const caption of ['第二十条第（一）项', '\t第二十条第（五）项', '第二十条第（九）项\t\t', '第二十条第(八)项']) {
    const text = caption.trim();
    assert.ok(fragmentHas(caption, text, 'entity.name.section.caption'), `${JSON.stringify(caption)} is a caption`);
    assert.ok(!fragmentHas(caption, text, ROW_LABEL));
  }
});

test('numbers, changes and blank-cell markers', () => {
  const line = '行政许可\t19\t减少 18\t1';
  assert.ok(fragmentHas(line, '19', 'constant.numeric'));
  assert.ok(fragmentHas(line, '减少', 'keyword.operator.change'));
  assert.ok(fragmentHas(line, '18', 'constant.numeric'));
  assert.ok(fragmentHas('政府集中采购\t1 项\t83.42 万元', '83.42', 'constant.numeric'));
  assert.ok(fragmentHas('行政事业性收费\t3\t增 1 减 3', '增', 'keyword.operator.change'));
  assert.ok(fragmentHas('\t１，２３４', '１', 'constant.numeric'), 'full-width digits');
  assert.ok(fragmentHas('合计\t1,234', '1,234', 'constant.numeric'));
  for (const blank of ['\t—', '\t/', '\t——', '\t－', '\t-', '规章\t—\t0\t/', '| 规章 | - | 0 |']) {
    const s = tokenize(blank);
    const i = [...blank].findIndex((c) => '—/－-'.includes(c));
    assert.ok(has(s[i], 'constant.language.blank'), `blank marker in ${JSON.stringify(blank)}`);
  }
  assert.ok(!fragmentHas('增加-3项', '-', 'constant.language.blank'), 'a minus sign is no blank marker');
  assert.ok(!anyHas(tokenize('本机关共受理信息公开申请—件'), 'constant.language.blank'), 'a dash inside a sentence is no blank cell');
  assert.ok(fragmentHas('---\t---\t---', '---', 'punctuation.separator.table'));
  assert.ok(fragmentHas('|---|---|', '|---|---|', 'punctuation.separator.table'));
  assert.ok(fragmentHas('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '勾稽关系', 'comment'));
  assert.ok(!fragmentHas('1.属于国家秘密 0', '1.', 'constant.numeric'), 'the item number of a label is no value');
});

test('narrative text is not scoped as structure', () => {
  const narrative = [
    '2021年，薛城区卫生健康局认真贯彻落实党中央、国务院关于政务公开工作的决策部署。',
    '根据《中华人民共和国政府信息公开条例》规定，现向社会公布本机关2020年度政府信息公开工作年度报告。',
    '一是完善信息公开管理流程。',
    '本年度报告数据的统计期限为 2021 年 1 月 1 日至 2021',
  ];
  for (const line of narrative) {
    const s = tokenize(line);
    assert.ok(!anyHas(s, 'markup.heading'), `${JSON.stringify(line)} has no heading`);
    assert.ok(!anyHas(s, ROW_LABEL), `${JSON.stringify(line)} has no row label`);
  }
});

// ---------------------------------------------------------------------------------------------------------
// Against the core parser, on every seed.

function headingLines(report: Report): Set<number> {
  return new Set(report.headings.map((h) => h.line));
}

for (const name of seedNames()) {
  test(`seed ${name}: the grammar's headings are exactly the parser's headings`, () => {
    const lines = seedLines(name);
    const report = parseReport(readFixture('seeds', name));
    const expected = headingLines(report);
    assert.ok(expected.size >= 5, 'the parser finds the headings');
    for (const h of report.headings) {
      const line = lines[h.line];
      const s = tokenize(line);
      const at = line.indexOf(h.title);
      assert.ok(at >= 0);
      assert.ok(allHave(s, at, at + h.title.length, SECTION_TITLE), `line ${h.line + 1} ${JSON.stringify(line)}: title scoped`);
      if (h.numeralKind === 'lookalike') {
        const n = line.indexOf(h.numeral);
        assert.ok(allHave(s, n, n + h.numeral.length, 'invalid.illegal.numeral-lookalike'), `line ${h.line + 1}: look-alike numeral`);
      }
    }
    lines.forEach((line, i) => {
      if (!expected.has(i)) {
        assert.ok(!anyHas(tokenize(line), HEADING), `line ${i + 1} ${JSON.stringify(line)} is no heading for the parser`);
      }
    });
  });

  test(`seed ${name}: table-3 labels that look like headings are row labels; captions and sub-section markers`, () => {
    const lines = seedLines(name);
    const report = parseReport(readFixture('seeds', name));
    let checked = 0;
    for (const table of report.tables) {
      for (const row of table.rows) {
        if (!['new', 'carry_in', 'carry_out', 'total'].includes(row.def.key)) continue;
        const line = lines[row.labelLine];
        const s = tokenize(line);
        const first = line.search(/\S/);
        const labelStart = line.replace(/\[bookmark:[^\]]*\]/, (b) => ' '.repeat(b.length)).search(/\S/);
        assert.ok(first >= 0 && labelStart >= 0);
        assert.ok(has(s[labelStart], ROW_LABEL), `line ${row.labelLine + 1} ${JSON.stringify(line)}: ${row.def.key} is a row label`);
        assert.ok(!anyHas(s, HEADING), `line ${row.labelLine + 1} ${JSON.stringify(line)} is no heading`);
        checked++;
      }
      for (const c of table.captions) {
        const line = lines[c.line];
        const at = line.indexOf('第');
        assert.ok(allHave(tokenize(line), at, at + c.text.replace(/\s/g, '').length, 'entity.name.section.caption'), `caption line ${c.line + 1}`);
        checked++;
      }
    }
    for (const sub of report.subsections) {
      if (report.tableLines.has(sub.line)) continue;
      const line = lines[sub.line];
      const at = line.indexOf(sub.marker);
      assert.ok(at >= 0);
      assert.ok(allHave(tokenize(line), at, at + sub.marker.length, 'markup.heading.2'), `sub-section marker line ${sub.line + 1} ${JSON.stringify(line)}`);
      checked++;
    }
    assert.ok(checked >= 5, 'the seed has labels, captions or markers to check');
  });
}

// ---------------------------------------------------------------------------------------------------------
// The real engine, when a copy is at hand.

function findTextmate(): { textmate: string; oniguruma: string } {
  const textmate = path.dirname(require.resolve('vscode-textmate/package.json'));
  const oniguruma = path.dirname(require.resolve('vscode-oniguruma/package.json'));
  assert.ok(fs.existsSync(path.join(oniguruma, 'release', 'onig.wasm')), 'vscode-oniguruma without release/onig.wasm: run npm install');
  return { textmate, oniguruma };
}

test('vscode-textmate with Oniguruma gives the same scopes as the emulation on every seed line', async () => {
  const found = findTextmate();
  const vsctm = require(found.textmate);
  const onig = require(found.oniguruma);
  const wasm = fs.readFileSync(path.join(found.oniguruma, 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new onig.OnigScanner(sources),
      createOnigString: (s: string) => new onig.OnigString(s),
    }),
    loadGrammar: async (scope: string) =>
      scope === ROOT_SCOPE ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
  });
  const g = await registry.loadGrammar(ROOT_SCOPE);
  let compared = 0;
  const extra = ['四、结转下年度继续办理\t0', ' —、总体情况', '行政许可\t19\t减少 18\t1', '规章\t—\t0\t/', '\t１，２３４'];
  for (const lines of [...seedNames().map(seedLines), extra]) {
    let stack = vsctm.INITIAL;
    for (const line of lines) {
      const r = g.tokenizeLine(line, stack);
      stack = r.ruleStack;
      const mine = tokenize(line);
      for (const tok of r.tokens as { startIndex: number; endIndex: number; scopes: string[] }[]) {
        for (let i = tok.startIndex; i < Math.min(tok.endIndex, line.length); i++) {
          assert.deepEqual(mine[i], tok.scopes, `${JSON.stringify(line)} at ${i} (${JSON.stringify(line[i])})`);
          compared++;
        }
      }
    }
  }
  assert.ok(compared > 10000);
});
