-- Posting at speed (issue 9): an entry's lines and its header are written by one statement (a data-modifying CTE,
-- ledger.repository.ts insertEntriesWithLines), and the statement-level triggers of both tables, which run after
-- the whole statement, check every entry set-based against the transition tables. This replaces the deferred
-- foreign key from each line to its header (one row-level check per line at commit: a third of the posting time,
-- measured in docs/decisions.md) and the lines' per-line lookup of an already posted header.
--
-- The rules stay what 0004 and 0011 enforce, in the database itself:
--  - every entry balances and matches its header (line count, total, period, value date, region);
--  - no line without its header, no header without its lines (written in the same statement, or refused);
--  - no line is ever added to a posted entry: the lines of an entry are numbered exactly 1..line_count. A statement's
--    lines of an entry must be line_count many with the highest number line_count, so they are 1..line_count; any
--    earlier line of the same entry would collide with one of them on the primary key (fund_id, entry_id,
--    line_number). This holds by induction from the check below, which proves it for every entry already posted.
-- Append-only (UPDATE, DELETE, TRUNCATE refused), balances per (account, period) and bank accounts never below zero
-- are unchanged.

do $$
declare
  v record;
begin
  select e.fund_id, e.id, e.line_count, l.lines, l.last_line into v
    from accounting_entry e
    join (select fund_id, entry_id, count(*) as lines, max(line_number) as last_line
            from accounting_entry_line group by fund_id, entry_id) l on l.fund_id = e.fund_id and l.entry_id = e.id
   where l.lines <> e.line_count or l.last_line <> e.line_count
   limit 1;
  if found then
    raise exception 'accounting entry % of fund % has % lines numbered up to % (header says %): the lines of an entry must be numbered 1..line_count',
      v.id, v.fund_id, v.lines, v.last_line, v.line_count;
  end if;
end $$;

alter table accounting_entry_line drop constraint accounting_entry_line_fund_id_entry_id_fkey;

-- Lines: every entry they belong to has its header (written by the same statement), and its lines are exactly the
-- ones this statement wrote, numbered 1..line_count, balanced, matching the header. Then the balances move and
-- credited bank accounts are checked (0011, unchanged).
create or replace function accounting_entry_line_inserted() returns trigger language plpgsql as $$
declare
  v record;
  v_funds bigint[];
  v_accounts bigint[];
begin
  select l.fund_id, l.entry_id, e.id as header_id, l.lines, l.debit, l.credit, e.line_count, e.total into v
    from (select fund_id, entry_id, count(*) as lines, max(line_number) as last_line, sum(debit) as debit, sum(credit) as credit,
                 min(period) as first_period, max(period) as last_period, min(value_date) as first_date, max(value_date) as last_date,
                 min(region_code) as first_region, max(region_code) as last_region
            from inserted_lines group by fund_id, entry_id) l
    left join accounting_entry e on e.fund_id = l.fund_id and e.id = l.entry_id
   where e.id is null or l.lines <> e.line_count or l.last_line <> e.line_count or l.debit <> l.credit or l.debit <> e.total
      or l.first_period <> e.period or l.last_period <> e.period or l.first_date <> e.value_date or l.last_date <> e.value_date
      or l.first_region <> e.region_code or l.last_region <> e.region_code
   limit 1;
  if found then
    if v.header_id is null then
      raise exception 'accounting entry % has lines but no header: an entry''s lines and its header are written by one statement', v.entry_id
        using errcode = '23503';
    end if;
    if (select count(*) from accounting_entry_line x where x.fund_id = v.fund_id and x.entry_id = v.entry_id) > v.lines then
      raise exception 'accounting entry % is already posted: lines cannot be added to it', v.entry_id using errcode = '42501';
    end if;
    raise exception 'accounting entry % is not balanced or does not match its lines: % lines (header says %), debits %, credits %, total %',
      v.entry_id, v.lines, v.line_count, v.debit, v.credit, v.total using errcode = '23514';
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

-- Headers: only into an open month (0004, unchanged), and never without lines. An entry whose lines this statement
-- wrote was checked by the lines' trigger; lines written by an earlier statement were refused there (no header yet),
-- so a header with any line at all has exactly the lines checked with it.
create or replace function accounting_entry_inserted() returns trigger language plpgsql as $$
declare
  v record;
begin
  insert into fund_period (fund_id, period, region_code)
  select distinct fund_id, period, region_code from inserted_entries
  on conflict (fund_id, period) do nothing;
  perform 1 from fund_period p
    where (p.fund_id, p.period) in (select fund_id, period from inserted_entries)
    order by p.fund_id, p.period for share;
  select n.id, n.period into v from inserted_entries n
    join fund_period p on p.fund_id = n.fund_id and p.period = n.period
   where p.status = 'closed' limit 1;
  if found then
    raise exception 'accounting period % is closed: entry % cannot post into it', v.period, v.id using errcode = '55000';
  end if;
  select n.id, n.line_count, n.total into v from inserted_entries n
   where not exists (select 1 from accounting_entry_line x where x.fund_id = n.fund_id and x.entry_id = n.id)
   limit 1;
  if found then
    raise exception 'accounting entry % is not balanced or does not match its lines: 0 lines (header says %), total %; an entry''s lines are written by the statement that writes its header',
      v.id, v.line_count, v.total using errcode = '23514';
  end if;
  return null;
end $$;
