/**
 * A report as a printable HTML page (A4): the title, the parameters and the legal basis, each section's table with
 * its header repeated on every page, group headings, subtotals and totals. Chromium prints it to PDF (./pdf.ts);
 * the page numbers are the PDF footer's. Self-contained: no script, no external resource.
 */
import { labelColumnIndex, moneyText, parametersLine, percentText, sectionLines, type CellValue, type ColumnUnit, type Report, type ReportSection } from './report.ts';

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** "1234567.50" → "1,234,567.50" (grouping on paper; the digits stay the exact yuan text). */
export function groupThousands(yuan: string): string {
  const [whole, fraction] = yuan.split('.');
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${fraction}`;
}

function cellText(unit: ColumnUnit, value: CellValue, field: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (unit === 'money') return groupThousands(moneyText(value, field));
  if (unit === 'rate') return percentText(String(value));
  return String(value);
}

const numeric = (unit: ColumnUnit) => unit === 'money' || unit === 'rate' || unit === 'count';

/** Chinese text needs a CJK font: Debian's fonts-noto-cjk first, then what else a server may have. */
export const PRINT_FONTS = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif';

const STYLE = `
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
body { font-family: ${PRINT_FONTS}; font-size: 9pt; color: #000; margin: 0; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 2pt; }
.english { text-align: center; font-style: italic; color: #444; margin: 0 0 4pt; }
.parameters { text-align: center; margin: 0 0 2pt; }
.basis { text-align: center; font-size: 8pt; color: #444; margin: 0 0 8pt; }
h2 { font-size: 11pt; margin: 10pt 0 4pt; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
thead { display: table-header-group; }
th, td { border: 0.5pt solid #666; padding: 2pt 4pt; vertical-align: top; }
th { background: #eee; font-weight: bold; }
th small { display: block; font-weight: normal; color: #555; }
td.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.strong td, tr.group td, tr.total td { font-weight: bold; }
tr.group td { background: #f6f6f6; }
`;

function sectionTable(report: Report, section: ReportSection): string {
  const head = section.columns.map((c) => `<th>${escapeHtml(c.title)}${c.titleEnglish ? `<small>${escapeHtml(c.titleEnglish)}</small>` : ''}</th>`).join('');
  const labelAt = labelColumnIndex(section);
  const body = sectionLines(section).map((line) => {
    if (line.kind === 'group') return `<tr class="group"><td colspan="${section.columns.length}">${escapeHtml(line.label)}</td></tr>`;
    const cells = section.columns.map((c, index) => {
      const text = line.kind === 'record' ? cellText(c.unit, line.row[c.key] as CellValue, c.key)
        : line.sums.has(c.key) ? cellText(c.unit, line.sums.get(c.key)!, c.key) : index === labelAt ? line.label : '';
      return `<td${numeric(c.unit) ? ' class="number"' : ''}>${escapeHtml(text)}</td>`;
    }).join('');
    const rowClass = line.kind === 'record' ? (line.strong ? ' class="strong"' : '') : ' class="total"';
    return `<tr${rowClass}>${cells}</tr>`;
  }).join('\n');
  const heading = report.sections.length > 1 ? `<h2>${escapeHtml(section.title ?? section.name)}</h2>` : '';
  return `${heading}<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function renderHtml(report: Report): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>${STYLE}${report.landscape ? '@page { size: A4 landscape; }' : ''}</style></head>
<body>
<h1>${escapeHtml(report.title)}</h1>
${report.titleEnglish ? `<p class="english">${escapeHtml(report.titleEnglish)}</p>` : ''}
${report.parameters.length ? `<p class="parameters">${escapeHtml(parametersLine(report))}</p>` : ''}
${report.legalBasis ? `<p class="basis">依据：${escapeHtml(report.legalBasis)}</p>` : ''}
${report.sections.map((section) => sectionTable(report, section)).join('\n')}
</body></html>`;
}
