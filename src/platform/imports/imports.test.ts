import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { AppError } from '../errors.ts';
import { checkEncoding, decodeText } from './decode.ts';
import { amountOf, codeOf, dateOf, excelSerialDate, fieldOfHeader } from './dictionary.ts';
import { checkZipInflation } from './zip-guard.ts';
import { readTable } from './read.ts';
import { newWorkbook } from '../workbook.ts';

const refusal = (work: () => unknown) => { try { work(); } catch (error) { return error as AppError; } assert.fail('expected a refusal'); };

test('decoding: UTF-8 with and without BOM, GBK and GB18030 detected or chosen; invalid bytes refused naming the encoding', () => {
  assert.deepEqual(decodeText(Buffer.from('\uFEFF姓名,性别\n王小明,男')), { text: '姓名,性别\n王小明,男', encoding: 'utf-8' });
  assert.deepEqual(decodeText(Buffer.from('name\n王小明')), { text: 'name\n王小明', encoding: 'utf-8' });
  assert.deepEqual(decodeText(iconv.encode('公民身份号码,姓名\n1,王小明', 'gbk')), { text: '公民身份号码,姓名\n1,王小明', encoding: 'gb18030' });
  // 𠀀 (U+20000) exists only in GB18030's four-byte range, not in GBK.
  assert.equal(decodeText(iconv.encode('name\n𠀀', 'gb18030')).text, 'name\n𠀀');
  assert.equal(decodeText(iconv.encode('name\n王', 'gbk'), 'gbk').text, 'name\n王');
  const invalidGb = refusal(() => decodeText(Buffer.from([0x6e, 0x0a, 0x81, 0x20])));
  assert.equal(invalidGb.status, 400);
  assert.match(invalidGb.message, /not valid GB18030 text.*offset 2 \(line 2\)/);
  assert.match(refusal(() => decodeText(iconv.encode('王', 'gbk'), 'utf-8')).message, /not valid UTF-8/);
  assert.doesNotMatch(decodeText(iconv.encode('李晓红', 'gb18030')).text, /\uFFFD/);
  assert.equal(checkEncoding('GB2312'), 'gbk');
  assert.equal(checkEncoding('auto'), undefined);
  assert.match(refusal(() => checkEncoding('big5')).message, /^encoding: must be utf-8, gb18030 or gbk/);
});

test('dictionary: Chinese and English headers, coded values, Excel-style dates and amounts to exact fen', () => {
  assert.deepEqual(['公民身份号码', '身份证号码', 'idNumber', ' ID_Number* ', '\uFEFF姓名', '性别', '统一社会信用代码', 'salary'].map(fieldOfHeader),
    ['idNumber', 'idNumber', 'idNumber', 'idNumber', 'name', 'gender', 'creditCode', undefined]);
  assert.deepEqual([codeOf('gender', '男'), codeOf('gender', '女'), codeOf('gender', 'male'), codeOf('gender', '未知')], ['male', 'female', 'male', undefined]);
  assert.deepEqual([codeOf('hukouType', '城镇'), codeOf('hukouType', '农村'), codeOf('hukouType', '农业户口')], ['urban', 'rural', 'rural']);
  assert.deepEqual(['2026/12/9', '2026-12-09', '20261209', '2026.12.9', '2026年12月9日', '2026-02-30', '12/9/2026', '2026-12-09 00:00:00'].map((d) => dateOf(d)),
    ['2026-12-09', '2026-12-09', '2026-12-09', '2026-12-09', '2026-12-09', undefined, undefined, '2026-12-09']);
  assert.equal(dateOf('46000'), undefined, 'a serial day only from an XLSX number cell');
  assert.equal(dateOf('46000', { serial: true }), '2025-12-09');
  assert.equal(excelSerialDate(61), '1900-03-01');
  assert.deepEqual(['"276,550.19"'.slice(1, -1), '276550.19', '¥1,234.00', '￥12', '1 234.5', '-8.00', '(8.00)', '.5', '0.01', '12.345', 'abc', '1,234.5.6'].map(amountOf),
    [27_655_019n, 27_655_019n, 123_400n, 1_200n, 123_450n, -800n, -800n, 50n, 1n, undefined, undefined, undefined]);
});

/** A one-part zip whose entry is `data` deflated, with `declared` as its declared uncompressed size. */
function zipOf(name: string, data: Buffer, declared = data.length): Buffer {
  const deflated = zlib.deflateRawSync(data);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30); local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(8, 8); local.writeUInt32LE(deflated.length, 18); local.writeUInt32LE(declared, 22); local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46); central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(8, 10); central.writeUInt32LE(deflated.length, 20); central.writeUInt32LE(declared, 24); central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(0, 42);
  const directoryOffset = local.length + nameBytes.length + deflated.length;
  const end = Buffer.alloc(22); end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10); end.writeUInt32LE(central.length + nameBytes.length, 12); end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, nameBytes, deflated, central, nameBytes, end]);
}

test('zip guard: a sheet inflating past the cap is refused (413) whether its declared size tells the truth or lies', async () => {
  const limits = { entryBytes: 1024 * 1024, totalBytes: 2 * 1024 * 1024, entries: 10 };
  const bomb = Buffer.alloc(5 * 1024 * 1024, 0x20);   // 5 MiB of spaces deflate to ~5 KB
  const honest = zipOf('xl/worksheets/sheet1.xml', bomb);
  assert.ok(honest.length < 10_000, `the bomb is small: ${honest.length} bytes`);
  await assert.rejects(checkZipInflation(honest, limits), (error: AppError) => error.status === 413 && /would inflate to 5 MiB/.test(error.message));
  await assert.rejects(checkZipInflation(zipOf('xl/worksheets/sheet1.xml', bomb, 100), limits), (error: AppError) => error.status === 413 && /inflates past 1 MiB \(it declared 0 MiB\)/.test(error.message));
  await checkZipInflation(zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(1000, 0x20)), limits);
  await assert.rejects(checkZipInflation(Buffer.from('PK not a zip'), limits), (error: AppError) => error.status === 400);
  // The same guard stands before exceljs when an import reads an XLSX.
  await assert.rejects(readTable('bomb.xlsx', honest, { limits: { ...limits, fileBytes: 1024 * 1024 } }), (error: AppError) => error.status === 413);
});

test('reading: a real XLSX with dates and numbers, and a CSV above the size limit is a 413', async () => {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet('s');
  sheet.addRow(['date', 'amount']);
  sheet.addRow([new Date(Date.UTC(2026, 11, 9)), 276550.19]);
  const table = await readTable('a.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
  assert.deepEqual(table.rows, [{ row: 2, cells: ['2026-12-09', '276550.19'] }]);
  const big = Buffer.alloc(2048, 0x61);
  await assert.rejects(readTable('big.csv', big, { limits: { fileBytes: 1024, entryBytes: 1, totalBytes: 1, entries: 1 } }), (error: AppError) => error.status === 413 && /larger than the 1 KB/.test(error.message)
    && (error.toJSON().error as { limitBytes?: number }).limitBytes === 1024);
});
