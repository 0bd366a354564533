/** Test helper of the budget module: a region's budget of one fund table, saved, submitted and signed off by 复核 and 审批. */
import type { DatabaseHandle } from '../../platform/database.ts';
import { signOff, testUser } from '../../platform/signoff/signoff.testing.ts';
import { saveDraftAsVersion, submitVersion } from './versions/versions.service.ts';

/** A line in whole yuan, with its 其中 rows (subject without the line's prefix: inpatient, outpatient …). */
export interface TestBudgetLine { subject: string; name: string; yuan: bigint; items?: { subject: string; name: string; yuan: bigint }[] }

/** The medical fund's table (社预05) of `region` for `year`, approved; the balance is its income less its expense, nothing brought forward. */
export async function approveTestBudget(database: DatabaseHandle, input: {
  year: number; region: string; fund: string; income: TestBudgetLine[]; expense: TestBudgetLine[]; users?: number;
}): Promise<string> {
  const line = (entry: TestBudgetLine) => ({
    subject: entry.subject, name: entry.name, amount: entry.yuan * 100n,
    items: entry.items?.map((item) => ({ subject: item.subject, name: item.name, amount: item.yuan * 100n })),
  });
  const sum = (lines: TestBudgetLine[]) => lines.reduce((total, entry) => total + entry.yuan * 100n, 0n);
  const totalIncome = sum(input.income), totalExpense = sum(input.expense);
  const first = input.users ?? 90;
  const drafter = testUser('operator', first);
  const version = await saveDraftAsVersion(database, drafter, {
    year: input.year, region: input.region, lastActualMonth: `${input.year - 1}-10`, chartYear: 2018,
    tables: [{ fund: input.fund, region: input.region, scheme: 'medical', table: '社预05', tableName: '职工基本医疗保险基金（含生育保险）预算表',
      income: input.income.map(line), expense: input.expense.map(line), totalIncome, totalExpense, balance: totalIncome - totalExpense,
      previousAccumulatedBalance: 0n, accumulatedBalance: totalIncome - totalExpense }],
  });
  const submitted = await submitVersion(database, drafter, BigInt(version.id));
  await signOff(database, { id: submitted.approvalItemId! }, [testUser('reviewer', first + 1), testUser('approver', first + 2)]);
  return version.id;
}
