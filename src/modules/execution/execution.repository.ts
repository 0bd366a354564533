/**
 * Typed SQL of budget execution. Reads the fund ledger's funds, accounts and movements per account and month
 * (account_balance: the posting trigger of migrations/0004_ledger.sql moves them in the statement that writes the entry
 * lines, so they are the journal's sums at the moment of the request — no batch and no cache; a report of the province
 * reads some hundred rows instead of millions of lines), and keeps the alerts and the published reports
 * (migrations/0050_execution.sql).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/actor.ts';
import './execution.tables.ts';
import type { AlertRule, AlertSeverity, AlertStatus } from './alerts.statuses.ts';

export interface FundRow { id: bigint; code: string; insurance: string; region_code: string; name: string }

/** The funds whose pooling region lies within the region prefix, by code. */
export const fundsWithin = (tx: Tx, regionPrefix: string): Promise<FundRow[]> =>
  tx.selectFrom('fund').select(['id', 'code', 'insurance', 'region_code', 'name'])
    .where('region_code', 'like', `${regionPrefix}%`).orderBy('code').execute();

export const fundByCode = (tx: Tx, code: string): Promise<FundRow | undefined> =>
  tx.selectFrom('fund').select(['id', 'code', 'insurance', 'region_code', 'name']).where('code', '=', code).executeTakeFirst();

export const regionName = async (tx: Tx, code: string): Promise<string | undefined> =>
  (await tx.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst())?.name;

export interface SubjectMovement { fund_id: bigint; role: 'revenue' | 'expense'; subject: string; debit: bigint; credit: bigint }

/** The movements' sums per fund, role and subject of the funds' revenue and expense accounts over the periods: the
 * actuals' query, alone (subjectMovements) or inside the report's statement (reportSources). */
const subjectMovementsQuery = (fundIds: RawBuilder<unknown>, fromPeriod: string, toPeriod: string) => sql`
    select movement.fund_id, account.role, account.subject, sum(movement.debit) as debit, sum(movement.credit) as credit
      from account_balance movement
      join fund_account account on account.fund_id = movement.fund_id and account.id = movement.account_id
     where movement.fund_id in (${fundIds}) and movement.period between ${fromPeriod} and ${toPeriod}
       and account.role in ('revenue', 'expense')
     group by movement.fund_id, account.role, account.subject`;

type MovementText = { fund_id: bigint | string; role: 'revenue' | 'expense'; subject: string; debit: string; credit: string };
const movementOf = (row: MovementText): SubjectMovement => ({ ...row, fund_id: BigInt(row.fund_id), debit: BigInt(row.debit), credit: BigInt(row.credit) });

/** Debits and credits of the funds' revenue and expense accounts per subject, over the periods' movements. */
export async function subjectMovements(tx: Tx, fundIds: bigint[], fromPeriod: string, toPeriod: string): Promise<SubjectMovement[]> {
  if (!fundIds.length) return [];
  const { rows } = await sql<MovementText>`${subjectMovementsQuery(sql`select unnest(${fundIds}::bigint[])`, fromPeriod, toPeriod)}`.execute(tx);
  return rows.map(movementOf);
}

/** A line of the latest approved budget version of a fund's pooling region for the fund, in the version's order. */
export interface BudgetLineRow { fund: string; side: 'income' | 'expense'; subject: string; parent_subject: string | null; amount: bigint }

/** What the execution report reads, in one statement: the funds (by code), their movements, their budget lines and the name of the region asked. */
export interface ReportSources { regionName: string | null; funds: FundRow[]; movements: SubjectMovement[]; budgetLines: BudgetLineRow[] }

/**
 * The execution report's sources in one round trip (it used to take nine statements): the funds whose pooling
 * region lies within the region prefix (or the funds named), their year-to-date movements (subjectMovementsQuery),
 * for each fund the lines of the latest approved version of the year of its pooling region (budget module,
 * approvedBudget: the same version, the same order), and the region's name. Each part comes back as a JSON array,
 * its bigints as text (a JSON number would lose digits past 2^53).
 */
export async function reportSources(tx: Tx, funds: { regionPrefix: string } | { fundIds: bigint[] }, region: string, year: number, fromPeriod: string, toPeriod: string): Promise<ReportSources> {
  const fundFilter = 'fundIds' in funds ? sql`id = any(${funds.fundIds}::bigint[])` : sql`region_code like ${`${funds.regionPrefix}%`}`;
  const { rows: [row] } = await sql<{
    region_name: string | null;
    funds: { id: string; code: string; insurance: string; region_code: string; name: string }[];
    movements: MovementText[];
    budget_lines: (Omit<BudgetLineRow, 'amount'> & { amount: string })[];
  }>`
    with funds as (
      select id, code, insurance, region_code, name from fund where ${fundFilter}
    ), movements as (${subjectMovementsQuery(sql`select id from funds`, fromPeriod, toPeriod)}
    ), versions as (
      select distinct on (region_code) id, region_code from budget_version
       where year = ${year} and status = 'approved' and region_code in (select region_code from funds)
       order by region_code, number desc
    ), budget_lines as (
      select line.fund, line.side, line.subject, line.parent_subject, line.amount, line.line_number
        from budget_line line
        join versions version on version.id = line.version_id
        join funds fund on fund.code = line.fund and fund.region_code = version.region_code
    )
    select (select name from region where code = ${region}) as region_name,
           coalesce((select json_agg(json_build_object('id', id::text, 'code', code, 'insurance', insurance, 'region_code', region_code, 'name', name) order by code) from funds), '[]') as funds,
           coalesce((select json_agg(json_build_object('fund_id', fund_id::text, 'role', role, 'subject', subject, 'debit', debit::text, 'credit', credit::text)) from movements), '[]') as movements,
           coalesce((select json_agg(json_build_object('fund', fund, 'side', side, 'subject', subject, 'parent_subject', parent_subject, 'amount', amount::text)
                                     order by fund, side = 'expense', line_number) from budget_lines), '[]') as budget_lines`.execute(tx);
  return {
    regionName: row.region_name,
    funds: row.funds.map((fund) => ({ ...fund, id: BigInt(fund.id) })),
    movements: row.movements.map(movementOf),
    budgetLines: row.budget_lines.map((line) => ({ ...line, amount: BigInt(line.amount) })),
  };
}

export interface FundPosition { fund_id: bigint; balance: bigint; expense: bigint; first_period: string }

/**
 * Per fund, from the movements up to `toPeriod`: the accumulated balance (累计结余: the fund balance account plus
 * every income less every expense — the ledger does not close its nominal accounts), the expense of the periods from
 * `expenseFrom`, and the first period with a posting (its go-live).
 */
export async function fundPositions(tx: Tx, fundIds: bigint[], expenseFrom: string, toPeriod: string): Promise<FundPosition[]> {
  if (!fundIds.length) return [];
  const { rows } = await sql<{ fund_id: bigint; balance: string; expense: string; first_period: string }>`
    select movement.fund_id,
           coalesce(sum(movement.credit - movement.debit) filter (where account.role in ('fund_balance', 'revenue', 'expense')), 0) as balance,
           coalesce(sum(movement.debit - movement.credit) filter (where account.role = 'expense' and movement.period >= ${expenseFrom}), 0) as expense,
           min(movement.period) as first_period
      from account_balance movement
      join fund_account account on account.fund_id = movement.fund_id and account.id = movement.account_id
     where movement.fund_id = any(${fundIds}::bigint[]) and movement.period <= ${toPeriod}
     group by movement.fund_id`.execute(tx);
  return rows.map((row) => ({ fund_id: BigInt(row.fund_id), balance: BigInt(row.balance), expense: BigInt(row.expense), first_period: row.first_period }));
}

// ——— alerts ———

export interface AlertRow {
  id: bigint; rule: AlertRule; condition_key: string; fund_code: string; region_code: string; severity: AlertSeverity; status: AlertStatus;
  period: string; figures: unknown; raised_at: Date; last_evaluated_at: Date; acknowledged_at: Date | null; acknowledged_by: string | null;
  acknowledge_note: string | null; resolved_at: Date | null; resolved_by: string | null; resolution_note: string | null; owner: string | null;
}

const alertColumns = [
  'id', 'rule', 'condition_key', 'fund_code', 'region_code', 'severity', 'status', 'period', 'figures', 'raised_at', 'last_evaluated_at',
  'acknowledged_at', 'acknowledged_by', 'acknowledge_note', 'resolved_at', 'resolved_by', 'resolution_note', 'owner',
] as const;

/** The open (raised or acknowledged) alerts of a fund. */
export const openAlertsOfFund = (tx: Tx, fundCode: string) => tx.selectFrom('execution_alert').select(alertColumns)
  .where('fund_code', '=', fundCode).where('status', 'in', ['raised', 'acknowledged']).forUpdate().execute() as Promise<AlertRow[]>;

export interface NewAlert { id: bigint; rule: AlertRule; condition_key: string; fund_code: string; region_code: string; severity: AlertSeverity; period: string; figures: string }

/** Raises an alert unless one is open for the same rule and condition (then nothing: the partial unique index). */
export async function insertAlert(tx: Tx, alert: NewAlert): Promise<boolean> {
  const { rows } = await sql<{ id: bigint }>`
    insert into execution_alert (id, rule, condition_key, fund_code, region_code, severity, period, figures)
    values (${alert.id}, ${alert.rule}, ${alert.condition_key}, ${alert.fund_code}, ${alert.region_code}, ${alert.severity}, ${alert.period}, ${alert.figures}::jsonb)
    on conflict (rule, condition_key) where status in ('raised', 'acknowledged') do nothing
    returning id`.execute(tx);
  return rows.length === 1;
}

/** The figures, severity and month of an open alert as the latest evaluation found them. */
export const refreshAlert = (tx: Tx, id: bigint, change: { severity: AlertSeverity; period: string; figures: string }) =>
  tx.updateTable('execution_alert').set({ severity: change.severity, period: change.period, figures: change.figures, last_evaluated_at: new Date() })
    .where('id', '=', id).execute();

export const autoResolveAlert = (tx: Tx, id: bigint, period: string) =>
  tx.updateTable('execution_alert').set({ status: 'auto_resolved', period, resolved_at: new Date(), resolved_by: 'system', last_evaluated_at: new Date() })
    .where('id', '=', id).where('status', 'in', ['raised', 'acknowledged']).execute();

export const alertById = (tx: Tx, id: bigint, lock = false) => {
  const query = tx.selectFrom('execution_alert').select(alertColumns).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst() as Promise<AlertRow | undefined>;
};

export const acknowledgeAlert = (tx: Tx, id: bigint, by: string, note: string) =>
  tx.updateTable('execution_alert').set({ status: 'acknowledged', acknowledged_at: new Date(), acknowledged_by: by, acknowledge_note: note })
    .where('id', '=', id).where('status', '=', 'raised').executeTakeFirst();

export const resolveAlert = (tx: Tx, id: bigint, by: string, note: string) =>
  tx.updateTable('execution_alert').set({ status: 'resolved', resolved_at: new Date(), resolved_by: by, resolution_note: note })
    .where('id', '=', id).where('status', 'in', ['raised', 'acknowledged']).executeTakeFirst();

export interface AlertFilter { regionPrefix?: string; statuses?: readonly AlertStatus[]; fund?: string }

/** Alerts with the filter (ordered by the caller). */
export function alertsQuery(tx: Tx, filter: AlertFilter) {
  let query = tx.selectFrom('execution_alert').select(alertColumns);
  if (filter.regionPrefix) query = query.where('region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.statuses?.length) query = query.where('status', 'in', [...filter.statuses]);
  if (filter.fund) query = query.where('fund_code', '=', filter.fund);
  return query;
}

/** How many alerts are open under the region prefix. */
export async function countOpenAlerts(tx: Tx, regionPrefix: string): Promise<number> {
  const row = await tx.selectFrom('execution_alert').select((eb) => eb.fn.countAll<string>().as('count'))
    .where('region_code', 'like', `${regionPrefix}%`).where('status', 'in', ['raised', 'acknowledged']).executeTakeFirstOrThrow();
  return Number(row.count);
}

// ——— published reports ———

export interface PublishedReportRow {
  id: bigint; region_code: string; period: string; title: string; body: unknown; supersedes_id: bigint | null;
  approval_item_id: bigint | null; published_by: string; published_at: Date;
}

const reportColumns = ['id', 'region_code', 'period', 'title', 'body', 'supersedes_id', 'approval_item_id', 'published_by', 'published_at'] as const;

/** The latest report of the region and period that nothing supersedes yet. */
export const currentReport = (tx: Tx, regionCode: string, period: string) => tx.selectFrom('published_report as report').select(['report.id'])
  .where('report.region_code', '=', regionCode).where('report.period', '=', period)
  .where(({ not, exists, selectFrom }) => not(exists(selectFrom('published_report as later').select('later.id').whereRef('later.supersedes_id', '=', 'report.id'))))
  .executeTakeFirst();

export const insertPublishedReport = (tx: Tx, row: Omit<PublishedReportRow, 'published_at' | 'body'> & { body: string }) =>
  tx.insertInto('published_report').values(row).execute();

/** Every published report, newest period first, each with the report that supersedes it (if any). */
export const publishedReports = (tx: Tx) => tx.selectFrom('published_report as report')
  .leftJoin('published_report as later', 'later.supersedes_id', 'report.id')
  .select([...reportColumns.map((column) => `report.${column}` as const), 'later.id as superseded_by'])
  .orderBy('report.period', 'desc').orderBy('report.region_code').orderBy('report.id', 'desc').execute();

export const publishedReportById = (tx: Tx, id: bigint) => tx.selectFrom('published_report as report')
  .leftJoin('published_report as later', 'later.supersedes_id', 'report.id')
  .select([...reportColumns.map((column) => `report.${column}` as const), 'later.id as superseded_by'])
  .where('report.id', '=', id).executeTakeFirst();
