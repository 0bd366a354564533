-- 失业、工伤、生育待遇申领 (issue 12): a claim of a person for unemployment benefit, work injury benefits or maternity
-- benefits, with its input, the amounts the calculation granted and its trace; written when submitted (status
-- submitted, linked to its sign-off item benefit.claim), approved on the final level (经办、复核、审批).
-- An unemployment claim pays monthly from first_period to last_period (its months) unless stopped earlier: from the
-- month of a new employment or a pension's first month (the monthly run finds them), or by an operator with one of
-- the stop reasons of 失业保险条例 第十五条 (stop_period, stop_reason). Amounts in fen; amounts jsonb holds each item
-- ({item, frequency once|monthly, benefitType, amount}) with the monthly and one-off sums kept as columns.
-- benefit_claim_month: what the unemployment fund booked for a claimant's month (the medical contributions it pays,
-- 社会保险法 第四十八条), once per claim and month.
-- Citus: distributed by person_id.
create table benefit_claim (
  person_id bigint not null,
  id bigint not null,
  region_code text not null,
  kind text not null check (kind in ('unemployment', 'work_injury', 'maternity')),
  status text not null default 'submitted' check (status in ('submitted', 'approved', 'stopped')),
  paying_insurance text not null,                       -- the insurance whose fund pays (maternity: medical, or maternity before the merger)
  event_date date not null,                             -- separation, appraisal or death, childbirth
  input jsonb not null,
  amounts jsonb not null,
  trace jsonb not null,
  monthly_amount bigint not null check (monthly_amount >= 0),
  one_off_amount bigint not null check (one_off_amount >= 0),
  months integer check (months >= 0),                   -- unemployment: months granted (carry-over included)
  first_period text check (first_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  last_period text check (last_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  fund_code text,
  approval_item_id bigint not null,
  submitted_by text not null,
  approved_by text,
  approved_at timestamptz,
  stop_period text check (stop_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  stop_reason text,
  stopped_on date,
  stopped_by text,
  created_at timestamptz not null default now(),
  primary key (person_id, id),
  check ((status = 'stopped') = (stop_period is not null and stop_reason is not null)),
  check ((status = 'submitted') = (approved_by is null))
);
create index benefit_claim_kind_status on benefit_claim (kind, status, region_code text_pattern_ops);

create table benefit_claim_month (
  person_id bigint not null,
  claim_id bigint not null,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  region_code text not null,
  benefit_amount bigint not null check (benefit_amount >= 0),
  medical_contribution bigint not null check (medical_contribution >= 0),
  unemployment_entry_id bigint not null,
  medical_entry_id bigint not null,
  medical_fund_code text not null,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (person_id, claim_id, period),
  foreign key (person_id, claim_id) references benefit_claim (person_id, id)
);

do $$
declare t text;
begin
  foreach t in array array['benefit_claim', 'benefit_claim_month'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
  execute 'create trigger benefit_claim_month_append_only before update or delete or truncate on benefit_claim_month for each statement execute function reject_change()';
end $$;
