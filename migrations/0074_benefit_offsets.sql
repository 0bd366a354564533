-- Offset of overpaid benefits against the monthly pension (社会保险经办条例 2023 第四十六条: 多发的社会保险待遇可以从其
-- 以后应当领取的待遇中抵扣), and a supervision case's amount recovered that way (issues 12 and 15).
--
-- payroll_line.amount_offset: the part of the month's pension kept back against the pensioner's open overpayments of
--   the same fund (fen, 0 ≤ offset ≤ amount). Written with the line when the batch is computed; the bank pays
--   amount − amount_offset; the final approval of the batch records the recoveries (method `offset`, the line's
--   reference) and books them.
-- payroll_batch.offset_total: the batch's offsets, written with its totals.
-- benefit_overpayment.case_id: an overpayment opened by a supervision case (cause `case`): the case's amount for a
--   pension fund handed to the payroll to recover by offset. It has no months of its own (periods '{}').
-- Like the amounts beside them, none of the three changes once written (reject_offset_change).
alter table payroll_line add column amount_offset bigint not null default 0;
alter table payroll_line add constraint payroll_line_offset_check check (amount_offset between 0 and amount);
alter table payroll_batch add column offset_total bigint not null default 0 check (offset_total >= 0);
alter table benefit_overpayment add column case_id bigint references supervision_case (id);
alter table benefit_overpayment drop constraint benefit_overpayment_cause_check;
alter table benefit_overpayment add constraint benefit_overpayment_cause_check check (cause in ('death', 'stopped', 'case'));
alter table benefit_overpayment add constraint benefit_overpayment_case_check check ((cause = 'case') = (case_id is not null));
create index benefit_overpayment_case on benefit_overpayment (case_id) where case_id is not null;

create or replace function reject_offset_change() returns trigger language plpgsql as $$
declare
  changed boolean := false;
begin
  if tg_table_name = 'payroll_line' then
    changed := new.amount_offset is distinct from old.amount_offset;
  elsif tg_table_name = 'payroll_batch' then
    changed := old.status not in ('computing', 'computed') and new.offset_total is distinct from old.offset_total;
  elsif tg_table_name = 'benefit_overpayment' then
    changed := new.case_id is distinct from old.case_id;
  end if;
  if changed then raise exception '% offsets never change once written: a correction is a new record', tg_table_name using errcode = 'P0001'; end if;
  return new;
end $$;

do $$ declare t text; begin
  foreach t in array array['payroll_line', 'payroll_batch', 'benefit_overpayment'] loop
    execute format('create trigger %I before update on %I for each row execute function reject_offset_change()', t || '_offset', t);
  end loop;
end $$;
