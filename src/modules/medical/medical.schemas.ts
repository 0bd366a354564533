/** The medical module's request and answer shapes (TypeBox): the OpenAPI description and the web's types. */
import { Type } from '@sinclair/typebox';
import { Money, Nullable, RateText, RegionCode, Year, Yuan } from '../../platform/http/schemas.ts';

const Strict = { additionalProperties: false } as const;
/** A share as exact decimal text ("0.3"); its range is checked with the rest of the input (year-end.input.ts). */
const Share = Type.String({ pattern: '^[0-9]{1,6}(\\.[0-9]{1,12})?$', maxLength: 19, description: 'exact decimal share, e.g. "0.3"' });

const OverrunBand = Type.Object({
  upToShareOfQuota: Share, fundShare: Share,
}, { ...Strict, description: '超支分担分段: an overrun up to this share of the quota is paid at fundShare (bands ascending; beyond the last, nothing)' });

export const YearEndPreviewBody = Type.Object({
  rules: Type.Optional(Type.Object({
    savingRewardShare: Share,
    savingRewardCapShareOfQuota: Type.Optional(Nullable(Share)),
    overrunBands: Type.Optional(Type.Array(OverrunBand, { maxItems: 20 })),
  }, { ...Strict, description: '清算规则; without it, the rule set of `region` for `year` (params medical.year_end_settlement)' })),
  region: Type.Optional(RegionCode),
  year: Type.Optional(Year),
  institutions: Type.Array(Type.Object({
    code: Type.String({ minLength: 1, maxLength: 40 }), quota: Yuan, actual: Yuan, prepaid: Yuan,
  }, Strict), { minItems: 1, maxItems: 10_000 }),
}, Strict);

export const YearEndSettlement = Type.Object({
  rules: Type.Object({
    savingRewardShare: RateText,
    savingRewardCapShareOfQuota: Nullable(RateText),
    overrunBands: Type.Array(Type.Object({ upToShareOfQuota: RateText, fundShare: RateText })),
    reference: Nullable(Type.String({ description: 'the regional parameter\'s legal source; null when the rules were given' })),
  }),
  institutions: Type.Array(Type.Object({
    code: Type.String(),
    quota: Money, actual: Money,
    allowed: Type.String({ description: 'yuan: what the fund accepts for the year' }),
    prepaid: Money,
    settlement: Type.String({ description: 'yuan: allowed − prepaid, paid when positive, recovered when negative' }),
    savingReward: Money, overrunPaid: Money,
  })),
});
