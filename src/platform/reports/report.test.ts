/** The report renderers: CSV quoting and BOM, XLSX formats and frozen header read back, exact totals, the page. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { percentText, reportSection, sectionLines, type Report } from './report.ts';
import { renderCsv } from './csv.ts';
import { renderXlsx } from './xlsx.ts';
import { renderHtml } from './html.ts';
import { reportTable } from './cli.ts';

interface Row { code: string; name: string; amount: string | bigint | null; rate: string | null; persons: number; day: string | null }

const rows: Row[] = [
  { code: 'A1', name: '示范机械厂', amount: '0.10', rate: '0.16', persons: 3, day: '2026-01-15' },
  { code: 'A2', name: 'Comma, "quoted" & <b>', amount: 20n, rate: '0.005', persons: 2, day: null },
  { code: 'B1', name: '第二行\n换行', amount: '1234567.89', rate: null, persons: 1, day: '2026-02-01' },
];

function sample(extra: Partial<Report<{ rows: number }>> = {}, groupBy?: (row: Row) => string): Report<{ rows: number }> {
  return {
    title: '测试报表', titleEnglish: 'Test report', fileName: '测试', parameters: [{ label: '区划', value: '990100' }, { label: '截至', value: '2026-02-25' }],
    legalBasis: '社会保险法 第八十六条', data: { rows: rows.length },
    sections: [
      reportSection<Row>({
        name: '明细', rows, totals: '合计', groupBy,
        columns: [
          { key: 'code', title: '编码', unit: 'text' }, { key: 'name', title: '名称', titleEnglish: 'Name', unit: 'text' },
          { key: 'amount', title: '金额', unit: 'money', sum: true }, { key: 'rate', title: '费率', unit: 'rate' },
          { key: 'persons', title: '人数', unit: 'count', sum: true }, { key: 'day', title: '日期', unit: 'date' },
        ],
      }),
      reportSection<{ bucket: string; principal: string }>({ name: '汇总', rows: [{ bucket: '1-30', principal: '5.00' }], columns: [{ key: 'bucket', title: '账龄', unit: 'text' }, { key: 'principal', title: '本金', unit: 'money' }] }),
    ],
    ...extra,
  };
}

test('totals are exact sums in fen of yuan strings and bigint fen', () => {
  const lines = sectionLines(sample().sections[0]);
  const totals = lines.at(-1)!;
  assert.equal(totals.kind, 'totals');
  assert.deepEqual(totals.kind === 'totals' && Object.fromEntries(totals.sums), { amount: 123456819n, persons: 6n }); // 0.10 + 0.20 (20 fen) + 1234567.89 yuan
  assert.equal(lines.filter((line) => line.kind === 'record').length, 3);
});

test('grouping: a heading per group of consecutive rows, a subtotal after each, the totals last', () => {
  const lines = sectionLines(sample({}, (row) => row.code[0]).sections[0]);
  assert.deepEqual(lines.map((line) => (line.kind === 'record' ? `record ${line.row.code}` : line.kind === 'group' ? `group ${line.label}` : `${line.kind} ${line.label} ${line.sums.get('amount')}`)), [
    'group A', 'record A1', 'record A2', 'subtotal A 小计 30', 'group B', 'record B1', 'subtotal B 小计 123456789', 'totals 合计 123456819',
  ]);
});

test('a summed column must be money or count, and a sheet name must fit Excel', () => {
  assert.throws(() => reportSection<Row>({ name: 'x', rows: [], columns: [{ key: 'code', title: '编码', unit: 'text', sum: true }] }), /only money and count columns are summed/);
  assert.throws(() => reportSection<Row>({ name: 'a/b', rows: [], columns: [] }), /sheet name/);
});

test('rates print as exact percentages', () => {
  assert.deepEqual(['0.16', '0.005', '0.0262', '1', '0.00125', '-0.5'].map(percentText), ['16%', '0.5%', '2.62%', '100%', '0.125%', '-50%']);
});

test('CSV: UTF-8 with BOM, the Chinese header then one row per record (no totals), RFC 4180 quoting, money as plain yuan', () => {
  const csv = renderCsv(sample());
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = csv.toString('utf8').slice(1);
  assert.equal(text, [
    '编码,名称,金额,费率,人数,日期',
    'A1,示范机械厂,0.10,0.16,3,2026-01-15',
    'A2,"Comma, ""quoted"" & <b>",0.20,0.005,2,',
    'B1,"第二行\n换行",1234567.89,,1,2026-02-01',
    '',
  ].join('\r\n'));
});

test('CSV holds the section marked main', () => {
  const report = sample();
  report.sections[1].main = true;
  assert.equal(renderCsv(report).toString('utf8'), '\uFEFF账龄,本金\r\n1-30,5.00\r\n');
});

test('XLSX: a sheet per section, title rows, a frozen header of Chinese titles, number formats, money as numbers, totals', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await renderXlsx(sample()) as never);
  assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['明细', '汇总']);
  const sheet = workbook.getWorksheet('明细')!;
  assert.equal(sheet.getCell('A1').value, '测试报表');
  assert.equal(sheet.getCell('A3').value, '区划 990100 · 截至 2026-02-25');
  assert.equal(sheet.getCell('A4').value, '依据：社会保险法 第八十六条');
  const headerRow = 6;
  assert.deepEqual((sheet.getRow(headerRow).values as unknown[]).slice(1), ['编码', '名称', '金额', '费率', '人数', '日期']);
  assert.deepEqual(sheet.views.map((view) => [view.state, (view as { ySplit?: number }).ySplit]), [['frozen', headerRow]]);
  assert.equal(sheet.getCell(headerRow + 1, 3).numFmt, '#,##0.00;[Red]-#,##0.00');
  assert.equal(sheet.getCell(headerRow + 1, 4).numFmt, '0.00##%');
  assert.equal(sheet.getCell(headerRow + 1, 5).numFmt, '#,##0');
  assert.equal(sheet.getCell(headerRow + 1, 6).numFmt, 'yyyy-mm-dd');
  assert.deepEqual((sheet.getRow(headerRow + 1).values as unknown[]).slice(1), ['A1', '示范机械厂', 0.1, 0.16, 3, new Date('2026-01-15T00:00:00Z')]);
  assert.equal(sheet.getCell(headerRow + 2, 3).value, 0.2);
  assert.equal(sheet.getCell(headerRow + 3, 3).value, 1234567.89);
  const totals = sheet.getRow(headerRow + 4);
  assert.deepEqual([totals.getCell(1).value, totals.getCell(3).value, totals.getCell(5).value, totals.font?.bold], ['合计', 1234568.19, 6, true]);
  assert.equal(sheet.rowCount, headerRow + 4);
});

test('the printable page: title, English title, parameters, legal basis, escaped cells, thousands separators, totals', () => {
  const html = renderHtml(sample({ landscape: true }));
  assert.match(html, /<title>测试报表<\/title>/);
  assert.match(html, /<p class="parameters">区划 990100 · 截至 2026-02-25<\/p>/);
  assert.match(html, /依据：社会保险法 第八十六条/);
  assert.match(html, /Comma, &quot;quoted&quot; &amp; &lt;b&gt;/);
  assert.doesNotMatch(html, /<b>/);
  assert.match(html, /<td class="number">1,234,567.89<\/td>/);
  assert.match(html, /<tr class="total"><td>合计<\/td><td><\/td><td class="number">1,234,568.19<\/td><td class="number"><\/td><td class="number">6<\/td>/);
  assert.match(html, /<td class="number">0.5%<\/td>/);
  assert.match(html, /size: A4 landscape/);
  assert.match(html, /<h2>汇总<\/h2>/);
});

test('the terminal table: the title, then each section with right-aligned money and its totals', () => {
  const text = reportTable(sample());
  assert.match(text, /^测试报表 Test report\n区划 990100 · 截至 2026-02-25\n依据：社会保险法 第八十六条\n/);
  assert.match(text, /\nA1 +示范机械厂 +0\.10 +16% +3 +2026-01-15\n/);
  assert.match(text, /\n合计 +1234568\.19 +6\n/);
  assert.match(text, /\n汇总\n账龄 +本金\n/);
});
