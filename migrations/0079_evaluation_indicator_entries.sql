-- 绩效考核指标录入 (issue 15 R9.5: "leaves computed from the system … or entered with evidence"): the value of an
-- indicator the system does not measure (a rectification rate, an internal-control review score), entered for a
-- region and year with the evidence it rests on. Append-only: a correction is a later entry, and the evaluation reads
-- the latest entry of each region, year and indicator, so every value a ranking was ever computed on stays readable.
create table evaluation_indicator_entry (
  id bigint primary key,
  year integer not null check (year between 2000 and 2100),
  region_code text not null references region (code),     -- the county or city evaluated
  indicator text not null check (indicator ~ '^[a-z][a-z0-9_]*$'),  -- an entered leaf of the indicator tree
  value numeric(12, 4) not null,
  evidence text not null check (length(evidence) between 4 and 500),
  entered_by text not null,
  entered_at timestamptz not null default now()
);
create index evaluation_indicator_entry_latest on evaluation_indicator_entry (year, region_code, indicator, entered_at desc, id desc);

alter table evaluation_indicator_entry enable row level security;
create policy evaluation_indicator_entry_scope on evaluation_indicator_entry using (in_scope(region_code)) with check (in_scope(region_code));

create trigger evaluation_indicator_entry_append_only before update or delete or truncate on evaluation_indicator_entry
  for each statement execute function reject_change();
