-- Pension awards after the award (issue 12): the dated events of an award, its dated amount changes (养老金调整),
-- the death registry (死亡信息比对) with the overpayments it opens (待遇追回) and the survivors' entitlements
-- (丧葬补助金、抚恤金, 社会保险法 第十七条), and the annual adjustment runs.
--
-- pension_award.contribution_months: N of the quote in months (contribution + deemed), what the years-based part of
-- an adjustment counts; null for awards written before it was kept.
-- pension_award_event: what happened to an award and from which month (suspended on a death, amount changed by an
-- adjustment); append-only, the award's status follows.
-- pension_award_amount: an award's monthly amount from a month on; the award's own amount holds until the first one.
-- The amount a month pays is pension_amount_in(person, award, period); nothing is ever edited.
-- death_record: one per person, from the death registry import that reported it.
-- benefit_overpayment: months paid after death (or another cause), tracked until recovered by refund, instalments or
-- offset (社会保险经办条例 第四十六条); its recoveries are append-only rows, its status moves open → recovered.
-- survivor_entitlement: what the survivors are owed on a death; paid through the payroll path later.
-- pension_adjustment_run / _line: one run per region and year, previewed per award, signed off (pension.adjustment),
-- applied as pension_award_amount rows from its month.
-- Citus: every table but the run is distributed by person_id; runs are few (per region and year).

alter table pension_award add column contribution_months integer check (contribution_months >= 0);

create table pension_award_event (
  person_id bigint not null,
  id bigint not null,
  award_id bigint not null,
  region_code text not null,
  event text not null check (event in ('suspended', 'resumed', 'stopped', 'amount_changed')),
  effective_period text not null check (effective_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  happened_on date not null,
  reason text not null,
  source_type text not null,                           -- death_record, pension_adjustment_run, payroll_line
  source_id bigint,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (person_id, id),
  foreign key (person_id, award_id) references pension_award (person_id, id)
);
create index pension_award_event_award on pension_award_event (person_id, award_id, effective_period);

create table pension_adjustment_run (
  id bigint primary key,
  region_code text not null,                           -- the region whose awards it raises (their registry region below it)
  year smallint not null check (year between 2000 and 2100),
  effective_period text not null check (effective_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text not null default 'submitted' check (status in ('submitted', 'applied')),
  rules jsonb not null,                                -- the parameters used, each with its reference
  awards integer not null,
  total_before bigint not null,                        -- fen: monthly total of the awards before
  total_increase bigint not null,                      -- fen: monthly total of the increases
  approval_item_id bigint,
  submitted_by text not null,
  applied_at timestamptz,
  created_at timestamptz not null default now(),
  unique (region_code, year)
);

create table pension_adjustment_line (
  person_id bigint not null,
  id bigint not null,
  run_id bigint not null references pension_adjustment_run (id),
  award_id bigint not null,
  region_code text not null,
  amount_before bigint not null,
  increase bigint not null check (increase >= 0),
  parts jsonb not null,                                -- fixed, years, level, age tilt (fen) and the age and years counted
  primary key (person_id, id),
  unique (run_id, person_id, award_id),
  foreign key (person_id, award_id) references pension_award (person_id, id)
);

create table pension_award_amount (
  person_id bigint not null,
  id bigint not null,
  award_id bigint not null,
  region_code text not null,
  effective_period text not null check (effective_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  monthly_amount bigint not null check (monthly_amount > 0),
  increase bigint not null,
  adjustment_run_id bigint not null references pension_adjustment_run (id),
  created_at timestamptz not null default now(),
  primary key (person_id, id),
  unique (person_id, award_id, effective_period),
  foreign key (person_id, award_id) references pension_award (person_id, id)
);

-- The monthly amount of an award in a month: the latest dated change in force, else the award's own amount.
create function pension_amount_in(p_person_id bigint, p_award_id bigint, p_period text) returns bigint language sql stable as $$
  select coalesce(
    (select c.monthly_amount from pension_award_amount c where c.person_id = p_person_id and c.award_id = p_award_id and c.effective_period <= p_period
      order by c.effective_period desc limit 1),
    (select a.monthly_amount from pension_award a where a.person_id = p_person_id and a.id = p_award_id))
$$;

create table death_record (
  person_id bigint not null references person (id),
  id bigint not null,
  region_code text not null,
  date_of_death date not null,
  import_id bigint not null,                           -- the death registry file (import_file) that reported it
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (person_id, id)
);
create unique index death_record_person on death_record (person_id);

create table benefit_overpayment (
  person_id bigint not null references person (id),
  id bigint not null,
  region_code text not null,
  award_id bigint not null,
  cause text not null check (cause in ('death')),
  death_record_id bigint,
  periods text[] not null,                             -- the months paid that were not owed
  amount bigint not null check (amount > 0),           -- fen
  status text not null default 'open' check (status in ('open', 'recovered')),
  created_at timestamptz not null default now(),
  primary key (person_id, id),
  foreign key (person_id, award_id) references pension_award (person_id, id)
);

create table benefit_overpayment_recovery (
  person_id bigint not null,
  id bigint not null,
  overpayment_id bigint not null,
  region_code text not null,
  method text not null check (method in ('refund', 'instalment', 'offset')),
  amount bigint not null check (amount > 0),
  recovered_on date not null,
  reference text not null,                             -- the bank slip, the instalment's number or the payroll it was offset against
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (person_id, id),
  foreign key (person_id, overpayment_id) references benefit_overpayment (person_id, id)
);

create table survivor_entitlement (
  person_id bigint not null references person (id),   -- the deceased
  id bigint not null,
  region_code text not null,
  award_id bigint not null,
  death_record_id bigint not null,
  kind text not null check (kind in ('funeral_grant', 'survivor_pension')),
  amount bigint not null check (amount >= 0),
  basis jsonb not null,                                -- the parameter, its reference and the figures it was worked from
  status text not null default 'pending' check (status in ('pending', 'paid')),
  created_at timestamptz not null default now(),
  primary key (person_id, id),
  unique (person_id, death_record_id, kind),
  foreign key (person_id, award_id) references pension_award (person_id, id)
);

-- Amounts never change: a correction is a new record. Statuses move.
create function reject_benefit_amount_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then raise exception '% rows are never deleted', tg_table_name using errcode = 'P0001'; end if;
  if tg_table_name = 'benefit_overpayment' and (new.person_id, new.id, new.award_id, new.periods, new.amount) is distinct from (old.person_id, old.id, old.award_id, old.periods, old.amount)
    or tg_table_name = 'survivor_entitlement' and (new.person_id, new.id, new.kind, new.amount) is distinct from (old.person_id, old.id, old.kind, old.amount)
    or tg_table_name = 'pension_adjustment_run' and (new.id, new.region_code, new.year, new.total_increase, new.awards) is distinct from (old.id, old.region_code, old.year, old.total_increase, old.awards) then
    raise exception '% amounts never change once written: a correction is a new record', tg_table_name using errcode = 'P0001';
  end if;
  return new;
end $$;

do $$ declare t text; begin
  foreach t in array array['pension_award_event', 'pension_award_amount', 'pension_adjustment_run', 'pension_adjustment_line', 'death_record',
                           'benefit_overpayment', 'benefit_overpayment_recovery', 'survivor_entitlement'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
  foreach t in array array['pension_award_event', 'pension_award_amount', 'pension_adjustment_line', 'death_record', 'benefit_overpayment_recovery'] loop
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
  end loop;
  foreach t in array array['benefit_overpayment', 'survivor_entitlement', 'pension_adjustment_run'] loop
    execute format('create trigger %I before update or delete on %I for each row execute function reject_benefit_amount_change()', t || '_amounts', t);
  end loop;
end $$;
