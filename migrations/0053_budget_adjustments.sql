-- Budget adjustment (issue 14, R7.3: 预算调整): a request to change lines of a region's latest approved budget version,
-- each line with its new amount and reason, and an overall explanation (调整说明). It goes through the sign-off engine
-- (kind budget.adjustment: 复核, 审批 — the same approvals as the budget, 社会保险经办条例 art. 39, 财社〔2017〕144号);
-- the final approval creates, in the same transaction, a new approved version of basis 'adjustment' that carries every
-- untouched line over and supersedes the one adjusted (the later approved version is the budget: approvedBudget).
--
-- submitted → returned (→ submitted again) | cancelled | approved (result_version_id set). Its lines are written once.
-- Every table carries region_code (the budget's region) under row-level security. Money in bigint fen.

alter table budget_version drop constraint budget_version_basis_check;
alter table budget_version add constraint budget_version_basis_check check (basis in ('model', 'aggregated', 'adjustment'));

create table budget_adjustment (
  id bigint primary key,
  region_code text not null references region (code),
  year smallint not null check (year between 2000 and 2100),
  version_id bigint not null references budget_version (id),         -- the approved version adjusted
  explanation text not null check (length(explanation) between 2 and 2000),  -- 调整说明
  status text not null default 'submitted' check (status in ('submitted', 'returned', 'cancelled', 'approved')),
  approval_item_id bigint not null,
  requested_by text not null,
  requested_by_id bigint,
  requested_at timestamptz not null default now(),
  result_version_id bigint references budget_version (id),            -- the version its approval created
  approved_by text,
  approved_at timestamptz,
  check ((status = 'approved') = (result_version_id is not null)),
  check ((status = 'approved') = (approved_at is not null and approved_by is not null))
);
create index budget_adjustment_budget on budget_adjustment (region_code, year);
create unique index budget_adjustment_item on budget_adjustment (approval_item_id);
create unique index budget_adjustment_result on budget_adjustment (result_version_id) where result_version_id is not null;

-- A line the request changes: its amount in the version adjusted (null: a line of the subject chart the version lacks)
-- and the amount asked for, with the reason.
create table budget_adjustment_line (
  adjustment_id bigint not null references budget_adjustment (id),
  fund text not null,
  side text not null check (side in ('income', 'expense')),
  subject text not null check (subject ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)?$'),
  region_code text not null,
  name text not null,
  from_amount bigint check (from_amount >= 0),
  to_amount bigint not null check (to_amount >= 0),
  reason text not null check (length(reason) between 2 and 500),
  primary key (adjustment_id, fund, side, subject),
  check (from_amount is distinct from to_amount)
);

create trigger budget_adjustment_line_append_only before update or delete on budget_adjustment_line
  for each statement execute function reject_change();
do $$
declare t text;
begin
  foreach t in array array['budget_adjustment', 'budget_adjustment_line'] loop
    execute format('create trigger %I before truncate on %I for each statement execute function reject_change()', t || '_no_truncate', t);
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
end $$;
