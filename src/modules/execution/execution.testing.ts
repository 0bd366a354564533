/**
 * Test fixture of the execution tests: an approved budget for 990100 (or `region`) and a year — the medical fund's table (社预05) with
 * premiums 1,200,000.00, a subsidy 200,000.00, benefits 900,000.00 (住院 600,000.00, 门诊 300,000.00) and other expense
 * 10,000.00, totals as the identities want them — drafted, submitted and signed by three test users from `firstUserId`.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { signOff, testUser } from '../../platform/signoff/signoff.testing.ts';
import { saveDraftAsVersion, submitVersion } from '../budget/versions/versions.service.ts';

export async function approveMedicalBudget(database: DatabaseHandle, input: { year: number; fund: string; firstUserId: number; region?: string }) {
  const { year, fund, firstUserId, region = '990100' } = input;
  const drafted = (subject: string, name: string, yuan: bigint, items?: { subject: string; name: string; amount: bigint }[]) => ({ subject, name, amount: yuan * 100n, items: items?.map((item) => ({ ...item, amount: item.amount * 100n })) });
  const income = [drafted('premium_income', '社会保险费收入', 1_200_000n), drafted('fiscal_subsidy_income', '财政补贴收入', 200_000n)];
  const expense = [drafted('benefit_expense', '社会保险待遇支出', 900_000n, [{ subject: 'inpatient', name: '住院医疗费用', amount: 600_000n }, { subject: 'outpatient', name: '门诊医疗费用', amount: 300_000n }]), drafted('other_expense', '其他支出', 10_000n)];
  const totalIncome = 1_400_000_00n, totalExpense = 910_000_00n;
  const drafter = testUser('operator', firstUserId);
  const version = await saveDraftAsVersion(database, drafter, {
    year, region, lastActualMonth: `${year - 1}-10`, chartYear: 2018,
    tables: [{ fund, region, scheme: 'medical', table: '社预05', tableName: '职工基本医疗保险基金（含生育保险）预算表', income, expense, totalIncome, totalExpense, balance: totalIncome - totalExpense, previousAccumulatedBalance: 0n, accumulatedBalance: totalIncome - totalExpense }],
  });
  const submitted = await submitVersion(database, drafter, BigInt(version.id));
  await signOff(database, { id: submitted.approvalItemId! }, [testUser('reviewer', firstUserId + 1), testUser('approver', firstUserId + 2)]);
}
