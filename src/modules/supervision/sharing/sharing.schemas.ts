/** API shape of responsibility sharing and its settlement (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { DateOnly, Money, Nullable, Year } from '../../../platform/http/schemas.ts';

/** The pension scheme whose deficit is shared (sharing.service.ts SHARING_SCHEMES); without it, the enterprise employees'. */
const Scheme = Type.Union([Type.Literal('enterprise'), Type.Literal('public')], { description: 'enterprise: 企业职工基本养老保险; public: 机关事业单位基本养老保险 (default enterprise)' });

export const SharingQuery = Type.Object({ year: Year, scheme: Type.Optional(Scheme) }, { additionalProperties: false });

const Shares = Type.Object({ province: Money, city: Money, county: Money }, { description: 'adding up to the gap, to the fen' });

/** What `sifund sharing --year --format json` prints. */
export const SharingStatement = Type.Object({
  year: Type.Integer(), scheme: Type.String(), scope: Type.String({ description: 'the region prefix computed (empty: all)' }),
  rule: Type.Object({ province: Type.String(), city: Type.String(), county: Type.String(), collectionTarget: Type.String(), references: Type.Array(Type.String()) }),
  regions: Type.Array(Type.Object({
    region: Type.String(), name: Type.String(), billed: Money, collected: Money, paid: Money,
    gap: Money, ownGap: Money, surplus: Money, shares: Shares,
  })),
});

export const SharingSettlementRequest = Type.Object({
  year: Year,
  region: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'the province (default: the submitter\'s, or the only province with a pooled pension fund)' })),
  scheme: Type.Optional(Scheme),
}, { additionalProperties: false });

export const SharingSettlements = Type.Object({
  year: Type.Integer(),
  settlements: Type.Array(Type.Object({
    id: Type.String(), region: Type.String(), scheme: Type.String(), year: Type.Integer(), fund: Type.String(),
    gap: Money, borne: Type.String({ description: 'the province\'s shares, left with the pooled fund' }), remitted: Type.String({ description: 'the cities\' and counties\' shares remitted to the pooled fund (Dr 财政专户 / Cr 下级上解收入)' }),
    settledOn: DateOnly, approvalItemId: Type.String(), submittedBy: Type.String(), approvedBy: Type.String(),
    counties: Type.Array(Type.Object({
      region: Type.String(), gap: Money, ownGap: Money, shares: Shares, remitted: Money,
      entryId: Nullable(Type.String({ description: 'the entry of the remittances; null when nothing was remitted' })),
    })),
  })),
  proposals: Type.Array(Type.Object({ approvalItemId: Type.String(), region: Type.String(), status: Type.String(), submittedBy: Type.String(), remitted: Money })),
  plan: Type.Union([Type.Null(), Type.Object({
    region: Type.String(), fund: Type.String(), gap: Money, borne: Money, remitted: Money,
    counties: Type.Array(Type.Object({
      region: Type.String(), name: Type.String(), gap: Money, borne: Money, remitted: Money,
      lines: Type.Array(Type.Object({ account: Type.String(), name: Type.String(), debit: Money, credit: Money, reference: Nullable(Type.String()), memo: Nullable(Type.String()) })),
    })),
  })], { description: 'what the settlement would post now, for a reader of a province not yet settled (national: the only pooled province); null otherwise' }),
});
