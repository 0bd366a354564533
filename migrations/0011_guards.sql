-- Guards in the database itself: bills are immutable, every table the application role reads has row-level
-- security, and a fund's bank accounts never go below zero. Nothing here is newer than PostgreSQL 15.

-- ── 1. Bills, their items and lines never change once issued ─────────────────────────────────────────────────────
-- A correction is a credit note and a supplementary bill (docs/decisions.md), never an edit. Statement-level, as for
-- the journal: even an UPDATE or DELETE matching no row is refused, and TRUNCATE; plain triggers fire for superusers.
-- The billing job's own state (billing_run.status, billing_chunk.done_at) lives outside the bill and may change.
create trigger bill_append_only before update or delete or truncate on bill
  for each statement execute function reject_change();
create trigger bill_item_append_only before update or delete or truncate on bill_item
  for each statement execute function reject_change();
create trigger bill_line_append_only before update or delete or truncate on bill_line
  for each statement execute function reject_change();

-- A line belongs to a bill of the same employer (bill_item has had its key since 0005). The key includes the
-- distribution column (employer_id), so bill and bill_line stay co-located under Citus.
alter table bill_line add constraint bill_line_bill_fkey foreign key (employer_id, bill_id) references bill (employer_id, id);

-- ── 2. Row-level security on every table the application role can read ─────────────────────────────────────────
-- Left readable by every scope on purpose (listed in src/platform/access/row-security.db.test.ts with the reason):
-- region, pooling_region (reference data) and schema_migration (migration bookkeeping).

-- Billing runs carry the region they bill; a chunk belongs to its run.
alter table billing_run enable row level security;
create policy billing_run_scope on billing_run using (in_scope(region_code)) with check (in_scope(region_code));
alter table billing_chunk enable row level security;
create policy billing_chunk_scope on billing_chunk
  using (exists (select 1 from billing_run r where r.id = billing_chunk.run_id and in_scope(r.region_code)))
  with check (exists (select 1 from billing_run r where r.id = billing_chunk.run_id and in_scope(r.region_code)));

-- The year-end interest run credits every account of the region subtree it was run for: region_code is that region
-- (null: the whole installation). Runs made so far needed a scope covering every region (accounts.service.ts), so
-- they are the whole installation's. A new run records the scope it is made in unless the caller says otherwise
-- (a province scope '99' → '990000', the national scope → null). Everyone inside the run's subtree reads the run
-- (a county's statements show the rate), and so does everyone above it; a disjoint region does not.
alter table interest_run add column region_code text check (region_code ~ '^[0-9]{6}$');
alter table interest_run alter column region_code set default nullif(rpad(coalesce(current_setting('sifund.scope', true), ''), 6, '0'), '000000');
alter table interest_run enable row level security;
create policy interest_run_scope on interest_run
  using ((region_code is null and current_scope() is not null) or in_scope(region_code)
         or current_scope() like region_scope_prefix(region_code) || '%')
  with check ((region_code is null and current_scope() = '') or in_scope(region_code));

-- Agencies are seen in the region subtree, like the rest of the registry.
alter table agency enable row level security;
create policy agency_scope on agency using (in_scope(region_code)) with check (in_scope(region_code));

-- User accounts: an administrator with the national scope sees every account (administrators have no region);
-- a scoped session sees the accounts of its subtree. A session is seen with its user.
alter table app_user enable row level security;
create policy app_user_scope on app_user
  using (current_scope() = '' or in_scope(region_code))
  with check (current_scope() = '' or in_scope(region_code));
alter table user_session enable row level security;
create policy user_session_scope on user_session
  using (exists (select 1 from app_user u where u.id = user_session.user_id and (current_scope() = '' or in_scope(u.region_code))))
  with check (exists (select 1 from app_user u where u.id = user_session.user_id and (current_scope() = '' or in_scope(u.region_code))));

-- Sign-in throttle counters (0009) hold addresses and user names of no region and are written by the server outside
-- any scope: a scoped session sees them only with the national scope. Only when the table exists without row security.
do $$
begin
  if to_regclass('login_throttle') is not null
     and not (select relrowsecurity from pg_class where oid = to_regclass('login_throttle')) then
    alter table login_throttle enable row level security;
    create policy login_throttle_national on login_throttle using (current_scope() = '') with check (current_scope() = '');
  end if;
end $$;

-- ── 3. A fund's bank accounts never go below zero ───────────────────────────────────────────────────────────────
-- 收入户, 财政专户 and 支出户 are money at a bank: what leaves an account must have entered it (as TigerBeetle's
-- debits_must_not_exceed_credits, for these debit-normal accounts). After the lines of a statement are added to
-- account_balance, every bank account the statement credits must keep debit − credit ≥ 0 over all its periods (the
-- balance now, not as of the entry's month: money cannot leave an account it never entered). Debits only raise a
-- balance and are not checked. Credited bank accounts are locked (key order) before their balance is read, so two
-- transactions paying out of one account check one after the other; the balance is read by a later statement with a
-- fresh snapshot, after the lock. The rest of the function is 0004's.
create or replace function accounting_entry_line_inserted() returns trigger language plpgsql as $$
declare
  v_entry bigint;
  v_funds bigint[];
  v_accounts bigint[];
  v record;
begin
  select n.entry_id into v_entry from inserted_lines n
   where exists (select 1 from accounting_entry e where e.fund_id = n.fund_id and e.id = n.entry_id) limit 1;
  if found then
    raise exception 'accounting entry % is already posted: lines cannot be added to it', v_entry using errcode = '42501';
  end if;
  select array_agg(b.fund_id order by b.fund_id, b.id), array_agg(b.id order by b.fund_id, b.id) into v_funds, v_accounts
    from (select a.fund_id, a.id from fund_account a
           where (a.fund_id, a.id) in (select fund_id, account_id from inserted_lines where credit > 0)
             and a.role in ('income_bank', 'special_bank', 'expense_bank')
           order by a.fund_id, a.id
           for no key update of a) b;
  insert into account_balance as b (fund_id, account_id, period, region_code, debit, credit, line_count)
  select fund_id, account_id, period, min(region_code), sum(debit), sum(credit), count(*)
    from inserted_lines group by fund_id, account_id, period order by fund_id, account_id, period
  on conflict (fund_id, account_id, period) do update
    set debit = b.debit + excluded.debit, credit = b.credit + excluded.credit, line_count = b.line_count + excluded.line_count;
  if v_accounts is not null then
    select f.code as fund, a.code, a.name, s.balance into v
      from unnest(v_funds, v_accounts) as c (fund_id, account_id)
      join fund_account a on a.fund_id = c.fund_id and a.id = c.account_id
      join fund f on f.id = c.fund_id
      cross join lateral (select coalesce(sum(x.debit), 0) - coalesce(sum(x.credit), 0) as balance
                            from account_balance x where x.fund_id = c.fund_id and x.account_id = c.account_id) s
     where s.balance < 0
     order by c.fund_id, c.account_id
     limit 1;
    if found then
      raise exception 'bank account % % of fund % cannot go below zero: this posting would leave % (money cannot leave an account it never entered)',
        v.code, v.name, v.fund, to_char(v.balance / 100.0, 'FM999999999999999990.00')
        using errcode = '23514', constraint = 'bank_balance_not_negative';
    end if;
  end if;
  return null;
end $$;

-- Bank accounts already below zero (migrated history) are left as they are; the next payment out of one is refused
-- until money comes in. Said once here so that it is not a surprise.
do $$
declare
  v_count int;
begin
  select count(*) into v_count from (
    select 1 from account_balance b join fund_account a on a.fund_id = b.fund_id and a.id = b.account_id
     where a.role in ('income_bank', 'special_bank', 'expense_bank')
     group by b.fund_id, b.account_id having sum(b.debit) - sum(b.credit) < 0) negative;
  if v_count > 0 then
    raise warning '% bank account(s) are below zero already: payments out of them are refused until they are funded', v_count;
  end if;
end $$;
