-- Budget versions (issue 13, R6.3: 预算编制、审核、批复、汇总): a region's budget for a year as numbered versions —
-- drafted from the forecasting model or aggregated from the approved versions of the regions below — each with its
-- fund tables, lines, reviewers' comments per line and performance targets (绩效目标, 财社〔2022〕65号).
--
-- drafted → submitted (sign-off kind budget.version: 复核, 审批) → returned (comments per line; adjusted, resubmitted)
-- or approved. An approved version is the budget as approved (批复): the database refuses any change to it, its
-- tables, lines and targets (like the ledger's append-only guard); a later change is an adjustment (调整, the
-- execution issue), never an edit.
--
-- Every table carries region_code (the version's region) and row-level security limits a scoped session to its
-- region subtree. Money in bigint fen. Nothing here is newer than PostgreSQL 15.

create table budget_version (
  id bigint primary key,
  region_code text not null references region (code),
  year smallint not null check (year between 2000 and 2100),
  number integer not null check (number >= 1),                   -- 1, 2, … per region and year
  status text not null default 'drafted' check (status in ('drafted', 'submitted', 'returned', 'approved')),
  basis text not null check (basis in ('model', 'aggregated')),   -- drafted from the model, or Σ of the regions below
  chart_year smallint,                                            -- the budget subject chart the lines follow
  last_actual_month text check (last_actual_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  sources jsonb,                                                  -- aggregated: the versions summed, the regions missing
  submissions integer not null default 0,                         -- times submitted (comments name the round)
  created_by text not null,
  created_by_id bigint,
  created_at timestamptz not null default now(),
  approval_item_id bigint,
  approved_at timestamptz,
  approved_by text,
  unique (region_code, year, number),
  check ((status = 'approved') = (approved_at is not null)),
  check (status = 'drafted' or approval_item_id is not null),
  check ((basis = 'model') = (last_actual_month is not null)),
  check ((basis = 'aggregated') = (sources is not null))
);
create index budget_version_item on budget_version (approval_item_id) where approval_item_id is not null;

-- One fund table of a version (社预02–08): its totals kept beside its lines, so that the identities can be checked
-- before submission (财社〔2017〕144号: 本年收支结余 = 收入 − 支出; 年末滚存结余 = 上年滚存结余 + 本年收支结余).
-- In an aggregated version a table sums a scheme's funds below the region and is named <scheme>-<region>.
create table budget_version_table (
  version_id bigint not null references budget_version (id),
  fund text not null check (fund ~ '^[a-z][a-z_]*-[0-9]{6}$'),
  region_code text not null,
  scheme text not null,
  table_code text not null check (table_code ~ '^社预0[2-9]$'),
  table_name text not null,
  total_income bigint not null,
  total_expense bigint not null,
  balance bigint not null,
  previous_accumulated_balance bigint not null,
  accumulated_balance bigint not null,
  primary key (version_id, fund),
  unique (version_id, scheme)
);

-- A budget line: an income or expense line of a fund table, or (parent_subject set) one of its 其中 rows. The drafted
-- amount stays beside the amount; an adjusted line carries its reason and who adjusted it.
create table budget_line (
  version_id bigint not null,
  fund text not null,
  side text not null check (side in ('income', 'expense')),
  subject text not null check (subject ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)?$'),
  parent_subject text,
  line_number smallint not null,                                  -- the order of the standard layout
  region_code text not null,
  name text not null,
  amount bigint not null check (amount >= 0),
  drafted_amount bigint not null check (drafted_amount >= 0),
  forecast jsonb,                                                 -- the model and its backtest errors beside naive's
  reason text check (length(reason) between 2 and 500),
  adjusted_by text,
  adjusted_at timestamptz,
  primary key (version_id, fund, side, subject),
  foreign key (version_id, fund) references budget_version_table (version_id, fund),
  foreign key (version_id, fund, side, parent_subject) references budget_line (version_id, fund, side, subject),
  check ((reason is null) = (adjusted_by is null) and (adjusted_by is null) = (adjusted_at is null))
);

-- A reviewer's comment on a line of a submitted version (kept when the version is returned, shown to the drafter).
create table budget_line_comment (
  version_id bigint not null,
  id bigint not null,
  fund text not null,
  side text not null,
  subject text not null,
  region_code text not null,
  submission integer not null,                                    -- the round it was written in
  comment text not null check (length(comment) between 1 and 1000),
  commented_by text not null,
  commented_by_id bigint,
  created_at timestamptz not null default now(),
  primary key (version_id, id),
  foreign key (version_id, fund, side, subject) references budget_line (version_id, fund, side, subject)
);

-- Performance targets (绩效目标, 财社〔2022〕65号: 决策, 过程, 产出, 效益) per fund table of a version.
create table budget_target (
  version_id bigint not null,
  fund text not null,
  indicator text not null check (indicator ~ '^[a-z][a-z_]*$'),
  region_code text not null,
  dimension text not null check (dimension in ('decision', 'process', 'output', 'effect')),
  name text not null,
  unit text not null,
  comparison text not null check (comparison in ('at_least', 'at_most')),
  target_value numeric(12, 2) not null,
  reason text check (length(reason) between 2 and 500),
  primary key (version_id, fund, indicator),
  foreign key (version_id, fund) references budget_version_table (version_id, fund)
);

-- An approved version is immutable: the version row itself, and no table, line or target of it is added, changed or
-- removed. Comments stay as written (no update or delete at all). Nothing is ever truncated.
create function reject_approved_budget_change() returns trigger language plpgsql as $$
declare
  v_version bigint;
begin
  if tg_table_name = 'budget_version' then
    if old.status = 'approved' then
      raise exception 'budget version % is approved: % is not allowed (a change is an adjustment)', old.id, tg_op using errcode = '42501';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  v_version := case when tg_op = 'INSERT' then new.version_id else old.version_id end;
  if exists (select 1 from budget_version where id = v_version and status = 'approved')
     or (tg_op = 'UPDATE' and exists (select 1 from budget_version where id = new.version_id and status = 'approved')) then
    raise exception 'budget version % is approved: % on % is not allowed (a change is an adjustment)', v_version, tg_op, tg_table_name using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger budget_version_approved before update or delete on budget_version
  for each row execute function reject_approved_budget_change();
do $$
declare t text;
begin
  foreach t in array array['budget_version_table', 'budget_line', 'budget_target'] loop
    execute format('create trigger %I before insert or update or delete on %I for each row execute function reject_approved_budget_change()', t || '_approved', t);
  end loop;
  foreach t in array array['budget_version', 'budget_version_table', 'budget_line', 'budget_line_comment', 'budget_target'] loop
    execute format('create trigger %I before truncate on %I for each statement execute function reject_change()', t || '_no_truncate', t);
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
end $$;

create trigger budget_line_comment_append_only before update or delete on budget_line_comment
  for each statement execute function reject_change();
