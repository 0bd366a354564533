-- Billing against its floor (issue 9; measured in docs/decisions.md "Billing against its floor").
--
-- A bill line belongs to a bill of its own employer (0011). The foreign key checked that row by row: one lookup and
-- one FOR KEY SHARE lock on the bill per line, about a fifth of a billing chunk's PostgreSQL time (0.4 s of CPU per
-- 95,000 lines, against 0.27 s for the raw insert of those lines). The same rule is now checked once per statement,
-- against the statement's new lines (a transition table), as the journal's lines are (0015): every (employer, bill)
-- the statement names must be a bill. What the key's lock guarded needs no lock here: a bill is never deleted or
-- rekeyed (bill_append_only, 0011), so a bill found once stays. Lines are written with their bill, by the billing
-- statement (one statement), a correction (after its bill, same transaction) or a self-paying run.
alter table bill_line drop constraint bill_line_bill_fkey;

-- security definer: like the key it replaces, the check sees every bill, whatever the writer's data scope.
create function bill_line_inserted() returns trigger language plpgsql security definer set search_path = public as $$
declare
  v record;
begin
  select l.employer_id, l.bill_id into v
    from (select distinct employer_id, bill_id from inserted_lines) l
   where not exists (select 1 from bill b where b.employer_id = l.employer_id and b.id = l.bill_id)
   limit 1;
  if found then
    raise exception 'bill line of employer % names bill %, which is no bill of that employer (bill_line_bill_fkey)', v.employer_id, v.bill_id
      using errcode = '23503', constraint = 'bill_line_bill_fkey';
  end if;
  return null;
end $$;

create trigger bill_line_of_a_bill after insert on bill_line
  referencing new table as inserted_lines for each statement execute function bill_line_inserted();
