/** Answer of the occupational annuity account route (职业年金个人账户). TypeBox only. */
import { Type } from '@sinclair/typebox';
import { IdText, Money, Month } from '../../../platform/http/schemas.ts';

export const OccupationalAnnuityAccount = Type.Object({
  personId: IdText, idNumber: Type.String(), name: Type.String(),
  employeeTotal: Money, employerTotal: Money, balance: Money,
  credits: Type.Array(Type.Object({
    period: Month, part: Type.Union([Type.Literal('employee'), Type.Literal('employer')]), amount: Money, billNumber: Type.String(), employerName: Type.String(),
  })),
});
