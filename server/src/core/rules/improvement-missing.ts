import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { firstSection } from '../model';
import { sectionSentences } from './_narrative';

/** Words that name a problem (条例 art. 50(4): 存在的主要问题). */
const PROBLEM_RE = /问题|不足|短板|差距|薄弱|有待|不够|不高|不强|欠缺|不到位|不完善|不充分|不及时|不均衡|不规范|滞后|偏少|单一|尚需|仍需|还需|仍有|尚有|困难/;
/** Words that name an improvement or a plan (改进情况). */
const IMPROVEMENT_RE = /改进|下一步|下步|今后|整改|将|计划|措施|打算|继续|持续|进一步|加强|强化|完善|提升|推进|推动|优化|加大/;

/** Reduced text this short says nothing (`无`, `暂无。`, `无此情况`). */
const EMPTY_MAX = 8;

/** Part 五 must give both the main problems and the improvement (条例 art. 50(4)). */
export const rule: Rule = {
  meta: {
    id: 'improvement-missing',
    severity: 'warning',
    formats: 'both',
    kind: 'heuristic',
    structural: true,
    description: { zh: '第五部分未写明存在的问题或改进情况', en: 'Part 五 lacks the problems or the improvement' },
  },
  *check({ report }): Iterable<RawFinding> {
    const sec = firstSection(report, 5);
    if (!sec) return;
    const text = sectionSentences(report, 5)
      .map((s) => s.text)
      .join('');
    const bare = text.replace(/[\s，,。；;：:！!？?、.]/g, '');
    if (bare.length <= EMPTY_MAX) {
      yield { range: sec.heading.range, message: msg('improvement-missing.empty', { text: bare || '—' }) };
      return;
    }
    const problems = PROBLEM_RE.test(text);
    const improvement = IMPROVEMENT_RE.test(text);
    if (!problems) yield { range: sec.heading.range, message: msg('improvement-missing.problems') };
    if (!improvement) yield { range: sec.heading.range, message: msg('improvement-missing.improvement') };
  },
};
