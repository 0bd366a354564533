-- Fund ledger (R5): funds per insurance per pooling region, their chart accounts, the double-entry journal,
-- balances per (account, period), accounting periods, bank statements and reconciliation, manual-entry drafts
-- (maker-checker) and period reopen requests.
--
-- Citus: `fund` is a reference table; every other table is distributed by fund_id (every primary and unique key
-- starts with it; foreign keys stay inside one fund or point at `fund`). Ids are 64-bit from the application.
-- Every table carries region_code (the fund's pooling region) and row-level security limits a scoped session
-- to its region subtree, as in 0002_registry.sql. Nothing here is newer than PostgreSQL 15.

create table fund (
  id bigint primary key,
  code text not null unique check (code ~ '^[a-z][a-z_]*-[0-9]{6}$'),   -- e.g. pension-990000
  insurance text not null check (insurance ~ '^[a-z][a-z_]*$'),
  region_code text not null references region (code),                  -- the pooling region (统筹地区)
  name text not null,
  chart_year smallint not null,                                         -- chart version the accounts came from
  created_at timestamptz not null default now(),
  unique (insurance, region_code)
);

create table fund_account (
  fund_id bigint not null references fund (id),
  id bigint not null,
  code text not null check (code ~ '^[0-9A-Za-z][0-9A-Za-z._-]*$'),    -- usable as an hledger account name segment
  name text not null,
  role text not null check (role in ('income_bank', 'special_bank', 'expense_bank', 'receivable', 'payable', 'revenue', 'expense', 'fund_balance')),
  subject text,                                                         -- budget subject of revenue and expense accounts
  bank_account_number text,                                             -- number at the bank (bank roles), checked on statement import
  region_code text not null,
  created_at timestamptz not null default now(),
  primary key (fund_id, id),
  unique (fund_id, code),
  check ((role in ('revenue', 'expense')) = (subject is not null))
);

-- 会计期间: one row per fund and month that has postings or was closed. Posting share-locks the row, closing
-- locks it for update, so a close and a posting into the same month never interleave.
create table fund_period (
  fund_id bigint not null references fund (id),
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  region_code text not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  closed_at timestamptz,
  closed_by text,
  primary key (fund_id, period),
  check ((status = 'closed') = (closed_at is not null))
);

-- 记账凭证 / 会计分录: the entry header. Its lines are written first (same transaction), then the header; the header
-- trigger refuses it unless its lines exist and balance, and after that no line can be added (see below).
create table accounting_entry (
  -- no foreign key to fund here: the lines' key to fund_account (which references fund) and the gate trigger below
  -- already tie every entry to a fund, and a per-row check would cost a quarter of the posting time (measured)
  fund_id bigint not null,
  id bigint not null,
  region_code text not null,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  value_date date not null,
  kind text not null check (kind in ('business', 'manual', 'import', 'sweep', 'reversal')),
  memo text not null default '',
  source_type text,
  source_id text,
  idempotency_key text not null check (length(idempotency_key) between 1 and 200),
  content_hash text not null,
  reverses_entry_id bigint,
  correction_of_period text check (correction_of_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  line_count int not null check (line_count >= 2),
  total bigint not null check (total > 0),
  created_by_id bigint,
  created_by text not null,
  approved_by_id bigint,
  approved_by text,
  posted_at timestamptz not null default now(),
  primary key (fund_id, id),
  unique (fund_id, idempotency_key),
  foreign key (fund_id, reverses_entry_id) references accounting_entry (fund_id, id),
  -- the value date lies in the accounting period (a late correction posts into the open month and names the closed one)
  check (extract(year from value_date)::int * 100 + extract(month from value_date)::int = replace(period, '-', '')::int),
  check ((source_type is null) = (source_id is null)),
  check ((kind = 'reversal') = (reverses_entry_id is not null)),
  -- maker-checker (社会保险基金财务制度: 不相容岗位相互分离): a manual entry carries its approver, never its maker
  check (kind <> 'manual' or approved_by is not null),
  check (approved_by is null or approved_by <> created_by),
  check (approved_by_id is null or created_by_id is null or approved_by_id <> created_by_id)
);
create unique index accounting_entry_reversed_once on accounting_entry (fund_id, reverses_entry_id) where reverses_entry_id is not null;
create index accounting_entry_period on accounting_entry (fund_id, period);
create index accounting_entry_source on accounting_entry (fund_id, source_type, source_id) where source_type is not null;

-- 分录行: one debit or one credit to one account, in fen.
create table accounting_entry_line (
  fund_id bigint not null,
  entry_id bigint not null,
  line_number smallint not null check (line_number >= 1),
  account_id bigint not null,
  region_code text not null,
  period text not null,
  value_date date not null,
  debit bigint not null default 0 check (debit >= 0),
  credit bigint not null default 0 check (credit >= 0),
  subject text,
  reference text,
  memo text,
  primary key (fund_id, entry_id, line_number),
  -- deferred: lines precede their header in the transaction; lines without a header fail at commit
  foreign key (fund_id, entry_id) references accounting_entry (fund_id, id) deferrable initially deferred,
  -- the account exists in the fund: every line moves its account_balance row in the same statement, and that table's
  -- foreign key to fund_account checks it once per (account, period) instead of once per line
  check ((debit > 0) <> (credit > 0))
);
create index accounting_entry_line_account on accounting_entry_line (fund_id, account_id, period);

-- Movements per (account, period), kept by the line trigger in the posting transaction: a trial balance reads
-- these rows, never the journal. Debit-positive: closing = opening + debit − credit.
create table account_balance (
  fund_id bigint not null,
  account_id bigint not null,
  period text not null,
  region_code text not null,
  debit bigint not null default 0,
  credit bigint not null default 0,
  line_count bigint not null default 0,
  primary key (fund_id, account_id, period),
  foreign key (fund_id, account_id) references fund_account (fund_id, id)
);

-- Lines arrive before their entry; once the entry exists its lines are final. Balances move in the same statement.
-- Rows are upserted in key order so concurrent posters lock balance rows in the same order (no deadlock cycles).
create function accounting_entry_line_inserted() returns trigger language plpgsql as $$
declare
  v_entry bigint;
begin
  select n.entry_id into v_entry from inserted_lines n
   where exists (select 1 from accounting_entry e where e.fund_id = n.fund_id and e.id = n.entry_id) limit 1;
  if found then
    raise exception 'accounting entry % is already posted: lines cannot be added to it', v_entry using errcode = '42501';
  end if;
  insert into account_balance as b (fund_id, account_id, period, region_code, debit, credit, line_count)
  select fund_id, account_id, period, min(region_code), sum(debit), sum(credit), count(*)
    from inserted_lines group by fund_id, account_id, period order by fund_id, account_id, period
  on conflict (fund_id, account_id, period) do update
    set debit = b.debit + excluded.debit, credit = b.credit + excluded.credit, line_count = b.line_count + excluded.line_count;
  return null;
end $$;
create trigger accounting_entry_line_after_insert after insert on accounting_entry_line
  referencing new table as inserted_lines for each statement execute function accounting_entry_line_inserted();

-- The gate of the journal: an entry posts only into an open month and only when its lines (already written) balance,
-- match its header (count, total, period, date, region) — debits = credits, enforced by the database itself.
create function accounting_entry_inserted() returns trigger language plpgsql as $$
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
  select n.id, n.line_count, n.total, l.lines, l.debit, l.credit into v
    from inserted_entries n
    cross join lateral (
      select count(*) as lines, coalesce(sum(x.debit), 0) as debit, coalesce(sum(x.credit), 0) as credit,
             coalesce(bool_and(x.period = n.period and x.value_date = n.value_date and x.region_code = n.region_code), false) as consistent
        from accounting_entry_line x where x.fund_id = n.fund_id and x.entry_id = n.id) l
   where l.lines <> n.line_count or l.debit <> l.credit or l.debit <> n.total or not l.consistent
   limit 1;
  if found then
    raise exception 'accounting entry % is not balanced or does not match its lines: % lines (header says %), debits %, credits %, total %',
      v.id, v.lines, v.line_count, v.debit, v.credit, v.total using errcode = '23514';
  end if;
  return null;
end $$;
create trigger accounting_entry_after_insert after insert on accounting_entry
  referencing new table as inserted_entries for each statement execute function accounting_entry_inserted();

-- Append-only (architecture: "ledger entries are append-only"): statement-level, so even an UPDATE or DELETE that
-- matches no row is refused, and TRUNCATE too. Corrections are reversal entries.
create trigger accounting_entry_append_only before update or delete or truncate on accounting_entry
  for each statement execute function reject_change();
create trigger accounting_entry_line_append_only before update or delete or truncate on accounting_entry_line
  for each statement execute function reject_change();

-- Bank statements (银行对账单) as received: append-only facts. A line's dedupe_key (bank transaction id, or a hash of
-- its content and its occurrence in the file) makes re-importing the same or an overlapping statement add nothing.
create table bank_statement (
  fund_id bigint not null references fund (id),
  id bigint not null,
  account_id bigint not null,
  region_code text not null,
  format text not null check (format in ('csv', 'camt053')),
  file_name text not null,
  file_sha256 text not null,
  statement_reference text,
  from_date date not null,
  to_date date not null,
  opening_balance bigint not null,
  closing_balance bigint not null,
  line_count int not null,
  new_line_count int not null,
  imported_at timestamptz not null default now(),
  imported_by text not null,
  primary key (fund_id, id),
  unique (fund_id, account_id, file_sha256),
  foreign key (fund_id, account_id) references fund_account (fund_id, id),
  check (from_date <= to_date)
);

create table bank_statement_line (
  fund_id bigint not null,
  id bigint not null,
  statement_id bigint not null,
  account_id bigint not null,
  region_code text not null,
  file_line int not null,
  booking_date date not null,
  value_date date,
  amount bigint not null check (amount <> 0),     -- signed: + money into the fund's account, − money out
  reference text,
  counterparty_name text,
  counterparty_account text,
  description text,
  bank_transaction_id text,
  dedupe_key text not null,
  primary key (fund_id, id),
  unique (fund_id, account_id, dedupe_key),
  foreign key (fund_id, statement_id) references bank_statement (fund_id, id),
  foreign key (fund_id, account_id) references fund_account (fund_id, id)
);
create index bank_statement_line_account on bank_statement_line (fund_id, account_id, booking_date);

create trigger bank_statement_append_only before update or delete or truncate on bank_statement
  for each statement execute function reject_change();
create trigger bank_statement_line_append_only before update or delete or truncate on bank_statement_line
  for each statement execute function reject_change();

-- A match ties bank statement lines to ledger lines of one bank account with equal sums (1–1, 1–n, n–1, n–m).
-- Unmatching keeps the history: the match gets undone_at and its members become inactive.
create table bank_match (
  fund_id bigint not null references fund (id),
  id bigint not null,
  account_id bigint not null,
  region_code text not null,
  method text not null check (method in ('auto', 'manual')),
  rule text,
  created_at timestamptz not null default now(),
  created_by text not null,
  undone_at timestamptz,
  undone_by text,
  primary key (fund_id, id),
  foreign key (fund_id, account_id) references fund_account (fund_id, id)
);

create table bank_match_member (
  fund_id bigint not null,
  match_id bigint not null,
  member_number int not null,
  region_code text not null,
  bank_line_id bigint,
  entry_id bigint,
  line_number smallint,
  active boolean not null default true,
  primary key (fund_id, match_id, member_number),
  foreign key (fund_id, match_id) references bank_match (fund_id, id),
  foreign key (fund_id, bank_line_id) references bank_statement_line (fund_id, id),
  foreign key (fund_id, entry_id, line_number) references accounting_entry_line (fund_id, entry_id, line_number),
  check ((bank_line_id is null) <> (entry_id is null)),
  check ((entry_id is null) = (line_number is null))
);
create unique index bank_match_member_bank_line on bank_match_member (fund_id, bank_line_id) where active and bank_line_id is not null;
create unique index bank_match_member_ledger_line on bank_match_member (fund_id, entry_id, line_number) where active and entry_id is not null;

-- Manual entries and manual reversals wait here for a second person (maker-checker).
create table entry_draft (
  fund_id bigint not null references fund (id),
  id bigint not null,
  region_code text not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  content jsonb not null,
  reverses_entry_id bigint,
  made_by_id bigint,
  made_by text not null,
  made_at timestamptz not null default now(),
  decided_by_id bigint,
  decided_by text,
  decided_at timestamptz,
  decision_note text,
  posted_entry_id bigint,
  primary key (fund_id, id),
  check (decided_by is null or decided_by <> made_by),
  check (decided_by_id is null or made_by_id is null or decided_by_id <> made_by_id),
  check ((status = 'pending') = (decided_at is null))
);
create index entry_draft_status on entry_draft (fund_id, status);

-- Reopening a closed month: requested by one person, approved by another.
create table period_reopen_request (
  fund_id bigint not null references fund (id),
  id bigint not null,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  region_code text not null,
  reason text not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  requested_by_id bigint,
  requested_by text not null,
  requested_at timestamptz not null default now(),
  decided_by_id bigint,
  decided_by text,
  decided_at timestamptz,
  primary key (fund_id, id),
  check (decided_by is null or decided_by <> requested_by),
  check (decided_by_id is null or requested_by_id is null or decided_by_id <> requested_by_id)
);

do $$
declare t text;
begin
  foreach t in array array['fund', 'fund_account', 'fund_period', 'accounting_entry', 'accounting_entry_line', 'account_balance',
                           'bank_statement', 'bank_statement_line', 'bank_match', 'bank_match_member', 'entry_draft', 'period_reopen_request'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
end $$;
