-- The year-end settlement of a region settled by DIP (medical.year_end_method = dip; docs/medical.md "DIP year-end
-- settlement"): a hospital's line is its year's points × the settlement point value × the reimbursement ratio, so the
-- line keeps how it was settled and the points it was paid on; both are fixed with the amounts.
alter table medical_year_end_settlement
  add column method text not null default 'total_budget' check (method in ('total_budget', 'dip')),
  add column points numeric check (points >= 0),
  add check ((method = 'dip') = (points is not null));

create or replace function reject_medical_money_change() returns trigger language plpgsql as $$
declare
  changed boolean := false;
begin
  if tg_op = 'DELETE' then raise exception '% rows are never deleted', tg_table_name using errcode = 'P0001'; end if;
  if tg_table_name = 'medical_prepayment_run' then
    changed := old.status <> 'computing' and (new.total, new.institutions, new.month, new.region_code) is distinct from (old.total, old.institutions, old.month, old.region_code);
  elsif tg_table_name = 'medical_year_end_settlement' then
    changed := (new.institution_id, new.year, new.quota, new.actual, new.prepaid, new.allowed, new.settlement, new.method, new.points, new.credit_grade)
      is distinct from (old.institution_id, old.year, old.quota, old.actual, old.prepaid, old.allowed, old.settlement, old.method, old.points, old.credit_grade);
  end if;
  if changed then raise exception '% amounts never change once written: a correction is a new record', tg_table_name using errcode = 'P0001'; end if;
  return new;
end $$;
