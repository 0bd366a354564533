-- 精算情景 of one's own (issue 13 R8.3: "scenarios are named sets of assumption overrides, saved, compared side by side"):
-- a pension pool's saved scenarios beside the built-in ones (src/modules/budget/projection/projection.scenarios.ts).
-- A scenario is never edited — a different set of assumptions is another scenario — and it is archived, not deleted,
-- so a projection quoted in a paper can always be run again under the name it was quoted with.
create table budget_projection_scenario (
  id bigint primary key,
  region_code text not null,                         -- the pension pooling region whose fund it projects
  name text not null check (name ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  label text not null check (length(label) between 2 and 60),
  overrides jsonb not null,                          -- {retirementAges?, wageGrowth?, pensionIndexation?, collectionRate?, interestRate?, fiscalSubsidyRule?, fiscalSubsidyShare?}
  note text check (note is null or length(note) <= 500),
  status text not null default 'active' check (status in ('active', 'archived')),
  created_by text not null,
  created_at timestamptz not null default now(),
  archived_by text,
  archived_at timestamptz,
  check ((status = 'archived') = (archived_by is not null and archived_at is not null))
);
create unique index budget_projection_scenario_name on budget_projection_scenario (region_code, name);

alter table budget_projection_scenario enable row level security;
create policy budget_projection_scenario_scope on budget_projection_scenario using (in_scope(region_code)) with check (in_scope(region_code));

create or replace function reject_scenario_edit() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then raise exception 'projection scenarios are never deleted: archive them' using errcode = 'P0001'; end if;
  if (new.id, new.region_code, new.name, new.label, new.overrides, new.note, new.created_by, new.created_at)
     is distinct from (old.id, old.region_code, old.name, old.label, old.overrides, old.note, old.created_by, old.created_at) then
    raise exception 'a projection scenario is never edited: save another one' using errcode = 'P0001';
  end if;
  return new;
end $$;
create trigger budget_projection_scenario_fixed before update or delete on budget_projection_scenario
  for each row execute function reject_scenario_edit();
