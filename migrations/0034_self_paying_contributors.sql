-- Self-paying contributors (issue 11, R3.9): 灵活就业人员 and 无雇工的个体工商户 pay pension and employee medical
-- insurance themselves (社会保险法 第十条、第二十三条), on a base they choose between 60% and 300% of the average wage
-- (国办发〔2019〕13号), pension at 20% of which 8% goes to the individual account (国发〔2005〕38号).
--
-- Bills, payments, allocations and credits are addressed to an employer_id (their key and distribution column), so a
-- self-paying contributor gets a payer record of their own in `employer` (type 'self_paying', 缴费主体) that the
-- bills are addressed to and the bank pays into, with a payer code (个人缴费编号) instead of a credit code
-- (docs/decisions.md, "Self-paying contributors pay through a payer record of their own").

alter table employer drop constraint employer_employer_type_check;
alter table employer add constraint employer_employer_type_check
  check (employer_type in ('enterprise', 'government', 'institution_full', 'institution_partial', 'institution_self', 'other', 'self_paying'));

-- 个人缴费编号: GR + the registering region + 10 digits of this sequence (18 characters, like a credit code, and never
-- one: no registration authority has the code G).
create sequence self_paying_payer_number;

-- 灵活就业人员参保登记: who pays for themselves, in which region, through which payer record. One per person.
create table self_paying_registration (
  employer_id bigint not null references employer (id),     -- the payer record (缴费主体)
  person_id bigint not null references person (id),
  kind text not null check (kind in ('flexible', 'individual_business')),
  business_credit_code text,                                 -- the 个体工商户's own 统一社会信用代码
  region_code text not null references region (code),
  registered_by text not null,
  registered_at timestamptz not null default now(),
  primary key (employer_id),
  check ((kind = 'individual_business') = (business_credit_code is not null))
);
create unique index self_paying_registration_person on self_paying_registration (person_id);

-- 缴费档次 and insurances from a month on: the registration's first row, then each change (dated, with who and why).
-- No insurance means the person stopped paying (停保) from that month. The row in force for a month is the latest
-- valid_from on or before its first day (the highest id among rows of the same month).
create table self_paying_terms (
  employer_id bigint not null references self_paying_registration (employer_id),
  id bigint not null,
  person_id bigint not null,
  region_code text not null,
  valid_from date not null check (extract(day from valid_from) = 1),
  base_ratio numeric(4, 2) check (base_ratio > 0),            -- the chosen base as a share of the average wage
  insurances text[] not null check (insurances <@ array['pension', 'medical']),
  reason text not null check (length(reason) between 2 and 500),
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (employer_id, id),
  check ((cardinality(insurances) = 0) = (base_ratio is null))
);
create index self_paying_terms_in_force on self_paying_terms (employer_id, valid_from desc, id desc);

do $$
declare t text;
begin
  foreach t in array array['self_paying_registration', 'self_paying_terms'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
  end loop;
end $$;
