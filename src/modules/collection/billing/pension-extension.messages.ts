/** What 延长缴费 says to people (src/platform/messages.ts): its refusals. */
import { defineMessages } from '../../../platform/messages.ts';

export const extensionSaid = defineMessages('collection.pensionExtension', {
  reasonRequired: ['必填：说明延长缴费的原因（如累计缴费年限不足）', 'is required: why the person keeps paying (e.g. the contribution years still missing)'],
  beforeRetirement: ['该人员 {retirementMonth} 才达到法定退休年龄，此前照常缴费，无需延长缴费', 'the person reaches the statutory retirement age only in {retirementMonth} and pays as usual until then'],
  noPensionEnrollment: ['{month} 该人员没有在保的养老保险参保登记', 'the person has no pension enrollment covering {month}'],
  severalEnrollments: ['该人员 {month} 在多个单位参加养老保险，须指定单位', 'the person has pension enrollments at several employers in {month}: name the employer'],
  toBeforeFrom: ['不得早于起始月份（{from}）', 'must not be before from ({from})'],
  overlaps: ['与已有的延长缴费（{from} 起）重叠', 'overlaps the extension granted from {from}'],
});
