-- Issue 11, who is billed on what base. 核定: 社会保险法 第六十二条 — an employer that has not declared a period's bases is assessed at 110% of its
-- last month's; once it declares, a reassessment settles the difference. A bill line says whether its base was
-- assessed rather than declared, and a bill how many of its persons were assessed (the bill detail shows 核定).
-- Constant defaults: no table rewrite, existing lines count as declared as they were billed.
alter table bill_line add column base_assessed boolean not null default false;
alter table bill add column assessed_persons integer not null default 0 check (assessed_persons >= 0);

-- 延长缴费 (issue 11): a person who reaches the statutory retirement age with fewer than the minimum contribution years
-- may go on paying pension until they have them (社会保险法 第十六条第二款: 累计缴费不足十五年的，可以缴费至满十五年;
-- 全国人大常委会关于实施渐进式延迟法定退休年龄的决定 (2024): 最低缴费年限逐步提高到二十年). Billing stops at the statutory
-- retirement month (migration 0022) unless the person's pension enrollment carries such an exception for the month:
-- dated by month, with its reason and who granted it (the audit trail records the grant); never edited.
create table pension_extension (
  employer_id bigint not null,
  id bigint not null,
  enrollment_id bigint not null,
  person_id bigint not null references person (id),
  region_code text not null,
  valid_from date not null check (extract(day from valid_from) = 1),      -- the first month billed past the age
  valid_to date check (valid_to is null or (valid_to >= valid_from and valid_to = (date_trunc('month', valid_to) + interval '1 month - 1 day')::date)),
  reason text not null check (length(btrim(reason)) > 0),
  granted_by text not null,
  granted_at timestamptz not null default now(),
  primary key (employer_id, id),
  foreign key (employer_id, enrollment_id) references enrollment (employer_id, id)
);
-- billing probes it for pension rows past the retirement month only, by enrollment
create index pension_extension_enrollment on pension_extension (employer_id, enrollment_id);
create index pension_extension_person on pension_extension (person_id);

alter table pension_extension enable row level security;
create policy pension_extension_scope on pension_extension using (in_scope(region_code)) with check (in_scope(region_code));
