-- Pension awards and the monthly pension payroll (issue 12): 待遇核定 → 月度发放 → 用款申请 → 银行代发 → 回盘.
--
-- pension_award: one person's monthly basic pension as signed off (三级审签, kind pension.award), with its parts
-- (基础养老金, 个人账户养老金, 过渡性养老金) and the quote it came from; paid from the fund of the person's scheme
-- (企业职工 or 机关事业单位, 国发〔2015〕2号). Its amounts never change (an adjustment is a new award); only its status
-- moves (active → suspended → active, or stopped), each move audited.
-- payroll_batch: one fund's payroll of one month, worked as a job (pension.payroll), signed off, funded by a transfer
-- request (用款申请, 财政专户 → 支出户), paid through the bank file, settled by the bank's result file.
-- payroll_line: one payee of a batch; its amount and reference never change, its status only through a recorded
-- event (payroll_line_event: sent in a bank file, paid, returned by the bank).
-- fund_transfer_request: 用款申请 from the 财政专户 to the 支出户 of the fund, decided by finance (kind fund.transfer).
-- Citus: awards, lines and events are distributed by person_id; batches and transfer requests are few (per fund
-- and month) and join on the fund code.

create table pension_award (
  person_id bigint not null references person (id),
  id bigint not null,
  region_code text not null,                           -- where the person is administered (their registry region)
  fund_code text not null,                             -- the fund paying it: pension-990000 or public_pension-990000
  scheme text not null check (scheme in ('enterprise', 'public')),
  awarded_on date not null,                            -- 退休日期: the award takes effect
  first_period text not null check (first_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),  -- first month paid
  basic_pension bigint not null check (basic_pension >= 0),              -- fen: 基础养老金
  account_pension bigint not null check (account_pension >= 0),          -- fen: 个人账户养老金
  transitional_pension bigint not null check (transitional_pension >= 0),-- fen: 过渡性养老金
  monthly_amount bigint not null check (monthly_amount > 0),
  bank_account text not null check (length(bank_account) between 8 and 40),  -- 社会保障卡金融账户 the pension is paid into
  quote jsonb not null,                                -- the quote's inputs and trace, as signed off
  status text not null default 'active' check (status in ('active', 'suspended', 'stopped')),
  status_reason text,
  status_changed_on date,
  approval_item_id bigint,                             -- null: loaded with the demo or migrated history
  awarded_by text not null,
  created_at timestamptz not null default now(),
  primary key (person_id, id),
  check (monthly_amount = basic_pension + account_pension + transitional_pension)
);
-- one live award per person (a stopped one may be followed by a new award)
create unique index pension_award_live on pension_award (person_id) where status <> 'stopped';
create index pension_award_fund on pension_award (fund_code, status, person_id);
create index pension_award_region on pension_award (region_code text_pattern_ops);

create table payroll_batch (
  id bigint primary key,
  fund_code text not null,
  region_code text not null,                           -- the fund's pooling region
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text not null default 'computing'
    check (status in ('computing', 'computed', 'submitted', 'signed_off', 'funded', 'bank_file_issued', 'settled')),
  payees integer not null default 0,
  total bigint not null default 0,                     -- fen
  job_id bigint not null,
  approval_item_id bigint,
  transfer_request_id bigint,
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (fund_code, period)
);
create index payroll_batch_period on payroll_batch (period, region_code);

create table payroll_line (
  person_id bigint not null references person (id),
  id bigint not null,
  batch_id bigint not null references payroll_batch (id),
  award_id bigint not null,
  region_code text not null,                           -- the fund's pooling region (the batch's)
  reference text not null,                             -- stable: YL<period><award id>, what the bank echoes back
  amount bigint not null check (amount > 0),
  status text not null default 'pending' check (status in ('pending', 'sent', 'paid', 'returned')),
  return_count integer not null default 0 check (return_count >= 0),
  reason text,                                         -- the bank's reason of the last return
  paid_on date,
  primary key (person_id, id),
  foreign key (person_id, award_id) references pension_award (person_id, id),
  check ((status = 'paid') = (paid_on is not null))
);
create unique index payroll_line_reference on payroll_line (reference);
create unique index payroll_line_award on payroll_line (batch_id, award_id);
create index payroll_line_batch on payroll_line (batch_id, status, reference);

-- What happened to a line: sent in a bank file, paid, returned (the line's status follows the last event).
create table payroll_line_event (
  person_id bigint not null,
  id bigint not null,
  line_id bigint not null,
  region_code text not null,
  event text not null check (event in ('sent', 'paid', 'returned')),
  happened_on date not null,
  reason text,
  import_id bigint,                                    -- the bank result file (import_file) that reported it
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (person_id, id),
  foreign key (person_id, line_id) references payroll_line (person_id, id)
);

create table fund_transfer_request (
  id bigint primary key,
  fund_code text not null,
  region_code text not null,
  amount bigint not null check (amount > 0),           -- fen, 财政专户 → 支出户
  purpose text not null,                               -- 用途: the payroll batch it funds
  batch_id bigint references payroll_batch (id),
  status text not null default 'pending' check (status in ('pending', 'approved')),
  approval_item_id bigint,
  entry_id bigint,                                     -- the posted transfer (accounting_entry.id)
  requested_by text not null,
  created_at timestamptz not null default now(),
  check ((status = 'approved') = (entry_id is not null))
);
create unique index fund_transfer_request_batch on fund_transfer_request (batch_id);

-- Money columns never change: an award's amounts, a line's amount and reference, a transfer's amount. Statuses move.
create or replace function reject_money_change() returns trigger language plpgsql as $$
declare
  changed boolean := false;
begin
  if tg_op = 'DELETE' then raise exception '% rows are never deleted', tg_table_name using errcode = 'P0001'; end if;
  -- one branch per table: a record's fields are resolved only for the table it belongs to
  if tg_table_name = 'pension_award' then
    changed := (new.person_id, new.id, new.fund_code, new.awarded_on, new.first_period, new.basic_pension, new.account_pension, new.transitional_pension,
      new.monthly_amount, new.quote) is distinct from (old.person_id, old.id, old.fund_code, old.awarded_on, old.first_period, old.basic_pension,
      old.account_pension, old.transitional_pension, old.monthly_amount, old.quote);
  elsif tg_table_name = 'payroll_line' then
    changed := (new.person_id, new.id, new.batch_id, new.award_id, new.reference, new.amount) is distinct from (old.person_id, old.id, old.batch_id, old.award_id, old.reference, old.amount);
  elsif tg_table_name = 'fund_transfer_request' then
    changed := (new.id, new.fund_code, new.amount, new.batch_id) is distinct from (old.id, old.fund_code, old.amount, old.batch_id);
  elsif tg_table_name = 'payroll_batch' then
    changed := old.status not in ('computing', 'computed') and (new.total, new.payees) is distinct from (old.total, old.payees);
  end if;
  if changed then raise exception '% amounts never change once written: a correction is a new record', tg_table_name using errcode = 'P0001'; end if;
  return new;
end $$;

do $$ declare t text; begin
  foreach t in array array['pension_award', 'payroll_batch', 'payroll_line', 'payroll_line_event', 'fund_transfer_request'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
  foreach t in array array['pension_award', 'payroll_batch', 'payroll_line', 'fund_transfer_request'] loop
    execute format('create trigger %I before update or delete on %I for each row execute function reject_money_change()', t || '_money', t);
  end loop;
end $$;
create trigger payroll_line_event_append_only before update or delete or truncate on payroll_line_event
  for each statement execute function reject_change();
