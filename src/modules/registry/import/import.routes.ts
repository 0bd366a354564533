import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { invalid } from '../../../platform/errors.ts';
import { RegionCode } from '../../../platform/http/schemas.ts';
import { importKinds, importTemplate, type ImportKind } from './import.parse.ts';
import { importRegistryFile } from './import.service.ts';

const Kind = Type.Union(importKinds.map((kind) => Type.Literal(kind)));

export async function importRoutes(app: App) {
  app.post('/api/imports/:kind', { config: { permission: 'registry.import' },
    schema: {
      tags: ['registry'], summary: '批量导入 Import a CSV or XLSX file (all rows or none)', consumes: ['multipart/form-data'],
      params: Type.Object({ kind: Kind }), querystring: Type.Object({ region: Type.Optional(RegionCode) }),
    },
  }, async (request) => {
    const who = actor(request);
    if (!request.isMultipart()) throw invalid('file', 'send the file as multipart/form-data in a field named "file"');
    const file = await request.file();
    if (!file) throw invalid('file', 'is required');
    const content = await file.toBuffer();
    if (file.file.truncated) throw invalid('file', 'is larger than the 200 MB limit');
    return importRegistryFile(app.database, who, request.params.kind as ImportKind, file.filename, content, { regionCode: request.query.region });
  });

  app.get('/api/imports/templates/:file', { config: { permission: 'registry.import' },
    schema: { tags: ['registry'], summary: '导入模板 Download the XLSX template (employers.xlsx, persons.xlsx, employments.xlsx)', params: Type.Object({ file: Type.String({ pattern: '^(employers|persons|employments)\\.xlsx$' }) }) },
  }, async (request, reply) => {
    const kind = request.params.file.replace(/\.xlsx$/, '') as ImportKind;
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="${kind}-template.xlsx"`);
    return reply.send(await importTemplate(kind));
  });
}
