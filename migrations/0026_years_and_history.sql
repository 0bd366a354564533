-- Years and history (issue 11): a year whose interest has run is closed to new account entries (a back-payment is
-- credited in the first open year and earns its missed interest there as 补记利息), and the employer facts billing
-- reads (type, region, work-injury class and floating factor) are dated, so a past period is billed on its own facts.

-- 补记利息 (back interest): the interest a back-payment into a closed year missed, credited by the next interest run
-- as a line of its own (accounts.service.ts). One per person, year and contribution period.
alter table individual_account_entry drop constraint individual_account_entry_kind_check;
alter table individual_account_entry add constraint individual_account_entry_kind_check
  check (kind in ('contribution', 'interest', 'back_interest', 'opening', 'transfer_in', 'transfer_out'));
create unique index individual_account_back_interest on individual_account_entry (person_id, year, period) where kind = 'back_interest';

-- What a run credited as 补记利息, beside its own interest (amount).
alter table interest_run add column back_interest bigint not null default 0;

-- An issued statement is never rewritten (人社部发〔2017〕31号: the account is credited once a year at the year's
-- rate): an entry dated in a year whose interest has run — or an earlier one — is dated in the first year after the
-- last run instead; its period still names the month it pays for. Every writer (payments, reversals, reassessments)
-- keeps this without knowing it; interest and 补记利息 are written by the run itself.
create function individual_account_open_year() returns trigger language plpgsql as $$
declare
  last_closed smallint;
begin
  if new.kind in ('interest', 'back_interest') then return new; end if;
  -- held until commit; a run takes it exclusively (accounts.repository.ts lockInterestRun), so an entry is either
  -- seen by the run or written after it, into the next year
  perform pg_advisory_xact_lock_shared(hashtext('interest_run'), 0);
  select max(year) into last_closed from interest_run;
  if last_closed is not null and new.year <= last_closed then new.year := last_closed + 1; end if;
  return new;
end $$;
create trigger individual_account_entry_open_year before insert on individual_account_entry
  for each row execute function individual_account_open_year();

-- 单位登记事项变更: the facts of an employer that billing reads, each set valid from a day. The first row is the
-- registration (backfilled below for the employers registered so far; written by a trigger for new ones); a change
-- through the registry (employer-history.service.ts) writes its row with who and why; a change made any other way
-- is caught by the update trigger, so no change goes unrecorded. Append-only: a correction is a later row (the row
-- with the highest id wins among rows of the same day).
create table employer_fact_history (
  employer_id bigint not null references employer (id),
  id bigint not null,
  valid_from date not null,
  employer_type text not null,
  region_code text not null references region (code),
  work_injury_class smallint check (work_injury_class between 1 and 8),
  work_injury_float numeric(4, 2) not null check (work_injury_float between 0.50 and 1.50),
  changed_by text not null,
  reason text not null check (length(reason) between 2 and 500),
  recorded_at timestamptz not null default now(),
  primary key (employer_id, id)
);
create index employer_fact_history_on on employer_fact_history (employer_id, valid_from desc, id desc);

-- Seen with its employer: whoever sees the employer (its current region) sees its whole history, including the
-- rows of a region it moved from.
alter table employer_fact_history enable row level security;
create policy employer_fact_history_scope on employer_fact_history
  using (exists (select 1 from employer e where e.id = employer_fact_history.employer_id))
  with check (exists (select 1 from employer e where e.id = employer_fact_history.employer_id));
create trigger employer_fact_history_append_only before update or delete or truncate on employer_fact_history
  for each statement execute function reject_change();

-- The registration day: the employer's first enrollment or its creation, whichever is earlier (as
-- billing.repository.ts employerRegisteredOn reads it), in China.
insert into employer_fact_history (employer_id, id, valid_from, employer_type, region_code, work_injury_class, work_injury_float, changed_by, reason)
select e.id, e.id, least((select min(n.valid_from) from enrollment n where n.employer_id = e.id), (e.created_at at time zone 'Asia/Shanghai')::date),
  e.employer_type, e.region_code, e.work_injury_class, e.work_injury_float, 'migration 0026', '参保登记（迁移时补录）'
from employer e;

-- A new employer: its registration row (id = the employer's id, so the registration is the first row of its day).
create function employer_registration_facts() returns trigger language plpgsql as $$
begin
  insert into employer_fact_history (employer_id, id, valid_from, employer_type, region_code, work_injury_class, work_injury_float, changed_by, reason)
  values (new.id, new.id, (new.created_at at time zone 'Asia/Shanghai')::date, new.employer_type, new.region_code, new.work_injury_class,
    new.work_injury_float, 'registration', '参保登记');
  return null;
end $$;
create trigger employer_registration_facts after insert on employer
  for each row execute function employer_registration_facts();

-- The facts of `employer_id` in force on `on_date`: the latest row from that day or before (the registration row
-- for a day before it, so a period before a back-dated registration still has facts).
-- A set-returning SQL function of one SELECT, so the planner inlines it where it is joined.
create function employer_facts_row(employer_id bigint, on_date date) returns setof employer_fact_history
language sql stable rows 1 as $$
  select h.* from employer_fact_history h
  where h.employer_id = employer_facts_row.employer_id
  order by (h.valid_from <= on_date) desc, case when h.valid_from <= on_date then h.valid_from end desc nulls last, h.valid_from, h.id desc
  limit 1
$$;

-- A change made other than through the registry's change of facts (which writes its row first): recorded as of
-- today in China, by whoever the session is, with an id above the employer's others (the newest row of its day).
create function employer_changed_facts() returns trigger language plpgsql as $$
declare
  today date := (now() at time zone 'Asia/Shanghai')::date;
  latest employer_fact_history;
begin
  select * into latest from employer_facts_row(new.id, today);
  if found and latest.employer_type = new.employer_type and latest.region_code = new.region_code
     and latest.work_injury_class is not distinct from new.work_injury_class and latest.work_injury_float = new.work_injury_float then
    return null;
  end if;
  insert into employer_fact_history (employer_id, id, valid_from, employer_type, region_code, work_injury_class, work_injury_float, changed_by, reason)
  values (new.id, (select max(h.id) + 1 from employer_fact_history h where h.employer_id = new.id), today, new.employer_type, new.region_code, new.work_injury_class,
    new.work_injury_float, current_user, '单位信息直接变更（未经变更登记）');
  return null;
end $$;
create trigger employer_changed_facts after update of employer_type, region_code, work_injury_class, work_injury_float on employer
  for each row when ((old.employer_type, old.region_code, old.work_injury_class, old.work_injury_float)
                     is distinct from (new.employer_type, new.region_code, new.work_injury_class, new.work_injury_float))
  execute function employer_changed_facts();

-- Employers as they were on a day: every column billing reads from employer, with the dated facts in place of today's.
-- A reassessment of a past period joins `employer_facts_on(<the period's first day>) e` where it joined `employer e`.
create function employer_facts_on(on_date date)
returns table (id bigint, credit_code text, name text, region_code text, industry_code text, employer_type text,
               work_injury_class smallint, work_injury_float numeric(4, 2), status text, created_at timestamptz, facts_from date)
language sql stable as $$
  select e.id, e.credit_code, e.name, f.region_code, e.industry_code, f.employer_type, f.work_injury_class, f.work_injury_float,
    e.status, e.created_at, f.valid_from
  from employer e cross join lateral employer_facts_row(e.id, on_date) f
$$;
