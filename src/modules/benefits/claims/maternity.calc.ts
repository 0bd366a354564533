/**
 * 生育保险待遇 (pure, no I/O):
 *  - leave days: 98 + 15 for a difficult birth (a caesarean counts as one) + 15 for each additional baby
 *    (女职工劳动保护特别规定 第七条) + the province's added days (生育奖励假);
 *  - maternity allowance (生育津贴) = the employer's average monthly contribution wage ÷ 30 × leave days, rounded once
 *    (社会保险法 第五十六条; 企业职工生育保险试行办法 第五条) [common];
 *  - birth medical costs (生育医疗费用) at the region's fixed amount for the kind of delivery (社会保险法 第五十五条);
 *  - paid by the fund maternity is merged into (职工基本医疗保险基金) from the region's merger date, before it by the
 *    maternity fund (国办发〔2019〕10号).
 */
import { divideRounded, formatYuan } from '../../../platform/money.ts';
import { citedStep, type Cited } from '../trace.ts';
import type { ClaimAmount } from './claim-amounts.ts';
import type { ClaimStepName } from './claims.messages.ts';
import type { ClaimTrace } from './work-injury.calc.ts';

export const deliveryTypes = ['vaginal', 'caesarean'] as const;
export type DeliveryType = (typeof deliveryTypes)[number];

export interface MaternityInput {
  childbirthDate: string;
  deliveryType: DeliveryType;
  babies: number;
  /** 用人单位上年度职工月平均工资: the employer's declared bases ÷ the persons declared, in fen. */
  employerAverageWage: bigint;
}

export interface MaternityParameters {
  leaveDays: Cited<{ base: number; difficult_birth: number; each_additional_baby: number }>;
  extensionDays: Cited<number>;
  birthMedicalLumpSum: Cited<Record<DeliveryType, bigint>>;
  mergerDate: Cited<string>;
  /** The insurance whose fund maternity uses once merged (the chart's `mergedInto`, medical). */
  mergedInto: string;
}

export interface MaternityCalculation { leaveDays: number; payingInsurance: string; amounts: ClaimAmount[]; trace: ClaimTrace }

/** 30 days to the month: the allowance is a daily rate of the monthly wage (企业职工生育保险试行办法 第五条) [common]. */
const DAYS_PER_MONTH = 30n;

export function calculateMaternity(input: MaternityInput, parameters: MaternityParameters): MaternityCalculation {
  const trace: ClaimTrace = [
    { step: 'input', name: 'childbirthDate', value: input.childbirthDate }, { step: 'input', name: 'deliveryType', value: input.deliveryType },
    { step: 'input', name: 'babies', value: input.babies },
  ];
  const days = parameters.leaveDays.value;
  const difficult = input.deliveryType === 'caesarean' ? days.difficult_birth : 0;
  const additional = (input.babies - 1) * days.each_additional_baby;
  const leaveDays = days.base + difficult + additional + parameters.extensionDays.value;
  trace.push(citedStep<ClaimStepName>('leaveDays', { ...parameters.leaveDays, value: `${days.base} + ${days.difficult_birth} (difficult birth) + ${days.each_additional_baby} per additional baby` }, 'statutory'));
  trace.push(citedStep<ClaimStepName>('leaveDays', parameters.extensionDays, 'extension'));
  trace.push({ step: 'leaveDays', value: leaveDays, formula: `${days.base} + ${difficult} + ${additional} + ${parameters.extensionDays.value}`, reference: parameters.leaveDays.reference });

  trace.push({ step: 'employerAverageWage', value: formatYuan(input.employerAverageWage), reference: '社会保险法 第五十六条 (按照职工所在用人单位上年度职工月平均工资计发) [law]' });
  const allowance = divideRounded(input.employerAverageWage * BigInt(leaveDays), DAYS_PER_MONTH);
  trace.push({ step: 'maternityAllowance', value: formatYuan(allowance), formula: `${formatYuan(input.employerAverageWage)} ÷ 30 × ${leaveDays}`, reference: '社会保险法 第五十六条; 企业职工生育保险试行办法 第五条 [common]' });

  const medical = parameters.birthMedicalLumpSum.value[input.deliveryType];
  trace.push(citedStep<ClaimStepName>('birthMedicalCosts', { ...parameters.birthMedicalLumpSum, value: formatYuan(medical) }, input.deliveryType));

  const merged = input.childbirthDate >= parameters.mergerDate.value;
  const payingInsurance = merged ? parameters.mergedInto : 'maternity';
  trace.push(citedStep<ClaimStepName>('payingFund', parameters.mergerDate, 'mergerDate'));
  trace.push({ step: 'payingFund', value: payingInsurance, formula: `${input.childbirthDate} ${merged ? '≥' : '<'} ${parameters.mergerDate.value}`, reference: parameters.mergerDate.reference });
  return {
    leaveDays, payingInsurance, trace,
    amounts: [
      { item: 'maternity_allowance', frequency: 'once', benefitType: 'maternity_allowance', amount: allowance },
      { item: 'birth_medical_costs', frequency: 'once', benefitType: 'maternity_medical', amount: medical },
    ],
  };
}
