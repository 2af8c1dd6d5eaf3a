/**
 * The rule documentation (docs/rules/<id>.md) stays true to the rules:
 *  - one page per rule of RULE_METAS and no page without a rule; the README table lists every rule;
 *  - every page has the required headings, a header line matching the rule's metadata and the two ways to
 *    configure the rule;
 *  - the first ```text block under “错误示例” produces at least one finding of the rule, with the message the page
 *    shows, and the first ```text block under “正确示例” produces no finding at all, once wrapped in a complete
 *    report (see `wrap` below).
 *
 * Example markers (HTML comments before a block, invisible on the rendered page):
 *   <!-- example: whole -->                    the block is the whole document (also the default)
 *   <!-- example: part=三 -->                  the block replaces these parts of a report skeleton (标题 一 … 六 落款)
 *   <!-- example: part=二 year=2020 -->        … of a skeleton for that report year (tables in the format of the
 *                                               year unless `format=2019|2021` is given)
 *   <!-- example: previous-year part=三 year=2022 -->  a later block in the same section: the same agency's
 *                                               previous-year report, passed to lint() as `previousYear`
 *   <!-- example: same-year part=六 -->      a later block: another agency's report of the same year (the skeleton's
 *                                               agency renamed 某县市场监督管理局), passed to lint() in `sameYear`
 *   <!-- example: not-checked (reason) -->     not checked; only for the rules in NOT_CHECKED_ALLOWED
 * Inside a block, a line `……` stands for the skeleton lines it omits.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, parseReport, RULE_METAS, type Finding, type LintOptions, type RuleMeta } from '../../server/src/core';
import { ROOT } from '../helpers';

const DOCS = path.join(ROOT, 'docs', 'rules');

/**
 * Rules whose examples may be marked `not-checked`. Empty: every example is checked, the cross-year rules
 * through a `previous-year` block. A rule is added here only when its example cannot be a short excerpt.
 */
const NOT_CHECKED_ALLOWED: ReadonlySet<string> = new Set<string>([]);

const PREVIOUS_YEAR_FILE = '某县卫生健康局2022年政府信息公开工作年度报告.txt';
/** A `same-year` block is another agency's report of the same year: the skeleton's agency is renamed. */
const SAME_YEAR_AGENCY = '某县市场监督管理局';
const SAME_YEAR_FILE = `${SAME_YEAR_AGENCY}2023年政府信息公开工作年度报告.txt`;

const REQUIRED_HEADINGS = ['说明', '原因', '计算方法 / 判定规则', '错误示例', '正确示例', '修复', '配置', 'English'];
const SEVERITY_ZH: Record<RuleMeta['severity'], string> = { error: '错误', warning: '警告', info: '提示' };
const FORMAT_ZH: Record<RuleMeta['formats'], string> = { F2021: '2021版', F2019: '2019版', both: '两者' };
const KIND_ZH: Record<RuleMeta['kind'], string> = { exact: '精确', heuristic: '启发式' };

// ---------------------------------------------------------------- report skeleton

type PartName = '标题' | '一' | '二' | '三' | '四' | '五' | '六' | '落款';
const PART_ORDER: readonly PartName[] = ['标题', '一', '二', '三', '四', '五', '六', '落款'];

interface Part {
  name: PartName;
  lines: string[];
}

const T3_HEADER = [
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  '申请人情况',
  '自然人 法人或其他组织 总计',
  '商业企业 科研机构 社会公益组织 法律服务机构 其他',
];
const T3_ROWS = [
  '一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0',
  '二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0',
  '三、本年度办理结果 （一）予以公开 0 0 0 0 0 0 0',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0',
  '（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0',
  '2.其他法律行政法规禁止公开 0 0 0 0 0 0 0',
  '3.危及“三安全一稳定” 0 0 0 0 0 0 0',
  '4.保护第三方合法权益 0 0 0 0 0 0 0',
  '5.属于三类内部事务信息 0 0 0 0 0 0 0',
  '6.属于四类过程性信息 0 0 0 0 0 0 0',
  '7.属于行政执法案卷 0 0 0 0 0 0 0',
  '8.属于行政查询事项 0 0 0 0 0 0 0',
  '（四）无法提供 1.本机关不掌握相关政府信息 0 0 0 0 0 0 0',
  '2.没有现成信息需要另行制作 0 0 0 0 0 0 0',
  '3.补正后申请内容仍不明确 0 0 0 0 0 0 0',
  '（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0',
  '2.重复申请 0 0 0 0 0 0 0',
  '3.要求提供公开出版物 0 0 0 0 0 0 0',
  '4.无正当理由大量反复申请 0 0 0 0 0 0 0',
  '5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0',
];
const T3_ROWS_2021_SIX = [
  '（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0',
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0',
  '3.其他 0 0 0 0 0 0 0',
];
const T4 = [
  '行政复议 行政诉讼',
  '未经复议直接起诉 复议后起诉',
  '结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计',
  '0 0 0 0 0 0 0 0 0 0 0 0 0 0 0',
];

/** A clean report of year Y (PDF-text layout) with its tables in the given format. */
function skeleton(Y: number, format: 2021 | 2019): Part[] {
  const f21 = format === 2021;
  const t2 = f21
    ? [
        '第二十条第（一）项',
        '信息内容 本年制发件数 本年废止件数 现行有效件数',
        '规章 0 0 0',
        `行政规范性文件 2 1 ${9 + Y - 2023}`, // consistent from year to year (cross-year-valid-count)
        '第二十条第（五）项',
        '信息内容 本年处理决定数量',
        '行政许可 126',
        '第二十条第（六）项',
        '信息内容 本年处理决定数量',
        '行政处罚 37',
        '行政强制 0',
        '第二十条第（八）项',
        '信息内容 本年收费金额（单位：万元）',
        '行政事业性收费 0',
      ]
    : [
        '第二十条第（一）项',
        '信息内容 本年新制作数量 本年新公开数量 对外公开总数量',
        '规章 0 0 0',
        '规范性文件 2 2 9',
        '第二十条第（五）项',
        '信息内容 上一年项目数量 本年增/减 处理决定数量',
        '行政许可 42 增加3 118',
        '其他对外管理服务事项 0 0 0',
        '第二十条第（六）项',
        '信息内容 上一年项目数量 本年增/减 处理决定数量',
        '行政处罚 15 0 37',
        '行政强制 0 0 0',
        '第二十条第（八）项',
        '信息内容 上一年项目数量 本年增/减',
        '行政事业性收费 2 0',
        '第二十条第（九）项',
        '信息内容 采购项目数量 采购总金额',
        '政府集中采购 3 项 26.5 万元',
      ];
  return [
    {
      name: '标题',
      lines: [
        `某县卫生健康局${Y}年政府信息公开工作年度报告`,
        '',
        `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。本报告所列数据统计期限为${Y}年1月1日至${Y}年12月31日。`,
        '',
      ],
    },
    {
      name: '一',
      lines:
        Y % 2 === 1
          ? [
              '一、总体情况',
              '',
              `${Y}年，某县卫生健康局认真贯彻落实《条例》和上级关于政务公开工作的部署，持续推进政府信息公开工作。`,
              '',
              '（一）主动公开。通过县政府门户网站卫生健康局专栏及时发布机构职能、政策文件、卫生监督执法等信息。',
              '',
              '（二）依申请公开。严格按照《条例》规定的时限和程序办理政府信息公开申请，做到依法、规范答复。',
              '',
              '（三）政府信息管理。落实信息发布前保密审查和合法性审核制度，及时清理更新已公开信息。',
              '',
              '（四）政府信息公开平台建设。持续维护县政府门户网站专栏和“健康某县”微信公众号。',
              '',
              '（五）监督保障。明确分管领导和专人负责，将政务公开工作纳入年度目标考核。',
              '',
            ]
          : [
              // even years are worded differently: consecutive years of the skeleton are not copies of each other
              '一、总体情况',
              '',
              `${Y}年，某县卫生健康局在县委县政府领导下，围绕卫生健康中心工作扎实做好政务公开各项工作。`,
              '',
              '（一）主动公开。在县政府门户网站卫生健康局专栏集中发布部门预决算、医疗机构名录和疫苗接种点等信息。',
              '',
              '（二）依申请公开。畅通网上和信函申请渠道，规范登记、审核、答复和归档流程。',
              '',
              '（三）政府信息管理。建立信息发布审核台账，对已公开的规范性文件开展全面清理。',
              '',
              '（四）政府信息公开平台建设。优化政府网站专栏栏目设置，规范政务新媒体账号管理。',
              '',
              '（五）监督保障。开展政务公开业务培训，主动接受社会评议和监督。',
              '',
            ],
    },
    { name: '二', lines: ['二、主动公开政府信息情况', '', ...t2, ''] },
    {
      name: '三',
      lines: [
        '三、收到和处理政府信息公开申请情况',
        '',
        ...T3_HEADER,
        ...T3_ROWS,
        ...(f21 ? T3_ROWS_2021_SIX : ['（六）其他处理 0 0 0 0 0 0 0']),
        '（七）总计 0 0 0 0 0 0 0',
        '四、结转下年度继续办理 0 0 0 0 0 0 0',
        '',
      ],
    },
    { name: '四', lines: ['四、政府信息公开行政复议、行政诉讼情况', '', ...T4, ''] },
    {
      name: '五',
      lines:
        Y % 2 === 1
          ? [
              '五、存在的主要问题及改进情况',
              '',
              '（一）存在的主要问题。政策解读形式较为单一，基层医疗机构信息更新不够及时。',
              '',
              `（二）改进情况。${Y + 1}年将丰富图表、视频等解读形式，建立信息更新提醒机制。`,
              '',
            ]
          : [
              '五、存在的主要问题及改进情况',
              '',
              '（一）存在的主要问题。部分信息发布不够及时，政策解读的针对性有待加强。',
              '',
              `（二）改进情况。${Y + 1}年将完善信息发布时限管理，增加政策问答等解读方式。`,
              '',
            ],
    },
    { name: '六', lines: ['六、其他需要报告的事项', '', f21 ? `${Y}年度本机关未收取政府信息公开信息处理费。` : '无。', ''] },
    { name: '落款', lines: ['某县卫生健康局', `${Y + 1}年1月20日`] },
  ];
}

// ---------------------------------------------------------------- wrapping an excerpt into a report

type Mode =
  | { kind: 'whole'; previousYear: boolean; sameYear?: boolean }
  | { kind: 'parts'; parts: PartName[]; year: number; format: 2021 | 2019; previousYear: boolean; sameYear?: boolean }
  | { kind: 'not-checked'; reason: string };

function parseMarker(marker: string | undefined): Mode {
  if (!marker) return { kind: 'whole', previousYear: false };
  // eslint-disable-next-line regexp/no-super-linear-backtracking -- reads the project's own files, never user text
  const m = /^example:\s*(.*)$/s.exec(marker.trim());
  if (!m) throw new Error(`bad example marker: ${marker}`);
  let body = m[1].trim();
  const previousYear = /^previous-year\b/.test(body);
  if (previousYear) body = body.replace(/^previous-year\s*/, '');
  const sameYear = /^same-year\b/.test(body);
  if (sameYear) body = body.replace(/^same-year\s*/, '');
  const nc = /^not-checked\s*\((.+)\)$/s.exec(body);
  if (nc) return { kind: 'not-checked', reason: nc[1].trim() };
  if (body === 'whole' || body === '') return { kind: 'whole', previousYear, sameYear };
  const pm = /^part=(\S+)(?:\s+year=((?:19|20)\d\d))?(?:\s+format=(2021|2019))?$/.exec(body);
  if (!pm) throw new Error(`bad example marker: ${marker}`);
  const parts = pm[1].split(',') as PartName[];
  for (const p of parts) if (!PART_ORDER.includes(p)) throw new Error(`unknown part “${p}” in marker: ${marker}`);
  const year = pm[2] ? Number(pm[2]) : 2023;
  const format = pm[3] ? (Number(pm[3]) as 2021 | 2019) : year >= 2021 ? 2021 : 2019;
  return { kind: 'parts', parts, year, format, previousYear, sameYear };
}

const ELISION = /^\s*(?:……|…)\s*$/;
const VALUE = /^(?:[+\-]?\d[\d,]*(?:\.\d+)?(?:[件项个元]|万元)?|[/／\-—－]+|无)$/;

function dice(a: string, b: string): number {
  const grams = (s: string): string[] => Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2));
  const ga = grams(a);
  const pool = grams(b);
  if (!ga.length || !pool.length) return a === b ? 1 : 0;
  const total = ga.length + pool.length;
  let common = 0;
  for (const g of ga) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      common++;
      pool.splice(i, 1);
    }
  }
  return (2 * common) / total;
}

/** The label part of a line (values removed), or `#N` for a line of N values only. */
function key(line: string): string {
  const t = line.trim();
  if (!t) return '';
  const cells = t.split(/\s+/);
  const texts = cells.filter((c) => !VALUE.test(c));
  return texts.length === 0 ? `#${cells.length}` : texts.join('');
}

/**
 * Expands the `……` lines of an excerpt with the skeleton lines they stand for. Every other excerpt line is
 * anchored to a skeleton line (same label, else same first four characters, else similar to the next skeleton
 * line: bigram Dice ≥ 0.6); skeleton lines that an anchor skips over are dropped, so an excerpt can leave lines
 * out. An elision right after an unanchored line does not bring back the heading of a part (that line
 * replaces it, e.g. `—、总体情况`).
 */
function expand(excerpt: readonly string[], skel: readonly string[], headings: ReadonlySet<number>): string[] {
  const keys = skel.map(key);
  const find = (line: string, from: number): number => {
    const k = key(line);
    if (!k) return -1;
    for (let i = from; i < skel.length; i++) if (keys[i] === k) return i;
    const head = line.trim().slice(0, 4);
    if (head.length === 4) for (let i = from; i < skel.length; i++) if (skel[i].trim().startsWith(head)) return i;
    let next = from;
    while (next < skel.length && !keys[next]) next++;
    return next < skel.length && dice(k, keys[next]) >= 0.6 ? next : -1;
  };
  const out: string[] = [];
  let pos = 0;
  let anchored = true;
  for (let i = 0; i < excerpt.length; i++) {
    const line = excerpt[i];
    if (ELISION.test(line)) {
      let to = skel.length;
      for (let j = i + 1; j < excerpt.length; j++) {
        if (ELISION.test(excerpt[j]) || !excerpt[j].trim()) continue;
        const k = find(excerpt[j], pos);
        if (k >= 0) {
          to = k;
          break;
        }
      }
      if (!anchored && headings.has(pos)) pos++;
      for (let s = pos; s < to; s++) out.push(skel[s]);
      pos = Math.max(pos, to);
      anchored = true;
      continue;
    }
    out.push(line);
    if (!line.trim()) continue;
    const k = find(line, pos);
    anchored = k >= 0;
    if (k >= 0) pos = k + 1;
  }
  return out;
}

/** The complete document an example stands for. */
function wrap(text: string, mode: Mode): string {
  if (mode.kind === 'whole') return text;
  if (mode.kind === 'not-checked') throw new Error('a not-checked example cannot be wrapped');
  const parts = skeleton(mode.year, mode.format);
  const idx = mode.parts.map((p) => PART_ORDER.indexOf(p)).sort((a, b) => a - b);
  for (let k = 1; k < idx.length; k++) if (idx[k] !== idx[k - 1] + 1) throw new Error(`parts must be contiguous: ${mode.parts.join(',')}`);
  const before = parts.slice(0, idx[0]).flatMap((p) => p.lines);
  const replaced = parts.slice(idx[0], idx[idx.length - 1] + 1);
  const after = parts.slice(idx[idx.length - 1] + 1).flatMap((p) => p.lines);
  const skel: string[] = [];
  const headings = new Set<number>();
  for (const p of replaced) {
    headings.add(skel.length);
    skel.push(...p.lines);
  }
  const body = expand(text.replace(/\n$/, '').split('\n'), skel, headings);
  const gap = after.length && body.length && body[body.length - 1].trim() ? [''] : [];
  return [...before, ...body, ...gap, ...after].join('\n') + '\n';
}

// ---------------------------------------------------------------- pages

interface Block {
  text: string;
  marker?: string;
}

interface Page {
  id: string;
  file: string;
  md: string;
}

function pageFiles(): string[] {
  return fs
    .readdirSync(DOCS)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort();
}

function readPage(id: string): Page {
  const file = path.join(DOCS, `${id}.md`);
  return { id, file, md: fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n') };
}

/** The level-2 headings of a page, in order. */
function headings(md: string): string[] {
  return [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());
}

/** The body of the level-2 section with this heading. */
function section(md: string, heading: string): string | undefined {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && !lines[end].startsWith('## ')) end++;
  return lines.slice(start + 1, end).join('\n');
}

/** The ```text blocks of a section, each with the example marker written after the previous block. */
function blocks(sec: string): Block[] {
  const out: Block[] = [];
  let last = 0;
  for (const m of sec.matchAll(/```text\n([\s\S]*?)```/g)) {
    const between = sec.slice(last, m.index);
    const markers = [...between.matchAll(/<!--\s*(example:[\s\S]*?)-->/g)];
    out.push({ text: m[1], marker: markers.length ? markers[markers.length - 1][1] : undefined });
    last = (m.index ?? 0) + m[0].length;
  }
  return out;
}

function compactWs(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Lints an example section's first block (with the section's previous-year block, if any). */
function runExample(page: Page, heading: string): { mode: Mode; text?: string; findings: Finding[]; failures: unknown[] } {
  const sec = section(page.md, heading);
  assert.ok(sec !== undefined, `${page.id}: no “## ${heading}” section`);
  const bs = blocks(sec);
  assert.ok(bs.length > 0, `${page.id}: no \`\`\`text block under “${heading}”`);
  const first = bs[0];
  const mode = parseMarker(first.marker);
  assert.ok(!(mode.kind !== 'not-checked' && mode.previousYear), `${page.id}: the first block under “${heading}” is a previous-year block`);
  if (mode.kind === 'not-checked') return { mode, findings: [], failures: [] };
  assert.ok(!mode.sameYear, `${page.id}: the first block under “${heading}” is a same-year block`);
  const options: { previousYear?: LintOptions['previousYear']; sameYear?: LintOptions['sameYear'] } = {};
  const same = bs.slice(1).find((b) => b.marker !== undefined && /^example:\s*same-year\b/.test(b.marker.trim()));
  if (same) {
    const sm = parseMarker(same.marker);
    assert.ok(sm.kind !== 'not-checked');
    const text = wrap(same.text, sm).split('某县卫生健康局').join(SAME_YEAR_AGENCY);
    options.sameYear = [{ report: parseReport(text), name: SAME_YEAR_FILE, uri: `file:///${SAME_YEAR_FILE}` }];
  }
  const prev = bs.slice(1).find((b) => b.marker !== undefined && /^example:\s*previous-year\b/.test(b.marker.trim()));
  if (prev) {
    const pm = parseMarker(prev.marker);
    assert.ok(pm.kind !== 'not-checked');
    options.previousYear = { report: parseReport(wrap(prev.text, pm)), name: PREVIOUS_YEAR_FILE, uri: `file:///${PREVIOUS_YEAR_FILE}` };
  }
  const text = wrap(first.text, mode);
  const r = lint(text, options);
  return { mode, text, findings: r.findings, failures: r.failures };
}

function describe(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.ruleId}: ${f.message.zh}`).join('\n') || '(none)';
}

// ---------------------------------------------------------------- tests

test('every rule has a page and every page has a rule', () => {
  const ids = RULE_METAS.map((m) => m.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  const pages = pageFiles().map((f) => f.replace(/\.md$/, ''));
  assert.deepEqual(ids.filter((id) => !pages.includes(id)), [], 'rules without docs/rules/<id>.md');
  assert.deepEqual(pages.filter((p) => !ids.includes(p)), [], 'pages in docs/rules without a rule');
});

test('the README table lists every rule with its severity, formats and kind', () => {
  const readme = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
  const rows = new Map<string, string[]>();
  for (const line of readme.split(/\r?\n/)) {
    const m = /^\|\s*\[([a-z0-9-]+)\]\(([^)]+)\)\s*\|(.*)\|\s*$/.exec(line);
    if (!m) continue;
    assert.equal(m[2], `${m[1]}.md`, `README link of ${m[1]}`);
    assert.ok(!rows.has(m[1]), `README lists ${m[1]} twice`);
    rows.set(m[1], m[3].split('|').map((c) => c.trim()));
  }
  for (const meta of RULE_METAS) {
    const cells = rows.get(meta.id);
    assert.ok(cells, `README table lacks ${meta.id}`);
    const [description, severity, formats, kind, fixable] = cells;
    assert.ok(description.length > 0, `${meta.id}: README description`);
    assert.ok(severity.startsWith(SEVERITY_ZH[meta.severity]), `${meta.id}: README severity “${severity}”`);
    assert.equal(formats, FORMAT_ZH[meta.formats], `${meta.id}: README formats`);
    assert.equal(kind, KIND_ZH[meta.kind], `${meta.id}: README kind`);
    const pageFix = /可自动修复：(是|否)/.exec(readPage(meta.id).md)?.[1];
    assert.ok(fixable.startsWith(pageFix ?? '?'), `${meta.id}: README fixable “${fixable}” vs page “${pageFix}”`);
  }
  assert.deepEqual([...rows.keys()].filter((id) => !RULE_METAS.some((m) => m.id === id)), [], 'README rows without a rule');
});

for (const meta of RULE_METAS) {
  const id = meta.id;
  const exists = fs.existsSync(path.join(DOCS, `${id}.md`));

  test(`${id}: page structure and header`, { skip: !exists && 'no page (reported above)' }, () => {
    const page = readPage(id);
    const lines = page.md.split('\n');
    assert.equal(lines[0], `# ${id}`, 'the first line is the rule id');
    assert.deepEqual(headings(page.md), REQUIRED_HEADINGS, 'the level-2 headings, in order');
    const header = lines.find((l) => l.startsWith('> '));
    assert.ok(header, 'a header line `> 严重程度：… · 适用格式：… · 类型：… · 可自动修复：…`');
    const h = /^> 严重程度：(错误|警告|提示)[^·]* · 适用格式：(2021版|2019版|两者) · 类型：(精确|启发式) · 可自动修复：(是|否)（.+）$/.exec(header);
    assert.ok(h, `header line format: ${header}`);
    assert.equal(h[1], SEVERITY_ZH[meta.severity], 'header severity = the rule’s default severity');
    assert.equal(h[2], FORMAT_ZH[meta.formats], 'header formats');
    assert.equal(h[3], KIND_ZH[meta.kind], 'header kind');
    for (const heading of REQUIRED_HEADINGS) {
      const body = (section(page.md, heading) ?? '').trim();
      assert.ok(body.length >= 15, `section “${heading}” has content`);
      assert.doesNotMatch(body, /TODO|TBD|待补充|待完善|占位/, `section “${heading}” is not a placeholder`);
    }
    const config = compactWs(section(page.md, '配置') ?? '');
    assert.ok(config.includes(`"govreport.rules":{"${id}":"off"}`), '配置 shows the VS Code setting');
    assert.ok(config.includes(`--rule${id}=off`), '配置 shows the CLI option');
    assert.ok(/[a-z]{3,}/i.test(section(page.md, 'English') ?? '') && /\*\*Fix\.\*\*/.test(page.md), 'English section with a Fix paragraph');
  });

  test(`${id}: the failing example fires the rule with the message shown`, { skip: !exists && 'no page (reported above)' }, () => {
    const page = readPage(id);
    const r = runExample(page, '错误示例');
    if (r.mode.kind === 'not-checked') {
      assert.ok(NOT_CHECKED_ALLOWED.has(id), `${id} may not mark its failing example not-checked (${r.mode.reason})`);
      return;
    }
    assert.deepEqual(r.failures, [], 'no rule may throw');
    const own = r.findings.filter((f) => f.ruleId === id);
    assert.ok(own.length > 0, `the failing example gives no ${id} finding; findings:\n${describe(r.findings)}`);
    const sec = section(page.md, '错误示例') ?? '';
    assert.ok(
      own.some((f) => sec.includes(f.message.zh)),
      `the 错误示例 section shows none of the messages:\n${describe(own)}`,
    );
    // findings of other rules caused by the same example must be mentioned on the page too
    for (const f of r.findings.filter((x) => x.ruleId !== id)) {
      assert.ok(page.md.includes(f.message.zh), `the example also gives a finding the page does not mention:\n${f.ruleId}: ${f.message.zh}`);
    }
    const fixable = /可自动修复：(是|否)/.exec(page.md)?.[1];
    if (fixable === '否') assert.ok(own.every((f) => f.fixes.length === 0), 'the page says 可自动修复：否 but a fix is offered');
    else assert.ok(own.some((f) => f.fixes.length > 0), 'the page says 可自动修复：是 but its failing example offers no fix');
  });

  test(`${id}: the passing example is a report without findings`, { skip: !exists && 'no page (reported above)' }, () => {
    const page = readPage(id);
    const r = runExample(page, '正确示例');
    if (r.mode.kind === 'not-checked') {
      assert.ok(NOT_CHECKED_ALLOWED.has(id), `${id} may not mark its passing example not-checked (${r.mode.reason})`);
      return;
    }
    assert.deepEqual(r.failures, [], 'no rule may throw');
    assert.equal(r.findings.filter((f) => f.ruleId === id).length, 0, `the passing example gives ${id} findings:\n${describe(r.findings)}`);
    assert.deepEqual(r.findings.map((f) => `${f.ruleId}: ${f.message.zh}`), [], 'the passing example gives no finding of any rule');
  });
}

test('the example skeletons are clean reports, and wrapping keeps them intact', () => {
  for (const [year, format] of [[2023, 2021], [2022, 2021], [2021, 2021], [2020, 2019]] as const) {
    const text = skeleton(year, format).flatMap((p) => p.lines).join('\n') + '\n';
    const r = lint(text);
    assert.deepEqual(r.findings.map((f) => `${f.ruleId}: ${f.message.zh}`), [], `skeleton ${year}/${format}`);
    assert.equal(r.report.format.detected, format === 2021 ? 'F2021' : 'F2019');
    assert.equal(wrap('……\n', { kind: 'parts', parts: [...PART_ORDER], year, format, previousYear: false }), text, 'a lone “……” is the skeleton');
  }
  // an excerpt replaces what it anchors to and leaves out what it skips
  const t = wrap('三、收到和处理政府信息公开申请情况\n……\n（七）总计 1 0 0 0 0 0 1\n', { kind: 'parts', parts: ['三'], year: 2023, format: 2021, previousYear: false });
  assert.ok(t.includes('（七）总计 1 0 0 0 0 0 1\n\n四、政府信息公开行政复议'), 'rows after the last anchor are left out');
  assert.ok(!t.includes('（七）总计 0 0 0 0 0 0 0'), 'the anchored row replaces the skeleton row');
  assert.ok(t.includes('3.其他 0 0 0 0 0 0 0\n（七）总计 1'), '“……” stands for the rows before the anchor');
});

test('not-checked markers are only used by allow-listed rules and give a reason', () => {
  for (const f of pageFiles()) {
    const md = fs.readFileSync(path.join(DOCS, f), 'utf8');
    for (const m of md.matchAll(/<!--\s*example:\s*not-checked\b([\s\S]*?)-->/g)) {
      const id = f.replace(/\.md$/, '');
      assert.ok(NOT_CHECKED_ALLOWED.has(id), `${f}: not-checked example outside the allow-list`);
      // eslint-disable-next-line regexp/no-super-linear-move -- reads the project's own files, never user text
      assert.match(m[1], /\(\s*\S[\s\S]*\)/, `${f}: not-checked marker without a reason`);
    }
  }
});
