/**
 * The quote input of a demo retiree (pure): the demo's history has the retirement job and no contribution record
 * before the demo's years, so the figures a quote needs are drawn from the person, consistently:
 *  - contribution months: the retirement job's completed months; deemed months (视同缴费年限) top them up to the
 *    minimum in force, as for workers of the planned-economy years (国发〔2005〕38号 六);
 *  - average index I in [0.6, 2.0) from the person's ID number, the same for the same seed (the range 60%–200%, and
 *    beyond 300% refused, of 国办发〔2019〕13号);
 *  - account balance: W × I × 8% × 12 per contribution year since individual accounts began (1996, 国发〔1995〕6号), capped at N;
 *  - category: a woman retired at 55 was a cadre (干部), at 50 a worker (工人).
 * A person born on 29 February reaches an age in a common year on 1 March: the retirement date the demo recorded
 * (28 February) is quoted as 1 March.
 */
import type { Decimal } from '../../../platform/money.ts';
import { divideRounded } from '../../../platform/money.ts';
import { completedMonths, type PensionQuoteInput } from '../pension/quote.calc.ts';

/** Individual accounts (个人账户) began in 1996 in the demo province. */
const ACCOUNTS_SINCE_YEAR = 1996;
/** Employee contribution to the individual account: 8% of the base (国发〔2005〕38号 三). */
const ACCOUNT_SHARE_PERCENT = 8n;

export interface DemoRetireeFacts { idNumber: string; birthDate: string; gender: 'M' | 'F'; hiredOn: string; retiredOn: string }

/** The demo's average index of a person: 0.600 … 1.999 from the ID number's first 17 digits. */
export const demoAverageIndex = (idNumber: string): Decimal => ({ units: 600n + (BigInt(idNumber.slice(0, 17)) % 1400n), scale: 3 });

/** The retirement date as a quote reads it (29 February births reach their age on 1 March of a common year). */
export function quotedRetirementDate(birthDate: string, retiredOn: string): string {
  return birthDate.slice(5) === '02-29' && retiredOn.slice(5) === '02-28' ? `${retiredOn.slice(0, 4)}-03-01` : retiredOn;
}

export function demoQuoteInput(facts: DemoRetireeFacts, context: { minimumMonths: number; averageWage: bigint; region: string }): PensionQuoteInput {
  const retirementDate = quotedRetirementDate(facts.birthDate, facts.retiredOn);
  const contributionMonths = Math.max(0, completedMonths(facts.hiredOn, facts.retiredOn));
  const deemedMonths = Math.max(0, context.minimumMonths - contributionMonths);
  const averageIndex = demoAverageIndex(facts.idNumber);
  const accountYears = BigInt(Math.max(0, Math.min(Math.floor((contributionMonths + deemedMonths) / 12), Number(facts.retiredOn.slice(0, 4)) - ACCOUNTS_SINCE_YEAR)));
  const accountBalance = divideRounded(context.averageWage * averageIndex.units * ACCOUNT_SHARE_PERCENT * 12n * accountYears, 10n ** BigInt(averageIndex.scale) * 100n);
  const woman = facts.gender === 'F';
  return {
    region: context.region, birthDate: facts.birthDate, gender: woman ? 'female' : 'male',
    category: woman ? (completedMonths(facts.birthDate, retirementDate) >= 55 * 12 ? 'cadre' : 'worker') : null,
    retirementDate, contributionMonths, deemedMonths, averageIndex, averageWage: context.averageWage, accountBalance,
  };
}
