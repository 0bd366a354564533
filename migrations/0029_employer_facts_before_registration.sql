-- The employer's facts on a day before its first recorded row (a period before the registration, e.g. a late
-- registration's back months) are its first facts: the first row of the earliest day (lowest id), not the day's last
-- correction. On and after a row's day the latest row in force still wins (highest id among rows of its day).
create or replace function employer_facts_row(employer_id bigint, on_date date) returns setof employer_fact_history
language sql stable rows 1 as $$
  select h.* from employer_fact_history h
  where h.employer_id = employer_facts_row.employer_id
  order by (h.valid_from <= on_date) desc,
    case when h.valid_from <= on_date then h.valid_from end desc nulls last,
    case when h.valid_from <= on_date then h.id end desc nulls last,
    h.valid_from, h.id
  limit 1
$$;
