/**
 * One-line text as crawled web pages give it (test/fixtures/real/09, 10, 12, 13): every line break lost and
 * the spaces between the digits of table cells gone (`（一）予以公开7000007`). Made from a generated report.
 */

/** A paragraph of part 一 that makes a generated report as long as a real one (glued text is found in long lines). */
export const FILLER =
  '本机关坚持以公开为常态、不公开为例外，围绕中心工作，聚焦社会关切，持续加大政府信息主动公开力度，' +
  '进一步规范依申请公开办理流程，严格落实登记、审核、办理、答复、归档各环节要求，' +
  '不断完善政府信息公开平台建设，及时更新政府信息公开指南和目录，强化监督保障，将政务公开工作纳入年度绩效考核。';

/** Joins the report into one line and glues the digits of adjacent cells (`1 0 3` → `103`). */
export function glue(text: string, filler = 3): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const k = lines.findIndex((l) => l.startsWith('一、总体情况'));
  if (k >= 0) lines.splice(k + 1, 0, ...Array.from({ length: filler }, () => FILLER));
  return lines.join('').replace(/(\d)[ \u3000]+(?=\d)/g, '$1');
}
