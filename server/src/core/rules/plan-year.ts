import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { sectionSentences, sentenceRange } from './_narrative';

/**
 * What a plan says right after its subject: 将 followed by an adverb or verb of intent (将继续/将进一步/将加强 …),
 * or 计划/拟/打算/准备. `将` followed by a noun is the 把-construction (`2023年，我局将政务公开纳入考核` — done
 * in 2023), not a plan.
 */
const PLAN = '(?:将(?:继续|进一步|持续|不断|着力|加强|加大|强化|全面|深入|积极|切实|认真|坚持|围绕|聚焦|重点|大力|严格|推动|推进|做好|抓好|扎实|努力|主动|加快|完善|提升|优化|建立|健全|紧扣|结合|以|按照|在|从|针对|把)|计划|拟|打算|准备)';

/** Plans in part 五 dated in the report year instead of the next one (`2023年，我单位将…` in the 2023 report). */
export const rule: Rule = {
  meta: {
    id: 'plan-year',
    severity: 'warning',
    formats: 'both',
    kind: 'heuristic',
    structural: true,
    description: { zh: '改进计划写成了报告当年', en: 'A plan is dated in the report year' },
  },
  *check({ report }): Iterable<RawFinding> {
    const Y = report.title?.year;
    if (Y === undefined) return;
    // the year, a clause of at most 20 characters without a full stop (the subject), then the plan word
    const re = new RegExp(`(?<!\\d)${Y}年(?:度)?(?!\\d|以来|来|上半年|前|底|末|初|中|第|期间)(?:[,，]?[^。;；,，]{0,20}?)${PLAN}`, 'g');
    for (const s of sectionSentences(report, 5)) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(s.text))) {
        // `截至2023年…` / `到2023年…` name a deadline in the report year, not the year of the plan
        if (/(?:截至|截止|[到至于])$/.test(s.text.slice(Math.max(0, m.index - 2), m.index))) continue;
        const at = m.index;
        yield {
          range: sentenceRange(s, at, at + String(Y).length),
          message: msg('plan-year', { Y, next: Y + 1 }),
        };
      }
    }
  },
};
