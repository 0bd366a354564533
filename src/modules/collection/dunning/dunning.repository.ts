/** Typed SQL of dunning: notice numbers, notices and their deliveries, instalment agreements and late-fee waivers. */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { Tables } from '../../../platform/database.ts';
import type { NoticeKind } from './dunning.calc.ts';
import './dunning.tables.ts';

/** The next number of a kind of notice in a region and year: the counter row stays locked until the issuing commits. */
export async function takeNoticeSequence(tx: Tx, regionCode: string, year: number, kind: NoticeKind): Promise<number> {
  return (await sql<{ last_number: number }>`
    insert into dunning_counter (region_code, year, kind, last_number) values (${regionCode}, ${year}, ${kind}, 1)
    on conflict (region_code, year, kind) do update set last_number = dunning_counter.last_number + 1
    returning last_number`.execute(tx)).rows[0].last_number;
}

export const insertNotice = (tx: Tx, notice: Insertable<Tables['dunning_notice']>) => tx.insertInto('dunning_notice').values(notice).execute();
export const insertDelivery = (tx: Tx, delivery: Insertable<Tables['dunning_delivery']>) => tx.insertInto('dunning_delivery').values(delivery).execute();
export const insertInstalmentAgreement = (tx: Tx, agreement: Insertable<Tables['instalment_agreement']>) => tx.insertInto('instalment_agreement').values(agreement).execute();
export const insertLateFeeWaiver = (tx: Tx, waiver: Insertable<Tables['late_fee_waiver']>) => tx.insertInto('late_fee_waiver').values(waiver).execute();

/** Notices with their employer's code and name. */
const noticeQuery = (tx: Tx) => tx.selectFrom('dunning_notice').innerJoin('employer', 'employer.id', 'dunning_notice.employer_id')
  .select(['dunning_notice.employer_id', 'dunning_notice.id', 'dunning_notice.number', 'dunning_notice.kind', 'dunning_notice.region_code',
    sql<string>`dunning_notice.as_of::text`.as('as_of'), 'dunning_notice.principal', 'dunning_notice.late_fee', 'dunning_notice.periods',
    sql<string | null>`dunning_notice.deadline::text`.as('deadline'), 'dunning_notice.issued_by', 'dunning_notice.issued_at',
    'employer.credit_code', 'employer.name as employer_name']);
export type NoticeRow = Awaited<ReturnType<ReturnType<typeof noticeQuery>['executeTakeFirstOrThrow']>>;

export const noticesOfEmployer = (tx: Tx, employerId: bigint) =>
  noticeQuery(tx).where('dunning_notice.employer_id', '=', employerId).orderBy('dunning_notice.issued_at', 'desc').orderBy('dunning_notice.id', 'desc').execute();

export function findNotice(tx: Tx, id: bigint, employerId: bigint | null): Promise<NoticeRow | undefined> {
  let query = noticeQuery(tx).where('dunning_notice.id', '=', id);
  if (employerId !== null) query = query.where('dunning_notice.employer_id', '=', employerId);
  return query.executeTakeFirst();
}

export const deliveriesOfNotices = (tx: Tx, notices: { employer_id: bigint; id: bigint }[]) => notices.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('dunning_delivery')
    .select(['notice_id', 'id', 'method', sql<string>`delivered_on::text`.as('delivered_on'), 'recipient', 'note', 'recorded_by', 'recorded_at'])
    .where((eb) => eb.or(notices.map((n) => eb.and([eb('employer_id', '=', n.employer_id), eb('notice_id', '=', n.id)]))))
    .orderBy('delivered_on').orderBy('id').execute();

export const instalmentAgreementsOf = (tx: Tx, employerId: bigint) =>
  tx.selectFrom('instalment_agreement').select(['id', 'approval_item_id', sql<string>`as_of::text`.as('as_of'), 'principal', 'instalments', 'reason', 'approved_by', 'approved_at'])
    .where('employer_id', '=', employerId).orderBy('approved_at', 'desc').execute();

export const lateFeeWaiversOf = (tx: Tx, employerId: bigint) =>
  tx.selectFrom('late_fee_waiver').select(['id', 'approval_item_id', sql<string>`as_of::text`.as('as_of'), 'amount', 'ground', 'document', 'approved_by', 'approved_at'])
    .where('employer_id', '=', employerId).orderBy('approved_at', 'desc').execute();
