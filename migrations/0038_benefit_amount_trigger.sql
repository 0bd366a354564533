-- 0037's reject_benefit_amount_change() compared the fields of every table in one expression, and PL/pgSQL resolves
-- each record field it meets: an update of benefit_overpayment failed on new.kind. One branch per table, as in
-- reject_money_change() (0032): a record's fields are resolved only for the table it belongs to.
create or replace function reject_benefit_amount_change() returns trigger language plpgsql as $$
declare
  changed boolean := false;
begin
  if tg_op = 'DELETE' then raise exception '% rows are never deleted', tg_table_name using errcode = 'P0001'; end if;
  if tg_table_name = 'benefit_overpayment' then
    changed := (new.person_id, new.id, new.award_id, new.periods, new.amount) is distinct from (old.person_id, old.id, old.award_id, old.periods, old.amount);
  elsif tg_table_name = 'survivor_entitlement' then
    changed := (new.person_id, new.id, new.kind, new.amount) is distinct from (old.person_id, old.id, old.kind, old.amount);
  elsif tg_table_name = 'pension_adjustment_run' then
    changed := (new.id, new.region_code, new.year, new.total_increase, new.awards) is distinct from (old.id, old.region_code, old.year, old.total_increase, old.awards);
  end if;
  if changed then raise exception '% amounts never change once written: a correction is a new record', tg_table_name using errcode = 'P0001'; end if;
  return new;
end $$;
