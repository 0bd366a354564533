/** Every detection rule, in the order a run works them. */
import { baseUnderreporting } from './base-underreporting.sql.ts';
import { headcountUnderreporting } from './headcount-underreporting.sql.ts';
import { paidAfterDeath } from './paid-after-death.sql.ts';
import { unemploymentWhileEmployed } from './unemployment-while-employed.sql.ts';
import { splitAdmission } from './split-admission.sql.ts';
import { doubleEnrolment } from './double-enrolment.sql.ts';
import { repeatCharging } from './repeat-charging.sql.ts';
import { identityMismatch } from './identity-mismatch.sql.ts';
import { bedHolding } from './bed-holding.sql.ts';
import type { DetectionRule } from './rule.ts';

export const detectionRules: readonly DetectionRule[] = [baseUnderreporting, headcountUnderreporting, paidAfterDeath, unemploymentWhileEmployed, splitAdmission,
  doubleEnrolment, repeatCharging, identityMismatch, bedHolding];

export const ruleNamed = (name: string) => detectionRules.find((rule) => rule.name === name);
