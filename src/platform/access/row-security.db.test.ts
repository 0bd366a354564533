/**
 * Row-level security everywhere the application role reads (migration 0011): every table, view or other relation
 * `sifund_app` holds a privilege on has row security and at least one policy (views: security_invoker), unless it is
 * named below with the reason every scope may read it; and for every table with a policy, a row of one region is
 * invisible to a session scoped to another (rows inserted by the owner, read as `sifund_app` through inScope).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { inScope, type Actor } from '../actor.ts';

/** Readable by every scope on purpose. A new entry needs a reason a reviewer can accept. */
const READABLE_BY_EVERY_SCOPE: Record<string, string> = {
  region: 'GB/T 2260 codes and names: reference data every scope resolves its ancestors and labels with',
  pooling_region: 'which level pools each insurance: reference data every scope needs to find the funds it books into',
  schema_migration: 'migration bookkeeping (file names and checksums): no region\'s data',
  audit_key_fingerprint: 'one HMAC fingerprint that identifies the audit key without revealing it: no region\'s data',
  parameter_value: 'regional policy parameters approved in the UI are published policy (a region\'s 政策文件): every scope resolves the values of its ancestors with them; rows are written only by an approval, append-only (0017)',
};

/** Tables with a policy whose rows belong to no region: only the national scope sees them. */
const NATIONAL_ONLY: Record<string, string> = {
  login_throttle: 'sign-in counters per address and user name, written by the server outside any scope',
};

let test_: TestDatabase;
let owner: pg.Pool;

before(async () => {
  test_ = await createTestDatabase();
  owner = new pg.Pool({ connectionString: test_.url, max: 2 });   // the connection the database was created with: a superuser
  owner.on('error', () => {});   // an idle connection ended by the drop at the end is no failure of the test
});
after(async () => {
  await owner.end();
  await test_.drop();
});

interface Relation { name: string; kind: string; rowSecurity: boolean; policies: number; securityInvoker: boolean }

/** Every relation of the schema the application role holds any privilege on (table-wide or on a column). */
async function readableRelations(): Promise<Relation[]> {
  const { rows } = await owner.query<Relation>(`
    select c.relname as name, c.relkind as kind, c.relrowsecurity as "rowSecurity",
           (select count(*) from pg_policy p where p.polrelid = c.oid)::int as policies,
           coalesce(c.reloptions && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1'], false) as "securityInvoker"
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
       and (has_table_privilege('sifund_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
            or has_any_column_privilege('sifund_app', c.oid, 'SELECT, INSERT, UPDATE, REFERENCES'))
     order by c.relname`);
  return rows;
}

test('every relation the application role can reach has row-level security and a policy, or is listed with its reason', async () => {
  const relations = await readableRelations();
  assert.ok(relations.length >= 30, `the application role reaches ${relations.length} relations: are the grants of migrate.ts in place?`);
  // The grants come from information_schema too: the catalog query above must not miss a table granted there.
  const { rows: granted } = await owner.query<{ name: string }>(`
    select distinct table_name as name from information_schema.role_table_grants where grantee = 'sifund_app' and table_schema = 'public'`);
  const names = new Set(relations.map((r) => r.name));
  for (const { name } of granted) assert.ok(names.has(name), `${name} is granted to sifund_app but missed by the catalog query`);

  const problems: string[] = [];
  for (const relation of relations) {
    if (READABLE_BY_EVERY_SCOPE[relation.name]) continue;
    if (relation.kind === 'v') {
      if (!relation.securityInvoker) problems.push(`${relation.name}: a view the application role reads must be security_invoker (else it reads as its owner, past row security)`);
    } else if (relation.kind === 'm' || relation.kind === 'f') {
      problems.push(`${relation.name}: a ${relation.kind === 'm' ? 'materialized view' : 'foreign table'} has no row security: revoke it from sifund_app or list it with a reason`);
    } else if (!relation.rowSecurity) problems.push(`${relation.name}: no row-level security`);
    else if (relation.policies === 0) problems.push(`${relation.name}: row-level security without a policy`);
  }
  assert.deepEqual(problems, [], `tables the application role reads past row security:\n  ${problems.join('\n  ')}\n` +
    'add row security and a policy in a migration, or list the table in READABLE_BY_EVERY_SCOPE with the reason');

  // The list stays honest: what it names is reachable and really has no row security.
  for (const name of Object.keys(READABLE_BY_EVERY_SCOPE)) {
    const relation = relations.find((r) => r.name === name);
    if (relation) assert.equal(relation.rowSecurity && relation.policies > 0, false, `${name} has row security now: take it off READABLE_BY_EVERY_SCOPE`);
  }
});

/**
 * One row in every table with a policy for the region subtree of province `p` (p0000 → p0100 → p0102), inserted by
 * the owner; fund_period and account_balance come from the journal's triggers. Ids are offset by `n`.
 */
function regionFixture(p: string, n: number): string {
  const province = `${p}0000`, city = `${p}0100`, county = `${p}0102`;
  const id = (k: number) => String(n + k);
  const fund = `pension-${province}`;
  return `
    insert into region (code, name, level, parent_code) values ('${province}', '省${p}', 'province', null), ('${city}', '市${p}', 'city', '${province}'), ('${county}', '区${p}', 'county', '${city}');
    insert into pooling_region (insurance, region_code) values ('pension', '${province}');
    insert into agency (id, region_code, name) values (${id(1)}, '${city}', '经办机构${p}');
    insert into app_user (id, username, display_name, password_hash, role, region_code) values (${id(2)}, 'operator-${p}', '经办${p}', 'x', 'operator', '${county}');
    insert into user_session (token_hash, user_id, csrf_token, expires_at) values ('token-${p}', ${id(2)}, 'csrf', now() + interval '1 hour');
    insert into employer (id, credit_code, name, region_code) values (${id(3)}, 'CC${p}', '单位${p}', '${county}');
    insert into person (id, id_number, name, gender, birth_date, region_code) values (${id(4)}, 'ID${p}', '参保人${p}', 'M', '1990-01-01', '${county}');
    insert into employment (employer_id, id, person_id, region_code, hired_on) values (${id(3)}, ${id(5)}, ${id(4)}, '${county}', '2025-01-01');
    insert into enrollment (employer_id, id, employment_id, person_id, insurance, region_code, valid_from) values (${id(3)}, ${id(6)}, ${id(5)}, ${id(4)}, 'pension', '${county}', '2025-01-01');
    insert into base_declaration (employer_id, id, person_id, region_code, year, monthly_wage) values (${id(3)}, ${id(7)}, ${id(4)}, '${county}', 2025, 800000);
    insert into job (id, kind, key, region_code, parameters, actor, chunks, started_by) values (${id(8)}, 'billing.run', '2025-06/${county}', '${county}', '{}', '{}', 1, 'fixture');
    insert into job_chunk (job_id, chunk, payload) values (${id(8)}, 1, '{}');
    insert into bill (employer_id, id, number, period, region_code, due_date, run_id, chunk, persons, lines, total, parameter_refs)
      values (${id(3)}, ${id(9)}, 'BILL${p}', '2025-06', '${county}', '2025-07-15', ${id(8)}, 1, 1, 1, 100, '{}');
    insert into bill_item (employer_id, bill_id, insurance, fund_code, region_code, employer_amount, employee_amount) values (${id(3)}, ${id(9)}, 'pension', '${fund}', '${county}', 60, 40);
    insert into bill_line (employer_id, bill_id, person_id, insurance, region_code, base, employer_rate, employee_rate, employer_amount, employee_amount)
      values (${id(3)}, ${id(9)}, ${id(4)}, 'pension', '${county}', 500, 0.12, 0.08, 60, 40);
    insert into payment (employer_id, id, region_code, paid_on, amount, source, import_key, recorded_by) values (${id(3)}, ${id(10)}, '${county}', '2025-07-10', 100, 'manual', 'key-${p}', 'fixture');
    insert into payment_allocation (employer_id, id, payment_id, bill_id, insurance, part, amount, allocated_on, fund_code, region_code)
      values (${id(3)}, ${id(11)}, ${id(10)}, ${id(9)}, 'pension', 'employee', 40, '2025-07-10', '${fund}', '${county}');
    insert into payment_reversal (employer_id, payment_id, region_code, reason, reversed_on, reversed_by) values (${id(3)}, ${id(10)}, '${county}', '银行退票', '2025-07-20', 'fixture');
    insert into individual_account_entry (person_id, id, region_code, year, period, kind, amount) values (${id(4)}, ${id(13)}, '${county}', 2025, '2025-06', 'contribution', 40);
    insert into interest_run (year, rate, method, persons, amount, run_by, region_code) values (${2000 + Number(p)}, 0.03, 'monthly', 1, 1, 'fixture', '${province}');
    insert into approval_item (id, kind, region_code, title, subject_key, risk, levels, parameter_refs, payload, submitted_by, deadline_on)
      values (${id(12)}, 'fixture', '${county}', 'fixture', 'fixture:${p}', 'low', '[{"name": "review"}]', '{}', '{}', 'fixture', '2025-08-01');
    insert into approval_step (item_id, seq, region_code, action, username, role) values (${id(12)}, 1, '${county}', 'submit', 'fixture', 'operator');
    insert into employment_request (employer_id, id, region_code, kind, id_number, name, hired_on, requested_by, approval_item_id)
      values (${id(3)}, ${id(14)}, '${county}', 'hire', 'NEW${p}', '新人${p}', '2025-08-01', 'fixture', ${id(12)});
    insert into fund (id, code, insurance, region_code, name, chart_year) values (${id(20)}, '${fund}', 'pension', '${province}', '养老保险基金${p}', 2018);
    insert into fund_account (fund_id, id, code, name, role, region_code)
      values (${id(20)}, ${id(21)}, '1002', '收入户存款', 'income_bank', '${province}'), (${id(20)}, ${id(22)}, '3001', '基金结余', 'fund_balance', '${province}');
    with lines as (insert into accounting_entry_line (fund_id, entry_id, line_number, account_id, region_code, period, value_date, debit, credit)
      values (${id(20)}, ${id(23)}, 1, ${id(21)}, '${province}', '2025-06', '2025-06-30', 100, 0), (${id(20)}, ${id(23)}, 2, ${id(22)}, '${province}', '2025-06', '2025-06-30', 0, 100))
    insert into accounting_entry (fund_id, id, region_code, period, value_date, kind, idempotency_key, content_hash, line_count, total, created_by, voucher_number)
      values (${id(20)}, ${id(23)}, '${province}', '2025-06', '2025-06-30', 'import', 'fixture', 'x', 2, 100, 'fixture', 1);
    insert into voucher_counter (fund_id, period, region_code, last_number) values (${id(20)}, '2025-06', '${province}', 1);
    insert into bank_statement (fund_id, id, account_id, region_code, format, file_name, file_sha256, from_date, to_date, opening_balance, closing_balance, line_count, new_line_count, imported_by)
      values (${id(20)}, ${id(24)}, ${id(21)}, '${province}', 'csv', 'statement.csv', 'sha-${p}', '2025-06-01', '2025-06-30', 0, 100, 1, 1, 'fixture');
    insert into bank_statement_line (fund_id, id, statement_id, account_id, region_code, file_line, booking_date, amount, dedupe_key)
      values (${id(20)}, ${id(25)}, ${id(24)}, ${id(21)}, '${province}', 2, '2025-06-30', 100, 'line-${p}');
    insert into bank_match (fund_id, id, account_id, region_code, method, created_by) values (${id(20)}, ${id(26)}, ${id(21)}, '${province}', 'manual', 'fixture');
    insert into bank_match_member (fund_id, match_id, member_number, region_code, bank_line_id, entry_id, line_number)
      values (${id(20)}, ${id(26)}, 1, '${province}', ${id(25)}, null, null), (${id(20)}, ${id(26)}, 2, '${province}', null, ${id(23)}, 1);
    insert into audit_log (id, created_at, region_code, action, entity_type, hash) values (${id(30)}, now(), '${county}', 'fixture', 'fixture', 'x');
    insert into import_file (id, kind, region_code, file_name, sha256, format, encoding, size_bytes, status, username)
      values (${id(31)}, 'persons', '${county}', 'persons.csv', repeat('${p}', 32), 'csv', 'gb18030', 10, 'rejected', 'fixture');
    insert into import_error (import_id, seq, region_code, row_number, field, rule, column_title, value, message, cells)
      values (${id(31)}, 1, '${county}', 3, 'idNumber', 'check_character', '公民身份号码', 'x', 'fixture', '{x}');
    insert into dunning_counter (region_code, year, kind, last_number) values ('${county}', 2025, 'reminder', 1);
    insert into dunning_notice (employer_id, id, number, kind, region_code, as_of, principal, late_fee, periods, issued_by)
      values (${id(3)}, ${id(40)}, 'CJ-2025-${county}-0001', 'reminder', '${county}', '2025-08-01', 100, 0, '[]', 'fixture');
    insert into dunning_delivery (employer_id, id, notice_id, region_code, method, delivered_on, recipient, recorded_by)
      values (${id(3)}, ${id(41)}, ${id(40)}, '${county}', 'direct', '2025-08-02', '财务${p}', 'fixture');
    insert into instalment_agreement (employer_id, id, region_code, approval_item_id, as_of, principal, instalments, reason, approved_by)
      values (${id(3)}, ${id(42)}, '${county}', ${id(12)}, '2025-08-01', 100, '[]', '经营困难', 'fixture');
    insert into late_fee_waiver (employer_id, id, region_code, approval_item_id, as_of, amount, ground, document, approved_by)
      values (${id(3)}, ${id(43)}, '${county}', ${id(12)}, '2025-08-01', 10, 'force_majeure', '不可抗力证明${p}', 'fixture');
    insert into certificate (person_id, id, kind, region_code, code_hash, facts, facts_hash, issued_on, issued_by)
      values (${id(4)}, ${id(44)}, 'participation', '${county}', 'code-${p}', '{}', 'facts-${p}', '2025-08-01', 'fixture');
    insert into tax_collection (employer_id, id, region_code, collected_on, period, person_id, id_number, insurance, amount, tax_voucher, payment_key, import_id, line_number, recorded_by)
      values (${id(3)}, ${id(45)}, '${county}', '2025-07-10', '2025-06', ${id(4)}, 'ID${p}', 'pension', 100, 'TV${p}', 'key-${p}', ${id(31)}, 2, 'fixture');
    insert into pension_award (person_id, id, region_code, fund_code, scheme, awarded_on, first_period, basic_pension, account_pension, transitional_pension, monthly_amount, bank_account, quote, awarded_by)
      values (${id(4)}, ${id(50)}, '${county}', '${fund}', 'enterprise', '2025-06-30', '2025-07', 200000, 50000, 0, 250000, '6217000000000${p}', '{}', 'fixture');
    insert into pension_award_account_change (id, person_id, award_id, region_code, from_account, to_account, reason, approval_item_id, requested_by)
      values (${id(181)}, ${id(4)}, ${id(50)}, '${county}', '6217000000000${p}', '6217000000001${p}', '原账户已销户', ${id(12)}, 'fixture');
    insert into payroll_batch (id, fund_code, region_code, period, job_id, created_by) values (${id(51)}, '${fund}', '${province}', '2025-07', ${id(8)}, 'fixture');
    insert into payroll_line (person_id, id, batch_id, award_id, region_code, reference, amount) values (${id(4)}, ${id(52)}, ${id(51)}, ${id(50)}, '${province}', 'YL202507${p}', 250000);
    insert into payroll_line_event (person_id, id, line_id, region_code, event, happened_on, recorded_by) values (${id(4)}, ${id(53)}, ${id(52)}, '${province}', 'sent', '2025-07-10', 'fixture');
    insert into fund_transfer_request (id, fund_code, region_code, amount, purpose, batch_id, requested_by) values (${id(54)}, '${fund}', '${province}', 250000, '2025-07 基本养老金发放', ${id(51)}, 'fixture');
    insert into pension_adjustment_run (id, region_code, year, effective_period, rules, awards, total_before, total_increase, submitted_by)
      values (${id(80)}, '${province}', 2025, '2025-01', '{}', 1, 250000, 5000, 'fixture');
    insert into pension_adjustment_line (person_id, id, run_id, award_id, region_code, amount_before, increase, parts) values (${id(4)}, ${id(81)}, ${id(80)}, ${id(50)}, '${county}', 250000, 5000, '{}');
    insert into budget_version (id, region_code, year, number, basis, last_actual_month, created_by) values (${id(70)}, '${province}', 2027, 1, 'model', '2026-10', 'fixture');
    insert into budget_version_table (version_id, fund, region_code, scheme, table_code, table_name, total_income, total_expense, balance, previous_accumulated_balance, accumulated_balance)
      values (${id(70)}, '${fund}', '${province}', 'pension', '社预02', '企业职工基本养老保险基金预算表', 100, 60, 40, 10, 50);
    insert into budget_line (version_id, fund, side, subject, line_number, region_code, name, amount, drafted_amount) values (${id(70)}, '${fund}', 'income', 'premium_income', 1, '${province}', '社会保险费收入', 100, 100);
    insert into budget_line_comment (version_id, id, fund, side, subject, region_code, submission, comment, commented_by) values (${id(70)}, ${id(71)}, '${fund}', 'income', 'premium_income', '${province}', 1, '依据不足', 'fixture');
    insert into budget_target (version_id, fund, indicator, region_code, dimension, name, unit, comparison, target_value) values (${id(70)}, '${fund}', 'collection_rate', '${province}', 'process', '社会保险费征缴率', '%', 'at_least', 95);
    insert into budget_projection_scenario (id, region_code, name, label, overrides, created_by) values (${id(182)}, '${province}', 'slow-${p}', '工资低增长', '{"wageGrowth": "0.03"}', 'fixture');
    insert into evaluation_indicator_entry (id, year, region_code, indicator, value, evidence, entered_by) values (${id(183)}, 2025, '${county}', 'rectification_rate', 0.9, '整改报告 第1号', 'fixture');
    insert into control_check_event (id, point, region_code, subject, outcome, warnings, reason, actor) values (${id(184)}, 'payment.manual', '${county}', 'fixture', 'overridden', '[]', '已核实非重复', 'fixture');
    insert into budget_adjustment (id, region_code, year, version_id, explanation, approval_item_id, requested_by) values (${id(72)}, '${province}', 2027, ${id(70)}, '扩面超预期', ${id(72)}, 'fixture');
    insert into budget_adjustment_line (adjustment_id, fund, side, subject, region_code, name, from_amount, to_amount, reason) values (${id(72)}, '${fund}', 'income', 'premium_income', '${province}', '社会保险费收入', 100, 120, '扩面');
    insert into pension_award_amount (person_id, id, award_id, region_code, effective_period, monthly_amount, increase, adjustment_run_id)
      values (${id(4)}, ${id(82)}, ${id(50)}, '${county}', '2025-01', 255000, 5000, ${id(80)});
    insert into pension_award_event (person_id, id, award_id, region_code, event, effective_period, happened_on, reason, source_type, recorded_by)
      values (${id(4)}, ${id(83)}, ${id(50)}, '${county}', 'suspended', '2025-09', '2025-08-10', '死亡', 'death_record', 'fixture');
    insert into death_record (person_id, id, region_code, date_of_death, import_id, recorded_by) values (${id(4)}, ${id(84)}, '${county}', '2025-08-10', ${id(31)}, 'fixture');
    insert into benefit_overpayment (person_id, id, region_code, award_id, cause, death_record_id, periods, amount) values (${id(4)}, ${id(85)}, '${county}', ${id(50)}, 'death', ${id(84)}, '{2025-09}', 250000);
    insert into benefit_overpayment_recovery (person_id, id, overpayment_id, region_code, method, amount, recovered_on, reference, recorded_by)
      values (${id(4)}, ${id(86)}, ${id(85)}, '${county}', 'refund', 100000, '2025-10-01', 'TH${p}', 'fixture');
    insert into survivor_entitlement (person_id, id, region_code, award_id, death_record_id, kind, amount, basis) values (${id(4)}, ${id(87)}, '${county}', ${id(50)}, ${id(84)}, 'funeral_grant', 500000, '{}');
    insert into benefit_payment_order (person_id, id, region_code, fund_code, benefit_type, subject_code, amount, payee_name, payee_id_number, bank_account, reason, source_type, source_id, reference, requested_by)
      values (${id(4)}, ${id(88)}, '${county}', '${fund}', 'funeral_and_survivor_grant', '500103', 500000, '家属${p}', 'ID${p}', '6217000000000${p}', '丧葬补助金', 'survivor_entitlement', ${id(87)}, 'DC' || ${id(88)}, 'fixture');
    insert into benefit_payment_order_event (person_id, id, order_id, region_code, event, happened_on, recorded_by) values (${id(4)}, ${id(89)}, ${id(88)}, '${county}', 'sent', '2025-08-20', 'fixture');
    insert into self_paying_registration (employer_id, person_id, kind, region_code, registered_by) values (${id(3)}, ${id(4)}, 'flexible', '${county}', 'fixture');
    insert into self_paying_terms (employer_id, id, person_id, region_code, valid_from, base_ratio, insurances, reason, recorded_by)
      values (${id(3)}, ${id(46)}, ${id(4)}, '${county}', '2025-01-01', 1.00, '{pension}', '个人缴费登记', 'fixture');
    insert into pension_extension (employer_id, id, enrollment_id, person_id, region_code, valid_from, reason, granted_by)
      values (${id(3)}, ${id(47)}, ${id(6)}, ${id(4)}, '${county}', '2025-02-01', '缴费年限不足十五年，延长缴费', 'fixture');
    insert into occupational_annuity_entry (person_id, id, region_code, period, part, amount, employer_id, bill_id, payment_id)
      values (${id(4)}, ${id(48)}, '${county}', '2025-06', 'employee', 20, ${id(3)}, ${id(9)}, ${id(10)});
    insert into medical_institution (id, code, name, region_code, pooling_region_code, kind, bank_account, created_by)
      values (${id(60)}, 'H${p}', '医院${p}', '${county}', '${city}', 'hospital_2', '62220000000${p}', 'fixture');
    insert into medical_quota (institution_id, id, region_code, year, annual_quota, reserve_share, source, recorded_by) values (${id(60)}, ${id(61)}, '${county}', 2025, 1200000, 0.05, 'entered', 'fixture');
    insert into medical_monthly_settlement (institution_id, month, line, region_code, dip_group, cases, cost, visits, patients, inpatient_days, total_cost, fund_payable, import_id)
      values (${id(60)}, '2025-06', 2, '${county}', 'A', 1, 500000, 1, 1, 5, 500000, 400000, ${id(31)});
    insert into medical_prepayment_run (id, region_code, fund_code, month, job_id, created_by) values (${id(62)}, '${city}', 'medical-${city}', '2025-06', ${id(8)}, 'fixture');
    insert into medical_prepayment (institution_id, month, run_id, region_code, quota_id, annual_quota, reserve_share, amount)
      values (${id(60)}, '2025-06', ${id(62)}, '${county}', ${id(61)}, 1200000, 0.05, 95000);
    insert into medical_year_end_run (id, region_code, fund_code, year, rules, created_by) values (${id(63)}, '${city}', 'medical-${city}', 2025, '{}', 'fixture');
    insert into medical_year_end_settlement (institution_id, year, run_id, region_code, quota, actual, prepaid, allowed, saving_reward, overrun_paid, settlement)
      values (${id(60)}, 2025, ${id(63)}, '${county}', 1200000, 1100000, 1140000, 1130000, 30000, 0, -10000);
    insert into medical_quota_allocation (id, region_code, fund_code, year, budget_version_id, inpatient_budget, inpatient_reserve, outpatient_budget, outpatient_reserve, total, rules, created_by)
      values (${id(64)}, '${city}', 'medical-${city}', 2027, ${id(70)}, 1000000, 50000, 0, 0, 950000, '{}', 'fixture');
    insert into medical_quota_allocation_line (allocation_id, institution_id, region_code, budget_line, basis, basis_source, basis_months, level_factor, proposed, quota, reserve_share)
      values (${id(64)}, ${id(60)}, '${county}', 'inpatient', 1200000, 'previous_quota', 0, 1.02, 950000, 950000, 0.05);
    insert into benefit_claim (person_id, id, region_code, kind, paying_insurance, event_date, input, amounts, trace, monthly_amount, one_off_amount, months, first_period, last_period, approval_item_id, submitted_by)
      values (${id(4)}, ${id(90)}, '${county}', 'unemployment', 'unemployment', '2025-06-30', '{}', '[]', '[]', 207000, 0, 12, '2025-07', '2026-06', ${id(12)}, 'fixture');
    insert into benefit_claim_month (person_id, claim_id, period, region_code, benefit_amount, medical_contribution, unemployment_entry_id, medical_entry_id, medical_fund_code, recorded_by)
      values (${id(4)}, ${id(90)}, '2025-07', '${county}', 207000, 45000, ${id(23)}, ${id(23)}, 'medical-${city}', 'fixture');
    insert into benefit_claim_part_stop (person_id, claim_id, part, region_code, stop_period, reason, stopped_on, stopped_by)
      values (${id(4)}, ${id(90)}, 'nursing_allowance', '${county}', '2025-08', '护理等级复查', '2025-08-01', 'fixture');
    insert into work_injury_month (person_id, claim_id, period, region_code, amount, parts, recorded_by) values (${id(4)}, ${id(90)}, '2025-07', '${county}', 330000, '[]', 'fixture');
    insert into supervision_tax_wage (employer_id, id, region_code, period, credit_code, id_number, wage, import_id, line)
      values (${id(3)}, ${id(91)}, '${county}', '2025-06', 'CC${p}', 'ID${p}', 800000, ${id(31)}, 2);
    insert into supervision_claim_detail (person_id, id, region_code, claim_id, institution_code, id_number, admitted, discharged, item, quantity, amount, import_id, line)
      values (${id(4)}, ${id(92)}, '${county}', 'C${p}', 'H${p}', 'ID${p}', '2025-06-03', '2025-06-10', '床位费', 7, 42000, ${id(31)}, 2);
    insert into supervision_finding (id, rule, finding_key, subject, region_code, period, amount, evidence, legal_basis, job_id)
      values (${id(93)}, 'split-admission', 'H${p}/C${p}', 'H${p}', '${county}', '2025-06', 42000, '{}', '医疗保障基金使用监督管理条例 第十五条', ${id(8)});
    insert into supervision_sample (id, region_code, month, seed, size, population, taken_by) values (${id(96)}, '${county}', '2025-06', 202506, 20, 1, 'fixture');
    insert into supervision_sample_item (sample_id, position, region_code, approval_item_id, kind, submitted_at, submitted_by, subject)
      values (${id(96)}, 1, '${county}', ${id(12)}, 'fixture', '2025-06-10T09:00:00+08:00', 'fixture', 'fixture');
    insert into supervision_sample_review (sample_id, position, region_code, approval_item_id, verdict, reviewed_by) values (${id(96)}, 1, '${county}', ${id(12)}, 'conforming', 'fixture');
    insert into supervision_case (id, number, region_code, subject_kind, subject, kind, amount_involved, reason, opening_item_id, opened_by)
      values (${id(97)}, 'JC2025-0001', '${county}', 'institution', 'H${p}', 'split-admission', 42000, '分解住院', ${id(12)}, 'fixture');
    insert into supervision_case_finding (case_id, finding_id, region_code) values (${id(97)}, ${id(93)}, '${county}');
    insert into supervision_case_amount (case_id, fund_code, region_code, amount) values (${id(97)}, 'medical-${city}', '${county}', 42000);
    insert into supervision_case_recovery (id, case_id, region_code, fund_code, amount, recovered_on, bank_reference, entry_id, recorded_by)
      values (${id(98)}, ${id(97)}, '${county}', 'medical-${city}', 42000, '2025-07-01', 'B${p}', '${id(23)}', 'fixture');
    insert into supervision_case_step (id, case_id, region_code, step, username, approval_item_id) values (${id(99)}, ${id(97)}, '${county}', 'opened', 'fixture', ${id(12)});
    insert into supervision_credit_run (id, region_code, as_of, parameters, subjects, changed, run_by) values (${id(74)}, '${county}', '2025-06-30', '{}', 1, 1, 'fixture');
    insert into supervision_credit_grade (subject_kind, subject, region_code, grade, facts, reasons, run_id, graded_on)
      values ('institution', 'H${p}', '${county}', 'C', '{}', '[]', ${id(74)}, '2025-06-30');
    insert into supervision_credit_grade_history (id, subject_kind, subject, region_code, grade, facts, reasons, run_id, graded_on)
      values (${id(75)}, 'institution', 'H${p}', '${county}', 'C', '{}', '[]', ${id(74)}, '2025-06-30');
    insert into supervision_blacklist (id, subject_kind, subject, region_code, reason, notified_on, listing_item_id, proposed_by)
      values (${id(76)}, 'institution', 'H${p}', '${county}', '多次违规', '2025-06-20', ${id(12)}, 'fixture');
    insert into supervision_blacklist_step (id, listing_id, region_code, step, username, approval_item_id) values (${id(77)}, ${id(76)}, '${county}', 'proposed', 'fixture', ${id(12)});
    insert into execution_alert (id, rule, condition_key, fund_code, region_code, severity, period, figures)
      values (${id(94)}, 'payment_capacity', '${fund}', '${fund}', '${province}', 'critical', '2025-06', '{}');
    insert into execution_alert_pending (fund_code, region_code) values ('${fund}', '${province}');
    insert into published_report (id, region_code, period, title, body, published_by) values (${id(95)}, '${province}', '2025-06', '基金收支情况', '{}', 'fixture');
    insert into allocation_plan (id, region_code, year, version_id, fund, method, approval_item_id, proposed_by, approved_by) values (${id(73)}, '${province}', 2027, ${id(70)}, '${fund}', 'even', ${id(73)}, 'fixture', 'fixture');
    insert into allocation_plan_line (plan_id, subject, region_code, name, amount, split) values (${id(73)}, 'benefit_expense', '${province}', '社会保险待遇支出', 1200, 'even');
    insert into allocation_plan_month (plan_id, subject, month, region_code, amount) values (${id(73)}, 'benefit_expense', 1, '${province}', 100);
    insert into budget_history_year (id, region_code, fund_id, year, version, import_id, chart_year, imported_by) values (${id(180)}, '${province}', ${id(20)}, 2020, 1, ${id(31)}, 2018, 'fixture');
    insert into budget_history_value (year_id, region_code, subject, kind, amount, source_row) values (${id(180)}, '${province}', 'premium_income', 'line', 100, 2);
    insert into webhook_subscription (id, url, secret, events, region_code, created_by) values (${id(161)}, 'https://hooks.example.cn/${p}', 'fixture-secret-0123456789', '{alert.raised}', '${province}', 'fixture');
    insert into webhook_delivery (id, subscription_id, event, event_id, region_code, body, job_id) values (${id(162)}, ${id(161)}, 'alert.raised', ${id(163)}, '${county}', '{}', ${id(8)});
    insert into webhook_delivery_attempt (delivery_id, attempt, region_code, status_code, outcome) values (${id(162)}, 1, '${county}', 200, 'delivered');
    insert into monthly_analysis (id, region_code, period, report, job_id) values (${id(164)}, '${city}', '2025-06', '{}', ${id(8)});
    insert into duty_assignment (id, region_code, scheme, user_id, username, name, valid_from, assigned_by) values (${id(110)}, '${county}', 'all', ${id(2)}, 'operator-${p}', '经办${p}', '2025-01-01', 'fixture');
    insert into year_end_settlement (id, region_code, fund, year, opening_balance, transferred, other_receipts, paid, returned_in_year, closing_balance, current_balance, committed, returned, settled_on, approval_item_id, submitted_by, approved_by)
      values (${id(74)}, '${province}', '${fund}', 2025, 0, 100, 0, 60, 0, 40, 40, 40, 0, '2026-01-05', ${id(74)}, 'fixture', 'fixture');
    insert into sharing_settlement (id, region_code, scheme, year, fund, gap, borne, remitted, settled_on, approval_item_id, submitted_by, approved_by)
      values (${id(170)}, '${province}', 'enterprise', 2025, '${fund}', 100, 50, 50, '2026-01-05', ${id(170)}, 'fixture', 'fixture');
    insert into sharing_settlement_county (settlement_id, region_code, gap, own_gap, province_share, city_share, county_share, entry_id)
      values (${id(170)}, '${county}', 100, 0, 50, 30, 20, ${id(171)});
    do $$ begin
      if to_regclass('login_throttle') is not null then
        insert into login_throttle (key, window_start, count) values ('user:operator-${p}', now(), 1);
      end if;
    end $$;`;
}

const staff = (regionCode: string | null): Actor => ({ userId: 1n, username: `reader-${regionCode ?? 'national'}`, role: 'auditor', regionCode });

/** The rows of `table` a staff user of `regionCode` sees (as sifund_app, through inScope), by ctid. */
async function visibleRows(table: string, regionCode: string | null): Promise<Set<string>> {
  const rows = await inScope(test_.database, staff(regionCode), async (tx) => {
    const role = (await sql<{ role: string }>`select current_user as role`.execute(tx)).rows[0].role;
    assert.equal(role, 'sifund_app', 'a staff user\'s transaction runs as sifund_app');
    return (await sql<{ id: string }>`select ctid::text as id from ${sql.table(table)}`.execute(tx)).rows;
  });
  return new Set(rows.map((r) => r.id));
}

test('for every table with a policy, the rows of one region are invisible to a session scoped to another', async () => {
  const A = '970000', B = '980000';
  const client = await owner.connect();
  try {
    await client.query('begin');
    await client.query(regionFixture('97', 97_000_000));
    await client.query(regionFixture('98', 98_000_000));
    await client.query('commit');
  } catch (error) { await client.query('rollback'); throw error; } finally { client.release(); }

  const secured = (await readableRelations()).filter((r) => r.rowSecurity && r.policies > 0).map((r) => r.name);
  assert.ok(secured.includes('bill') && secured.includes('job_chunk') && secured.includes('interest_run'), `tables with a policy: ${secured.join(', ')}`);
  const problems: string[] = [];
  for (const table of secured) {
    const all = new Set((await owner.query<{ id: string }>(`select ctid::text as id from ${table}`)).rows.map((r) => r.id));
    if (all.size === 0) { problems.push(`${table}: no fixture row (add one to regionFixture)`); continue; }
    const [inA, inB, national] = await Promise.all([visibleRows(table, A), visibleRows(table, B), visibleRows(table, null)]);
    if (NATIONAL_ONLY[table]) {
      if (inA.size || inB.size) problems.push(`${table}: a regional scope sees ${inA.size + inB.size} row(s) of a national-only table`);
    } else {
      if (inA.size === 0 || inB.size === 0) problems.push(`${table}: a region's own rows are invisible to it (A sees ${inA.size}, B sees ${inB.size})`);
      const shared = [...inA].filter((row) => inB.has(row));
      if (shared.length) problems.push(`${table}: ${shared.length} row(s) visible to both provinces ${A} and ${B}`);
      // every fixture row belongs to one of the two provinces
      if (inA.size + inB.size !== all.size) problems.push(`${table}: the provinces see ${inA.size} + ${inB.size} of ${all.size} rows`);
    }
    if (national.size !== all.size) problems.push(`${table}: the national scope sees ${national.size} of ${all.size} rows`);
  }
  assert.deepEqual(problems, []);

  // A county sees its own subtree and not its province's pooled fund; a scope that is not set sees nothing.
  assert.equal((await visibleRows('bill', '970102')).size, 1);
  assert.equal((await visibleRows('fund', '970102')).size, 0);
  assert.equal((await visibleRows('interest_run', '970102')).size, 1, 'a county reads the run of its province (the rate on its statements)');
  const fresh = new pg.Client({ connectionString: test_.url });
  await fresh.connect();
  try {
    await fresh.query('begin');
    await fresh.query('set local role sifund_app');
    const { rows: [unset] } = await fresh.query<{ n: string }>(`select (select count(*) from bill) + (select count(*) from job) + (select count(*) from interest_run) + (select count(*) from app_user) as n`);
    assert.equal(Number(unset.n), 0, 'without sifund.scope the application role sees no row');
    await fresh.query('rollback');
  } finally { await fresh.end(); }
});

test('a scoped session cannot write a row into another region (with check)', async () => {
  const refused = (work: Promise<unknown>) => assert.rejects(work, /row-level security/);
  await refused(inScope(test_.database, staff('980000'), (tx) => sql`insert into job (id, kind, key, region_code, parameters, actor, started_by) values (1, 'billing.run', '2025-07/970102', '970102', '{}', '{}', 'x')`.execute(tx)));
  await refused(inScope(test_.database, staff('980000'), (tx) => sql`insert into job_chunk (job_id, chunk, payload) values (97000008, 2, '{}')`.execute(tx)));
  await refused(inScope(test_.database, staff('980000'), (tx) => sql`insert into interest_run (year, rate, method, persons, amount, run_by, region_code) values (2090, 0.01, 'monthly', 0, 0, 'x', '970000')`.execute(tx)));
  await refused(inScope(test_.database, staff('980000'), (tx) => sql`insert into interest_run (year, rate, method, persons, amount, run_by, region_code) values (2090, 0.01, 'monthly', 0, 0, 'x', null)`.execute(tx)));
  await refused(inScope(test_.database, staff('980000'), (tx) => sql`insert into agency (id, region_code, name) values (1, '970100', 'x')`.execute(tx)));
  await refused(inScope(test_.database, staff('980000'), (tx) => sql`insert into app_user (id, username, display_name, password_hash, role, region_code) values (1, 'intruder', 'x', 'x', 'operator', '970102')`.execute(tx)));
  // an interest run made in a province's scope records that province; in the national scope, the whole installation
  const made = await inScope(test_.database, staff('980000'), (tx) => sql<{ region_code: string | null }>`
    insert into interest_run (year, rate, method, persons, amount, run_by) values (2091, 0.01, 'monthly', 0, 0, 'x') returning region_code`.execute(tx));
  assert.equal(made.rows[0].region_code, '980000');
  const national = await inScope(test_.database, staff(null), (tx) => sql<{ region_code: string | null }>`
    insert into interest_run (year, rate, method, persons, amount, run_by) values (2092, 0.01, 'monthly', 0, 0, 'x') returning region_code`.execute(tx));
  assert.equal(national.rows[0].region_code, null);
  assert.equal((await visibleRows('interest_run', '970102')).has((await owner.query(`select ctid::text as id from interest_run where year = 2092`)).rows[0].id), true,
    'a run of the whole installation is read in every scope');
});

// A transaction-local setting falls back to '' (not NULL) on the connection once its transaction ends; the national
// scope is therefore the explicit marker '*' (migration 0012), and '' sees nothing.
test('a pooled connection that ran a scoped transaction before still sees nothing without a scope', async () => {
  const client = new pg.Client({ connectionString: test_.url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('sifund.scope', '98', true)`);
    await client.query('commit');
    await client.query('begin');
    await client.query('set local role sifund_app');
    const { rows: [seen] } = await client.query<{ n: string }>('select count(*) as n from bill');
    await client.query('rollback');
    assert.equal(Number(seen.n), 0);
  } finally { await client.end(); }
});
