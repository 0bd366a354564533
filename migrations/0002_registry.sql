-- Registry (R1): employers, insured persons, employment periods, enrollment per insurance, contribution bases.
-- Distribution (Citus): employer-side tables by employer_id, person-side by person (id); see docs/decisions.md.
-- Every table carries region_code, and row-level security limits a scoped session to its region subtree.

create table employer (
  id bigint primary key,
  credit_code text not null,                       -- 统一社会信用代码 (GB 32100)
  name text not null,
  region_code text not null references region (code),
  industry_code text,                                   -- 国民经济行业分类 (GB/T 4754) section letter
  work_injury_class smallint check (work_injury_class between 1 and 8),  -- 工伤保险行业风险类别 I–VIII
  work_injury_float numeric(4, 2) not null default 1.00 check (work_injury_float between 0.50 and 1.50),
  employer_type text not null default 'enterprise'
    check (employer_type in ('enterprise', 'institution_full', 'institution_partial', 'institution_self', 'other')),
  status text not null default 'active' check (status in ('active', 'suspended', 'closed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Global uniqueness of the credit code; under Citus this becomes a lookup table keyed by the code.
create unique index employer_credit_code on employer (credit_code);
create index employer_region on employer (region_code text_pattern_ops);
create index employer_name on employer (name text_pattern_ops);

create table person (
  id bigint primary key,
  id_number text not null,                          -- 公民身份号码 (GB 11643)
  name text not null,
  gender text not null check (gender in ('M', 'F')),
  birth_date date not null,
  hukou_type text check (hukou_type in ('urban', 'rural')),
  occupation text,
  phone text,
  region_code text not null references region (code),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One person, one record (一人一档); under Citus this becomes a lookup table keyed by the ID number.
create unique index person_id_number on person (id_number);
create index person_region on person (region_code text_pattern_ops);
create index person_name on person (name text_pattern_ops);

-- 用工登记 / 退工: an employment period; separated_on closes it once and is never rewritten.
create table employment (
  employer_id bigint not null references employer (id),
  id bigint not null,
  person_id bigint not null references person (id),
  region_code text not null,
  hired_on date not null,
  separated_on date,
  separation_reason text check (separation_reason in ('voluntary', 'involuntary', 'retirement', 'death', 'other')),
  created_at timestamptz not null default now(),
  primary key (employer_id, id),
  check (separated_on is null or separated_on >= hired_on),
  check ((separated_on is null) = (separation_reason is null))
);
create index employment_person on employment (person_id);
create index employment_region on employment (region_code text_pattern_ops);

-- 参保登记: enrollment of an employment in one insurance for a period [valid_from, valid_to].
create table enrollment (
  employer_id bigint not null,
  id bigint not null,
  employment_id bigint not null,
  person_id bigint not null references person (id),
  insurance text not null check (insurance in ('pension', 'medical', 'unemployment', 'work_injury', 'maternity')),
  region_code text not null,
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  primary key (employer_id, id),
  foreign key (employer_id, employment_id) references employment (employer_id, id),
  check (valid_to is null or valid_to >= valid_from)
);
create index enrollment_person on enrollment (person_id);
create index enrollment_employment on enrollment (employer_id, employment_id);

-- 缴费基数申报: the monthly wage an employee's contributions are based on, per year. A correction is a new
-- version (never an edit); the current base is the highest version. The employee signs it off (职工签字确认).
create table base_declaration (
  employer_id bigint not null,
  id bigint not null,
  person_id bigint not null references person (id),
  region_code text not null,
  year smallint not null check (year between 1990 and 2100),
  version smallint not null default 1 check (version >= 1),
  monthly_wage bigint not null check (monthly_wage >= 0),   -- fen
  reason text,
  declared_by bigint,
  declared_at timestamptz not null default now(),
  employee_confirmed_at timestamptz,
  primary key (employer_id, id),
  unique (employer_id, person_id, year, version)
);
create index base_declaration_person on base_declaration (person_id, year);

do $$
declare t text;
begin
  foreach t in array array['employer', 'person', 'employment', 'enrollment', 'base_declaration'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
end $$;
