-- Work-injury monthly benefits (issue 12): 伤残津贴, 生活护理费 and 供养亲属抚恤金 of an approved work-injury claim are
-- paid month by month by the claims' monthly run, from the claim's first_period (its start month; last_period stays
-- null: they run until a stop), each month's amount worked out from the claim's input and the month's stops
-- (src/modules/benefits/claims/work-injury.calc.ts workInjuryMonth).
--
-- benefit_claim_part_stop: an operator stops one monthly part of a claim (`disability_allowance`, `nursing_allowance`,
-- `dependant_pension[i]` — a dependant who no longer qualifies, 工伤保险条例 第三十九条) from a month, with the reason;
-- a stop of the whole claim is the claim's own stop_period and stop_reason (status stopped). The automatic stops are
-- not written: the statutory retirement month (statutory_retirement_month, 0022) and the month after a death on
-- record (death_record, 0037) are read at each run.
--
-- work_injury_month: what the run ordered for a claim's month (the parts and their sum; the payment orders carry the
-- money), once per claim and month: a second run of the month finds it and orders nothing.
-- Citus: distributed by person_id, beside benefit_claim.
create table benefit_claim_part_stop (
  person_id bigint not null,
  claim_id bigint not null,
  part text not null check (part ~ '^(disability_allowance|nursing_allowance|dependant_pension\[[0-9]+\])$'),
  region_code text not null,
  stop_period text not null check (stop_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  reason text not null check (length(reason) between 1 and 500),
  stopped_on date not null,
  stopped_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (person_id, claim_id, part),
  foreign key (person_id, claim_id) references benefit_claim (person_id, id)
);

create table work_injury_month (
  person_id bigint not null,
  claim_id bigint not null,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  region_code text not null,
  amount bigint not null check (amount >= 0),          -- fen: the parts' sum
  parts jsonb not null,                                -- [{part, item, amount (yuan)}]
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (person_id, claim_id, period),
  foreign key (person_id, claim_id) references benefit_claim (person_id, id)
);

do $$
declare t text;
begin
  foreach t in array array['benefit_claim_part_stop', 'work_injury_month'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
  end loop;
end $$;

-- the approved work-injury claims the monthly run reads
create index benefit_claim_work_injury_monthly on benefit_claim (person_id, id) where kind = 'work_injury' and first_period is not null;
