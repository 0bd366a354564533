/** HTTP for import records: the list, one import, and a refused import's error workbook. */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../http/server.ts';
import { FileAnswer, Id, XLSX_CONTENT_TYPE } from '../http/schemas.ts';
import { answerList } from '../http/lists.ts';
import { listQuery } from '../http/lists.schemas.ts';
import { sendFile } from '../reports/http.ts';
import { ImportRecord, ImportRecords } from './imports.schemas.ts';
import type { Permission } from '../access/permissions.ts';
import { errorWorkbook } from './error-workbook.ts';
import { getImport, importErrorRows, importRows, listImports } from './imports.service.ts';
import { importLine, importsReport } from './imports.report.ts';
import { importStatuses } from './imports.repository.ts';

/** Whoever may import one kind of file may see import records (row-level security keeps them to the scope). */
const importers: Permission[] = ['registry.import', 'payment.record', 'ledger.bank.import', 'ledger.entry.draft'];
const tags = ['platform'];

export async function importRecordRoutes(app: App) {
  const db = app.database;
  app.get('/api/imports', { config: { permission: importers },
    schema: { tags, summary: '导入记录 Imports of a kind and status, newest first (who, when, file, SHA-256, encoding, counts, status); format=xlsx|csv for every matching import',
      querystring: Type.Object({
        kind: Type.Optional(Type.String({ maxLength: 40 })),
        status: Type.Optional(Type.Union(importStatuses.map((status) => Type.Literal(status)), { description: 'previewed (waiting for a confirmation), applied or rejected' })),
        ...listQuery(500),
      }, { additionalProperties: false }), response: { 200: ImportRecords } },
  }, async (request, reply) => {
    const { limit, after, offset, format, ...filter } = request.query;
    const who = actor(request);
    return answerList(reply, { limit, after, offset, format }, {
      defaultLimit: 50,
      page: (page) => listImports(db, who, filter, page),
      rows: async (page) => {
        const found = await importRows(db, who, filter, page);
        return { items: found.items.map(importLine), nextCursor: found.nextCursor };
      },
      report: importsReport(filter),
    });
  });

  app.get('/api/imports/:id', { config: { permission: importers },
    schema: { tags, summary: '导入记录 One import', params: Type.Object({ id: Id }), response: { 200: ImportRecord } },
  }, async (request) => getImport(db, actor(request), BigInt(request.params.id)));

  app.get('/api/imports/:id/errors.xlsx', { config: { permission: importers },
    schema: { tags, summary: '错误行工作簿 The error workbook of a refused import: its bad rows as written, with a reason column', params: Type.Object({ id: Id }),
      response: { 200: FileAnswer(XLSX_CONTENT_TYPE, 'the bad rows as written, with a reason column') } },
  }, async (request, reply) => {
    const { record, header, errors } = await importErrorRows(db, actor(request), BigInt(request.params.id));
    return sendFile(reply, `${record.fileName.replace(/\.[^.]*$/, '')}-错误行.xlsx`, await errorWorkbook(header, errors));
  });
}
