-- Monthly allocation plans (分月用款计划, issue 14 R7.4; 财政部《预算管理一体化规范》2020: an indicator is allocated to
-- the months by a use-of-funds plan; 按月预拨 as domain.md names the practice): per approved budget version and fund,
-- each expense line split into 12 monthly amounts that sum exactly to the line's amount in that version.
--
-- A plan is written once, by the final approval of its sign-off item (kind execution.allocation_plan); a proposal waits
-- in the sign-off engine's item until then. A later plan of the same version and fund supersedes the earlier one
-- (supersedes_id): nothing is ever edited. Every table carries region_code (the budget's region) under row-level
-- security. Money in bigint fen.
create table allocation_plan (
  id bigint primary key,
  region_code text not null references region (code),
  year smallint not null check (year between 2000 and 2100),
  version_id bigint not null references budget_version (id),
  fund text not null,
  method text not null check (method in ('even', 'seasonal', 'manual')),
  supersedes_id bigint references allocation_plan (id),
  approval_item_id bigint not null,
  proposed_by text not null,
  approved_by text not null,
  approved_at timestamptz not null default now()
);
create index allocation_plan_budget on allocation_plan (region_code, year, fund);
create unique index allocation_plan_item on allocation_plan (approval_item_id);
create unique index allocation_plan_supersedes on allocation_plan (supersedes_id) where supersedes_id is not null;

-- One expense line of a plan: its amount in the version, how it was split (a seasonal line without movement in the
-- basis year is split evenly: split = 'even', basis_year null) and the year whose ledger gave the seasonal shares.
create table allocation_plan_line (
  plan_id bigint not null references allocation_plan (id),
  subject text not null check (subject ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)?$'),
  region_code text not null,
  name text not null,
  amount bigint not null check (amount >= 0),
  split text not null check (split in ('even', 'seasonal', 'manual')),
  basis_year smallint,
  primary key (plan_id, subject),
  check ((split = 'seasonal') = (basis_year is not null))
);

create table allocation_plan_month (
  plan_id bigint not null,
  subject text not null,
  month smallint not null check (month between 1 and 12),
  region_code text not null,
  amount bigint not null check (amount >= 0),
  primary key (plan_id, subject, month),
  foreign key (plan_id, subject) references allocation_plan_line (plan_id, subject)
);

do $$
declare t text;
begin
  foreach t in array array['allocation_plan', 'allocation_plan_line', 'allocation_plan_month'] loop
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
end $$;
