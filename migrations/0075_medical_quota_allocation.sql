-- 总额预算指标分配 (issue 13 R6.4): the annual quotas of a medical pooling region's designated institutions allocated
-- from the approved budget of its employee medical fund (src/modules/medical/quotas/). An allocation is proposed with
-- its lines, signed off (medical.quota_allocation), and on its final approval writes each institution's quota
-- (medical_quota, source 'budget', naming the allocation). Amounts never change once written; only the status and
-- the approval item move.
create table medical_quota_allocation (
  id bigint primary key,
  region_code text not null,                                                -- the medical pooling region
  fund_code text not null,
  year integer not null check (year between 2000 and 2100),
  budget_version_id bigint not null references budget_version (id),         -- the approved version allocated
  status text not null default 'submitted' check (status in ('submitted', 'returned', 'approved', 'cancelled')),
  inpatient_budget bigint not null check (inpatient_budget >= 0),           -- fen: 住院医疗费用 of the version
  inpatient_reserve bigint not null check (inpatient_reserve >= 0),         -- fen: the adjustment reserve kept back from it
  outpatient_budget bigint not null check (outpatient_budget >= 0),         -- fen: 门诊医疗费用 of the version
  outpatient_reserve bigint not null check (outpatient_reserve >= 0),
  total bigint not null check (total >= 0),                                 -- fen: Σ the lines' quotas
  basis_from text,                                                          -- the settled months the basis reads (null: none)
  basis_to text,
  rules jsonb not null,                                                     -- the parameters applied, each with its version
  approval_item_id bigint,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index medical_quota_allocation_year on medical_quota_allocation (region_code, year, created_at desc);

create table medical_quota_allocation_line (
  allocation_id bigint not null references medical_quota_allocation (id),
  institution_id bigint not null references medical_institution (id),
  region_code text not null,
  budget_line text not null check (budget_line in ('inpatient', 'outpatient')),
  basis bigint not null check (basis >= 0),                                 -- fen: the institution's historical basis
  basis_source text not null check (basis_source in ('settled', 'previous_quota', 'none')),
  basis_months integer not null check (basis_months between 0 and 12),      -- settled months read (annualised when fewer than 12)
  level_factor numeric(8, 4) not null check (level_factor >= 0),
  proposed bigint not null check (proposed >= 0),                           -- fen: by the basis and the factor
  quota bigint not null check (quota >= 0),                                 -- fen: as submitted (set by hand when reason is given)
  reserve_share numeric(6, 4) not null check (reserve_share >= 0 and reserve_share < 1),
  reason text check (reason is null or length(reason) between 2 and 500),
  primary key (allocation_id, institution_id)
);

alter table medical_quota add column allocation_id bigint references medical_quota_allocation (id);

create function reject_quota_allocation_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then raise exception 'medical_quota_allocation rows are never deleted' using errcode = 'P0001'; end if;
  if (new.region_code, new.fund_code, new.year, new.budget_version_id, new.inpatient_budget, new.inpatient_reserve, new.outpatient_budget,
      new.outpatient_reserve, new.total, new.rules, new.created_by) is distinct from (old.region_code, old.fund_code, old.year, old.budget_version_id,
      old.inpatient_budget, old.inpatient_reserve, old.outpatient_budget, old.outpatient_reserve, old.total, old.rules, old.created_by) then
    raise exception 'medical_quota_allocation amounts never change once written: allocate again' using errcode = 'P0001';
  end if;
  return new;
end $$;
create trigger medical_quota_allocation_amounts before update or delete on medical_quota_allocation for each row execute function reject_quota_allocation_change();
create trigger medical_quota_allocation_line_append_only before update or delete or truncate on medical_quota_allocation_line for each statement execute function reject_change();

do $$ declare t text; begin
  foreach t in array array['medical_quota_allocation', 'medical_quota_allocation_line'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
end $$;
