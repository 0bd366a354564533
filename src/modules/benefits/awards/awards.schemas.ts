/** API shape of a pension award request (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../../platform/http/schemas.ts';
import { PensionQuoteInput } from '../quote.schemas.ts';

const { birthDate, gender, retirementDate, contributionMonths, averageIndex, accountBalance, ...history } = PensionQuoteInput.properties;

export const AwardRequestBody = Type.Object({
  idNumber: Type.String({ minLength: 15, maxLength: 18, description: '公民身份号码 of the retiree' }),
  retirementDate: Type.String({ format: 'date', maxLength: 10, description: '退休日期 YYYY-MM-DD: paid from the next month' }),
  bankAccount: Type.String({ pattern: '^[0-9]{8,40}$', description: '社会保障卡金融账户: where the pension is paid' }),
  input: Type.Object({
    ...history,
    birthDate: Type.Optional(birthDate), gender: Type.Optional(gender), retirementDate: Type.Optional(retirementDate),
    contributionMonths: Type.Optional(contributionMonths), averageIndex: Type.Optional(averageIndex), accountBalance: Type.Optional(accountBalance),
    recordMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 1200, description: 'filled from the record: its months as GET /api/pension/record gave them (409 when the record now says otherwise)' })),
    recordAverageIndex: Type.Optional(Nullable(averageIndex)),
    recordAccountBalance: Type.Optional(accountBalance),
    outsideMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 1200, description: '系统外缴费月数: months paid before sifund' })),
    outsideAverageIndex: Type.Optional(averageIndex),
    outsideNote: Type.Optional(Type.String({ maxLength: 200, description: 'where the outside months come from (personnel file, former system)' })),
    openingAccountBalance: Type.Optional(accountBalance),
  }, {
    additionalProperties: false,
    description: 'the quote\'s input as POST /api/pension/quote takes it: the server quotes again; birth date, gender and region come from the '
      + 'person\'s record (refused when the input says otherwise), the retirement date from the request. Filled from the pension record, it '
      + 'carries record* (what the record said) and outside* / openingAccountBalance (what the operator added): the server reads the record again '
      + 'and the totals are their sum',
  }),
  quote: Type.Optional(Type.Object({ total: Type.String({ maxLength: 19 }) }, {
    additionalProperties: true, description: 'the quote the operator saw: refused when its total is not the server\'s',
  })),
}, { additionalProperties: false });
