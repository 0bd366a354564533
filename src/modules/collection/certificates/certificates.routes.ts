/**
 * HTTP for certificates: staff issue one for a person (/api/persons/:id/certificates/:kind), the insured person for
 * themself (/api/me/certificates/:kind); each request issues a new certificate (format=pdf for the printed one).
 * GET /api/public/verify/:code answers anyone, without sign-in.
 */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { Id } from '../../../platform/http/schemas.ts';
import { ReportFormatQuery, sendReport } from '../../../platform/reports/http.ts';
import { ownPersonId } from '../accounts/accounts.service.ts';
import { CertificateKindName, IssuedCertificate, VerifiedCertificate } from './certificates.schemas.ts';
import { issueCertificate, verifyCertificate } from './certificates.service.ts';
import { certificateReport } from './certificates.report.ts';

const tags = ['collection'];

export async function certificateRoutes(app: App) {
  const db = app.database;

  app.get('/api/persons/:id/certificates/:kind', { config: { permission: 'certificate.issue' },
    schema: {
      tags, summary: '出具参保证明 / 个人权益记录单 Issue a certificate for a person (each request a new one with its own verification code); format=pdf for the printed certificate',
      params: Type.Object({ id: Id, kind: CertificateKindName }), querystring: Type.Object(ReportFormatQuery), response: { 200: IssuedCertificate },
    },
  }, async (request, reply) => sendReport(reply, certificateReport(await issueCertificate(db, actor(request), BigInt(request.params.id), request.params.kind)), request.query.format));

  app.get('/api/me/certificates/:kind', { config: { permission: 'portal.person' },
    schema: {
      tags, summary: '个人网厅：打印参保证明 / 个人权益记录单 The insured person\'s own certificate (each request a new one); format=pdf for the printed certificate',
      params: Type.Object({ kind: CertificateKindName }), querystring: Type.Object(ReportFormatQuery), response: { 200: IssuedCertificate },
    },
  }, async (request, reply) => {
    const who = actor(request);
    return sendReport(reply, certificateReport(await issueCertificate(db, who, ownPersonId(who), request.params.kind)), request.query.format);
  });

  app.get('/api/public/verify/:code', { config: { permission: 'public' },
    schema: {
      tags, summary: '文书验证 What the certificate with this verification code says (masked ID number, name, issue date, kind, facts); 404 when the code is unknown. No sign-in.',
      params: Type.Object({ code: Type.String({ maxLength: 40 }) }), response: { 200: VerifiedCertificate },
    },
  }, async (request) => verifyCertificate(db, request.params.code));
}
