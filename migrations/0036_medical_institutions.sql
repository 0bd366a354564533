-- Designated medical institutions under total budget control (总额预算管理, issue 12 R4.3/R4.6): the institutions, their
-- annual quotas (年度总额指标), the monthly settlement data they send (月度结算数据), the monthly pre-allocation
-- (月度预拨) and the year-end settlement (年终清算).
--
-- medical_institution: 定点医药机构 (a hospital by level, or a pharmacy) in a region, settled by the medical fund of
--   its pooling region (pooling_region_code: the fund is medical-<pooling_region_code>).
-- medical_quota: an institution's annual quota and the reserve share kept back from the monthly pre-allocation
--   (entered, imported, or from the budget); append-only, the latest row of an (institution, year) is in force.
-- medical_monthly_settlement: the monthly settlement data as imported, one row per file row (cases of a DIP group at
--   their cost, or the part outside DIP with no group); an institution's month comes from one import only.
-- medical_prepayment_run / medical_prepayment: the pre-allocation of a pooling region's month (a job), signed off
--   (kind medical.prepayment), funded from the 财政专户 and paid; one line per institution, amounts never change.
-- medical_year_end_run / medical_year_end_settlement: the year-end settlement of a pooling region's year from the stored
--   quotas, actuals and prepayments, signed off (kind medical.year_end), then paid or recovered; amounts never change.
-- Citus: every table is small (hundreds of institutions per region) and joins on the institution: distributed by
--   institution_id where it has one, the runs as reference-sized tables keyed by (region, month|year).

create table medical_institution (
  id bigint primary key,
  code text not null unique check (code ~ '^[A-Za-z0-9]{1,40}$'),           -- 定点医药机构编码
  name text not null check (length(name) between 2 and 100),
  region_code text not null references region (code),
  pooling_region_code text not null references region (code),             -- the medical pooling region whose fund settles it
  kind text not null check (kind in ('hospital_3', 'hospital_2', 'hospital_1', 'pharmacy')),  -- 三级/二级/一级医院、定点药店
  bank_account text not null check (length(bank_account) between 8 and 40),
  status text not null default 'active' check (status in ('active', 'suspended', 'terminated')),
  created_by text not null,
  created_at timestamptz not null default now()
);
create index medical_institution_region on medical_institution (region_code text_pattern_ops);

create table medical_quota (
  institution_id bigint not null references medical_institution (id),
  id bigint not null,
  region_code text not null,
  year integer not null check (year between 2000 and 2100),
  annual_quota bigint not null check (annual_quota > 0),                   -- fen: 年度总额指标
  reserve_share numeric(6, 4) not null check (reserve_share >= 0 and reserve_share < 1),  -- 预留比例 (质量保证金、调节金)
  source text not null check (source in ('entered', 'imported', 'budget')),
  import_id bigint,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (institution_id, id)
);
create index medical_quota_year on medical_quota (year, institution_id, id desc);

create table medical_monthly_settlement (
  institution_id bigint not null references medical_institution (id),
  month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  line integer not null,                                                   -- the row of the file it came from
  region_code text not null,
  dip_group text,                                                          -- 病种组合 code; null: the part outside DIP (门诊、药店)
  cases integer not null check (cases >= 0),                               -- 出院病例数 of the group
  cost bigint not null check (cost >= 0),                                  -- fen: the cost of those cases
  visits integer not null check (visits >= 0),                             -- 就诊人次
  patients integer not null check (patients >= 0 and patients <= visits),  -- 就诊人数
  inpatient_days integer not null check (inpatient_days >= 0),             -- 住院床日
  total_cost bigint not null check (total_cost >= 0),                      -- fen: 医疗总费用
  fund_payable bigint not null check (fund_payable >= 0 and fund_payable <= total_cost),  -- fen: 统筹基金支付
  import_id bigint not null,
  primary key (institution_id, month, line),
  check (dip_group is not null or (cases = 0 and cost = 0))   -- cases and their cost belong to a group
);
create index medical_monthly_settlement_month on medical_monthly_settlement (month, institution_id);

create table medical_prepayment_run (
  id bigint primary key,
  region_code text not null,                                               -- the pooling region
  fund_code text not null,
  month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text not null default 'computing' check (status in ('computing', 'submitted', 'approved', 'paid')),
  institutions integer not null default 0,
  total bigint not null default 0,                                         -- fen
  job_id bigint not null,
  approval_item_id bigint,
  transfer_entry_id bigint,                                                -- 用款: 财政专户 → 支出户, posted on approval
  payment_entry_id bigint,                                                 -- Dr 医疗待遇支出 / Cr 支出户, posted on the day paid
  paid_on date,
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (region_code, month),
  check ((status = 'paid') = (paid_on is not null))
);

create table medical_prepayment (
  institution_id bigint not null references medical_institution (id),
  month text not null,
  run_id bigint not null references medical_prepayment_run (id),
  region_code text not null,
  quota_id bigint not null,
  annual_quota bigint not null,
  reserve_share numeric(6, 4) not null,
  amount bigint not null check (amount > 0),                               -- fen: quota × (1 − reserve) ÷ 12
  primary key (institution_id, month)
);
create index medical_prepayment_of_run on medical_prepayment (run_id);

create table medical_year_end_run (
  id bigint primary key,
  region_code text not null,
  fund_code text not null,
  year integer not null,
  status text not null default 'submitted' check (status in ('submitted', 'approved', 'paid')),
  rules jsonb not null,                                                    -- the rule set applied, with its reference
  approval_item_id bigint,
  transfer_entry_id bigint,
  paid_on date,
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (region_code, year),
  check ((status = 'paid') = (paid_on is not null))
);

create table medical_year_end_settlement (
  institution_id bigint not null references medical_institution (id),
  year integer not null,
  run_id bigint not null references medical_year_end_run (id),
  region_code text not null,
  quota bigint not null,
  actual bigint not null,                                                  -- Σ fund-payable of the year's monthly data
  prepaid bigint not null,                                                 -- Σ prepayments paid for the year
  allowed bigint not null,
  saving_reward bigint not null,
  overrun_paid bigint not null,
  settlement bigint not null,                                              -- allowed − prepaid: + paid, − recovered
  status text not null default 'pending' check (status in ('pending', 'paid', 'recovery_open', 'recovered', 'settled')),
  entry_id bigint,                                                         -- the payment, or the receivable booked
  repaid_on date,
  repayment_entry_id bigint,
  primary key (institution_id, year),
  check (settlement = allowed - prepaid)
);
create index medical_year_end_settlement_run on medical_year_end_settlement (run_id);

-- Money never changes once written: quotas and monthly data are append-only; prepayment and settlement amounts are
-- fixed (only statuses and the entries that booked them move).
create or replace function reject_medical_money_change() returns trigger language plpgsql as $$
declare
  changed boolean := false;
begin
  if tg_op = 'DELETE' then raise exception '% rows are never deleted', tg_table_name using errcode = 'P0001'; end if;
  if tg_table_name = 'medical_prepayment_run' then
    changed := old.status <> 'computing' and (new.total, new.institutions, new.month, new.region_code) is distinct from (old.total, old.institutions, old.month, old.region_code);
  elsif tg_table_name = 'medical_year_end_settlement' then
    changed := (new.institution_id, new.year, new.quota, new.actual, new.prepaid, new.allowed, new.settlement)
      is distinct from (old.institution_id, old.year, old.quota, old.actual, old.prepaid, old.allowed, old.settlement);
  end if;
  if changed then raise exception '% amounts never change once written: a correction is a new record', tg_table_name using errcode = 'P0001'; end if;
  return new;
end $$;

do $$ declare t text; begin
  foreach t in array array['medical_institution', 'medical_quota', 'medical_monthly_settlement', 'medical_prepayment_run', 'medical_prepayment',
                           'medical_year_end_run', 'medical_year_end_settlement'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
  foreach t in array array['medical_quota', 'medical_monthly_settlement', 'medical_prepayment'] loop
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
  end loop;
  foreach t in array array['medical_prepayment_run', 'medical_year_end_settlement'] loop
    execute format('create trigger %I before update or delete on %I for each row execute function reject_medical_money_change()', t || '_money', t);
  end loop;
end $$;
