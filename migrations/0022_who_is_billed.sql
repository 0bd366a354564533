-- Who is billed (issue 11): the statutory retirement month as a SQL function billing calls per row, government
-- bodies (机关) as an employer type of their own, and the index the one-pension-relationship check reads.

-- 法定退休年龄 under the 2024-09-13 NPC Standing Committee decision (in force 2025-01-01): the first day of the month in
-- which a person born on birth_date reaches it. The same rule, with the same constants, as statutoryRetirementMonth
-- in src/modules/registry/retirement-age.calc.ts (a test compares both for every birth month 1950–1990): men 60 +
-- delay from births of 1965-01 (a month per 4, at most 36); women in a worker post 50 + delay from 1975-01 (a month
-- per 2, at most 60); other women (cadre posts, and an occupation that says neither) 55 + delay from 1970-01 (a month
-- per 4, at most 36). A woman's post is read from occupation: the worker major groups of GB/T 6565 or any text with
-- 工人 [check]. Plain expressions with no FROM, each parameter cheap where it is used twice: the planner inlines
-- them into the billing statement, so a million persons cost no function calls.
create function retirement_delay_months(birth_month_index integer, first_affected_index integer, step_months integer, cap_months integer)
returns integer language sql immutable parallel safe as $$
  select least(cap_months, greatest(0, floor((birth_month_index - first_affected_index)::numeric / step_months)::integer + 1))
$$;

create function is_worker_occupation(occupation text) returns boolean language sql immutable parallel safe as $$
  select regexp_replace(coalesce(occupation, ''), '[、，,[:space:]]', '', 'g')
      in ('社会生产服务和生活服务人员', '农林牧渔业生产及辅助人员', '生产制造及有关人员')
    or strpos(coalesce(occupation, ''), '工人') > 0
$$;

-- birth_date - (day - 1) is the first day of the birth month; + the retirement age in months (former age + delay).
create function statutory_retirement_month(birth_date date, gender text, occupation text) returns date
language sql immutable parallel safe as $$
  select (birth_date - (extract(day from birth_date)::integer - 1) + make_interval(months => case
      when gender = 'M' then 720 + retirement_delay_months((extract(year from birth_date) * 12 + extract(month from birth_date) - 1)::integer, 1965 * 12, 4, 36)
      when is_worker_occupation(occupation) then 600 + retirement_delay_months((extract(year from birth_date) * 12 + extract(month from birth_date) - 1)::integer, 1975 * 12, 2, 60)
      else 660 + retirement_delay_months((extract(year from birth_date) * 12 + extract(month from birth_date) - 1)::integer, 1970 * 12, 4, 36) end))::date
$$;

-- 机关 (government bodies) join the public-institution pension scheme (国发〔2015〕2号) beside the 事业单位 types.
alter table employer drop constraint employer_employer_type_check;
alter table employer add constraint employer_employer_type_check
  check (employer_type in ('enterprise', 'government', 'institution_full', 'institution_partial', 'institution_self', 'other'));

-- One pension relationship per person (人社部发〔2016〕94号 [check]): billing looks, for each pension enrollment, for
-- an earlier pension enrollment of the same person elsewhere, and the duplicate-pension report lists them; both
-- read a person's pension enrollments by this index (a small part of enrollment: one insurance of five).
create index enrollment_pension_person on enrollment (person_id, employer_id, employment_id) where insurance = 'pension';
