-- The annual pension adjustment is computed by a job, chunk by chunk of awards (a province's pensions no longer in one
-- request): its run is kept first as 'computing', its lines are added by the chunks, and its totals are written once,
-- when the last chunk is done, as it goes to sign-off ('submitted'). Once submitted its awards and increase never
-- change (reject_benefit_amount_change, as before).
alter table pension_adjustment_run add column job_id bigint;                     -- the job that computed it
alter table pension_adjustment_run drop constraint pension_adjustment_run_status_check;
alter table pension_adjustment_run add constraint pension_adjustment_run_status_check check (status in ('computing', 'submitted', 'applied'));

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
    changed := (new.id, new.region_code, new.year) is distinct from (old.id, old.region_code, old.year)
      or (old.status <> 'computing' and (new.total_increase, new.awards) is distinct from (old.total_increase, old.awards));
  end if;
  if changed then raise exception '% amounts never change once written: a correction is a new record', tg_table_name using errcode = 'P0001'; end if;
  return new;
end $$;
