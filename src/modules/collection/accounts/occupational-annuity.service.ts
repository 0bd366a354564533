/**
 * 职业年金个人账户 (国办发〔2015〕18号 第六条: 单位缴费和个人缴费计入本人职业年金个人账户): credited by payments, part
 * by part, when a period's annuity employee or employer part is paid in full; read as a person's account. Who sees
 * what: as the pension individual account (accounts.service.ts).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { formatYuan } from '../../../platform/money.ts';
import { recordReader, visiblePerson } from './accounts.service.ts';
import { annuityEntriesOfPerson, reconcileOccupationalAnnuityAccounts } from './occupational-annuity.repository.ts';

export interface AnnuityCreditView { period: string; part: 'employee' | 'employer'; amount: string; billNumber: string; employerName: string }

export interface OccupationalAnnuityAccount {
  personId: string; idNumber: string; name: string;
  /** What the person's own contributions (4%) and the employers' (8%, where funded) have credited, and their sum. */
  employeeTotal: string; employerTotal: string; balance: string;
  credits: AnnuityCreditView[];
}

/**
 * Credits the occupational annuity accounts for the periods of these bills whose annuity parts are paid in full over
 * all the period's bills, by the payment named. Safe to call again: only a difference is ever written.
 */
export async function creditOccupationalAnnuityAccounts(tx: Tx, bills: readonly { employerId: bigint; billId: bigint; paymentId: bigint }[]): Promise<number> {
  return reconcileOccupationalAnnuityAccounts(tx, bills);
}

/** A person's occupational annuity account: every credit by period, the two parts' totals and the balance. */
export async function occupationalAnnuityAccount(database: DatabaseHandle, actor: Actor, personId: bigint): Promise<OccupationalAnnuityAccount> {
  return inScope(database, recordReader(actor, personId), async (tx) => {
    const person = await visiblePerson(tx, actor, personId);
    const entries = await annuityEntriesOfPerson(tx, personId);
    const total = (part: 'employee' | 'employer') => entries.filter((entry) => entry.part === part).reduce((sum, entry) => sum + entry.amount, 0n);
    return {
      personId: String(person.id), idNumber: person.id_number, name: person.name,
      employeeTotal: formatYuan(total('employee')), employerTotal: formatYuan(total('employer')), balance: formatYuan(total('employee') + total('employer')),
      credits: entries.map((entry) => ({
        period: entry.period, part: entry.part, amount: formatYuan(entry.amount), billNumber: entry.bill_number, employerName: entry.employer_name,
      })),
    };
  });
}
