import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { firstSection } from '../model';
import { sectionSentences } from './_narrative';

/**
 * The five elements part 一 covers in the 2021 format (国办公开办函〔2021〕30号): each is found by a sub-heading or
 * by the words reports use for it in the text. The word lists are deliberately broad (any mention counts): the
 * rule reports an element only when part 一 says nothing at all about it.
 */
const OVERVIEW_ELEMENTS: readonly { readonly name: string; readonly en: string; readonly re: RegExp }[] = [
  // 主动公开 also as `主动做好政府信息公开工作`, `主动、及时、全面公开`
  { name: '主动公开', en: 'proactive disclosure', re: /主动[^。；;]{0,12}公开/ },
  { name: '依申请公开', en: 'disclosure on request', re: /依申请|公开申请|申请公开/ },
  // 政府信息管理: 信息管理 / 信息资源 / 发布审核 / 保密审查 / 清理 (of published information) / 公开目录
  { name: '政府信息管理', en: 'information management', re: /信息管理|信息资源|审核|审查|清理|目录|发布(?:机制|流程|制度|管理)|保密/ },
  // 平台建设: 平台 / 政府网站 / 门户网站 / 政务新媒体 / 公众号 / 政务微博 / 公开专栏 / 政务服务中心
  { name: '政府信息公开平台建设', en: 'disclosure platforms', re: /平台|网站|新媒体|公众号|微博|微信|专栏|公开栏|服务中心|政务服务/ },
  // 监督保障: 监督 / 保障 / 考核 / 评议 / 培训 / 责任追究 / 组织领导
  { name: '监督保障', en: 'supervision and safeguards', re: /监督|保障|考核|考评|评议|评估|培训|责任追究|问责|督查|督导|组织领导|领导小组/ },
];

/** Part 一 leaves out one of the five elements of the 2021 format (domain.md §0, §1.2). */
export const rule: Rule = {
  meta: {
    id: 'overview-element-missing',
    severity: 'warning',
    formats: 'F2021',
    kind: 'heuristic',
    structural: true,
    description: { zh: '总体情况缺少规定的内容要素', en: 'Part 一 leaves out a required element' },
  },
  *check({ report }): Iterable<RawFinding> {
    const sec = firstSection(report, 1);
    if (!sec) return;
    const text = sectionSentences(report, 1)
      .map((s) => s.text)
      .join('');
    for (const el of OVERVIEW_ELEMENTS) {
      if (el.re.test(text)) continue;
      yield { range: sec.heading.range, message: msg('overview-element-missing', { element: el.name, elementEn: el.en }) };
    }
  },
};
