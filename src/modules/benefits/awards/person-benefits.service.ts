/**
 * 人员待遇: what one insured person gets from the funds, as the person page's 待遇 tab shows it (issue 12 UI "person
 * benefit view") — the statutory retirement month under the 2024 reform (the person's category read from gender and
 * occupation, registry retirement-age.calc.ts, the same rule billing uses) and whether it is reached, the person's
 * pension awards (each links to its 待遇详情: dated amounts, payroll months, events), the overpayments opened on them
 * with what is recovered (refunds, instalments, offsets), and the unemployment, work-injury and maternity claims.
 * The person must be in the actor's scope; the awards and overpayments belong to the pooled fund and are read in its
 * scope, as the award page reads them.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, type Actor } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { listMaskingFor, maskPersonalData } from '../../../platform/personal-data.ts';
import { retirementCategory, statutoryRetirementAgeMonths, statutoryRetirementMonth, type RetirementCategory } from '../../registry/index.ts';
import { overpaymentsOfAward, type OverpaymentView } from '../deaths/deaths.service.ts';
import { listClaims, type ClaimView } from '../claims/claims.service.ts';
import { awardStatusSaid } from './awards.messages.ts';
import { AWARDS_ACROSS_POOLS, awardViews, type AwardView } from './awards.service.ts';
import * as repository from './awards.repository.ts';

/** The claims the tab lists: a person rarely has more. */
const CLAIMS_SHOWN = 50;

export interface PersonBenefits {
  personId: string;
  retirement: {
    category: RetirementCategory; statutoryRetirementMonth: string; ageYears: number; ageExtraMonths: number; reached: boolean;
    legalBasis: string;
  };
  awards: AwardView[];
  overpayments: OverpaymentView[];
  claims: ClaimView[];
}

const RETIREMENT_LEGAL_BASIS = '全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（2024-09-13，2025-01-01 施行）及其附件';

export async function personBenefits(database: DatabaseHandle, actor: Actor, personId: bigint): Promise<PersonBenefits> {
  const person = await inScope(database, actor, (tx) => repository.personForRetirement(tx, personId));
  if (!person) throw notFound(awardStatusSaid.personUnknown({ id: String(personId) }));
  const category = retirementCategory(person.gender, person.occupation);
  const month = statutoryRetirementMonth(person.birth_date, person.gender, category);
  const ageMonths = statutoryRetirementAgeMonths(person.birth_date, category);
  const { awards, overpayments } = await inScope(database, widenToPooledFunds(actor, AWARDS_ACROSS_POOLS), async (tx) => {
    const rows = await repository.awardsQuery(tx, { personId }).orderBy('a.id').execute();
    const opened: OverpaymentView[] = [];
    for (const row of rows) opened.push(...await overpaymentsOfAward(tx, personId, row.id));
    const masking = listMaskingFor(actor);
    return { awards: awardViews(actor)(rows), overpayments: opened.map((view) => maskPersonalData(view, masking)) };
  });
  const claims = await listClaims(database, actor, { personId }, { limit: CLAIMS_SHOWN });
  return {
    personId: String(personId),
    retirement: {
      category, statutoryRetirementMonth: month, ageYears: Math.floor(ageMonths / 12), ageExtraMonths: ageMonths % 12,
      reached: month <= todayInChina().slice(0, 7), legalBasis: RETIREMENT_LEGAL_BASIS,
    },
    awards, overpayments, claims: claims.items,
  };
}
