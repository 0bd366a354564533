import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { FileAnswer, RegionCode, XLSX_CONTENT_TYPE } from '../../../platform/http/schemas.ts';
import { RegistryImportResult } from '../registry.schemas.ts';
import { sendFile } from '../../../platform/reports/http.ts';
import { uploadedFile } from '../../../platform/imports/index.ts';
import { importKinds, importTemplate, type ImportKind } from './import.schema.ts';
import { importRegistryFile } from './import.service.ts';

const Kind = Type.Union(importKinds.map((kind) => Type.Literal(kind)));

export async function importRoutes(app: App) {
  app.post('/api/imports/:kind', { config: { permission: 'registry.import' },
    schema: {
      tags: ['registry'], consumes: ['multipart/form-data'],
      summary: '批量导入 Import a CSV (UTF-8 or GB18030/GBK) or XLSX file, all rows or none; the same file again answers with its first result; a refused file\'s error workbook is at /api/imports/{importId}/errors.xlsx',
      params: Type.Object({ kind: Kind }),
      querystring: Type.Object({ region: Type.Optional(RegionCode), encoding: Type.Optional(Type.String({ maxLength: 20, description: 'utf-8, gb18030, gbk or auto (default: detected)' })) }),
      response: { 200: RegistryImportResult },
    },
  }, async (request) => importRegistryFile(app.database, actor(request), request.params.kind as ImportKind, await uploadedFile(request, request.query), { regionCode: request.query.region }));

  app.get('/api/imports/templates/:file', { config: { permission: 'registry.import' },
    schema: { tags: ['registry'], summary: '导入模板 Download the XLSX template (employers.xlsx, persons.xlsx, employments.xlsx)', params: Type.Object({ file: Type.String({ pattern: '^(employers|persons|employments)\\.xlsx$' }) }),
      response: { 200: FileAnswer(XLSX_CONTENT_TYPE, 'the template: Chinese headers, one example row (never imported)') } },
  }, async (request, reply) => {
    const kind = request.params.file.replace(/\.xlsx$/, '') as ImportKind;
    return sendFile(reply, `${kind}-template.xlsx`, await importTemplate(kind));
  });
}
