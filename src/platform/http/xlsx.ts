/** Sending a spreadsheet: every XLSX export of the API answers the same way (download with a UTF-8 file name). */
import type { FastifyReply } from 'fastify';

export function sendXlsx(reply: FastifyReply, fileName: string, content: Buffer) {
  reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  return reply.send(content);
}
