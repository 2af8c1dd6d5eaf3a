import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';

const GOVERNMENT_RE = /(?:[省市州盟县区旗]|自治区)人民政府$/;

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 条例 art. 49: agencies publish by 1月31日, governments' 主管部门 by 3月31日 (domain.md §3.6). */
export const rule: Rule = {
  meta: {
    id: 'publication-deadline',
    severity: 'info',
    formats: 'both',
    kind: 'heuristic',
    description: { zh: '落款日期晚于法定发布期限', en: 'The signature date is after the statutory deadline' },
  },
  *check({ report }): Iterable<RawFinding> {
    const Y = report.title?.year;
    const sig = report.signature;
    if (Y === undefined || !sig) return;
    const agency = report.title?.agency ?? '';
    const government = GOVERNMENT_RE.test(agency) && !/办公室|办公厅|乡|镇|街道/.test(agency);
    const deadline = government ? iso(Y + 1, 3, 31) : iso(Y + 1, 1, 31);
    const D = iso(sig.date.y, sig.date.m, sig.date.d);
    if (D > deadline) yield { range: sig.range, message: msg('publication-deadline.late', { D, deadline }) };
    else if (D < iso(Y + 1, 1, 1)) yield { range: sig.range, message: msg('publication-deadline.early', { D }) };
  },
};
