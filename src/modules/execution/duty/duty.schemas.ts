/** API shapes of the focus list (重点关注) and the duty assignments (岗位责任) (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { DateOnly, DateText, IdText, Nullable, RateText, RegionCode, Timestamp } from '../../../platform/http/schemas.ts';

/** The report's own query: year, month, region. */
export { ReportQuery as FocusQuery } from '../execution.schemas.ts';

const Staff = Type.Object({ username: Type.String(), name: Type.String() });

export const FocusListView = Type.Object({
  year: Type.Integer(), month: Type.Integer(), region: Type.String(), asOf: DateOnly, timeProgress: RateText,
  items: Type.Array(Type.Object({
    region: Type.String({ description: 'the fund\'s pooling region' }), regionName: Nullable(Type.String()),
    fund: Type.String(), scheme: Type.String({ description: 'the fund\'s insurance' }),
    worstLine: Nullable(Type.Object({
      subject: Type.String(), name: Type.String(), deviation: RateText,
    }, { description: 'the budget-table line (not a 其中 row) furthest from the time progress; null when the fund has no approved budget' })),
    openAlerts: Type.Object({ critical: Type.Integer(), warning: Type.Integer() }),
    responsible: Nullable(Type.Object(Staff.properties, { description: 'the duty assignment in force today for the region and scheme (or all schemes); null: 未指定' })),
  }), { description: 'most off track first: the largest |deviation|, a tie by region code then fund; funds without an approved budget last' }),
});

export const DutyQuery = Type.Object({ region: RegionCode }, { additionalProperties: false });

export const DutyAssignmentBody = Type.Object({
  region: RegionCode,
  scheme: Type.String({ maxLength: 40, description: 'all, or an insurance with a budget table: pension, medical, unemployment, work_injury …' }),
  username: Type.String({ maxLength: 64, description: 'active staff who reads budget execution, of the region or a region above it' }),
  from: Type.Optional(DateText),
}, { additionalProperties: false });

export const DutyAssignmentView = Type.Object({
  id: IdText, region: Type.String(), scheme: Type.String(), username: Type.String(), name: Type.String(),
  from: DateOnly, to: Nullable(DateOnly), supersededBy: Nullable(IdText), assignedBy: Type.String(), assignedAt: Timestamp,
});

export const DutyAssignmentsView = Type.Object({
  region: Type.String(),
  schemes: Type.Array(Type.String(), { description: 'what an assignment may name' }),
  assignments: Type.Array(DutyAssignmentView, { description: 'each scheme\'s chain, newest first; to: the last day, null while in force' }),
  eligible: Type.Array(Type.Object({ username: Type.String(), name: Type.String(), role: Type.String(), region: Type.String() }), { description: 'who may be assigned' }),
});
