/** Every detection rule, in the order a run works them. */
import { baseUnderreporting } from './base-underreporting.sql.ts';
import { headcountUnderreporting } from './headcount-underreporting.sql.ts';
import { paidAfterDeath } from './paid-after-death.sql.ts';
import { unemploymentWhileEmployed } from './unemployment-while-employed.sql.ts';
import { splitAdmission } from './split-admission.sql.ts';
import type { DetectionRule } from './rule.ts';

export const detectionRules: readonly DetectionRule[] = [baseUnderreporting, headcountUnderreporting, paidAfterDeath, unemploymentWhileEmployed, splitAdmission];

export const ruleNamed = (name: string) => detectionRules.find((rule) => rule.name === name);
