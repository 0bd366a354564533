-- Paying the claims (issue 12): an approved unemployment, work-injury or maternity claim is paid through the one-off
-- payment orders (0043) and the bank file of its fund.
--
-- benefit_claim: the payee the claim form names — the claimant, or for a work-related death the relative paid — and
-- the account paid into (社会保障卡金融账户 or another account in the payee's name). Null on claims submitted before.
--
-- benefit_payment_order.source_part: which part of the record an order pays — one order per claim amount paid once
-- (`funeral_grant`, `maternity_allowance`, …) and one per unemployment month (`unemployment_benefit:2025-07`); '' for a
-- record paid whole (a survivor's entitlement). One live order per (source_type, source_id, source_part).
-- An order of a claim is authorised by the claim's own sign-off (经办、复核、审批, kind benefit.claim, R4.5): it needs
-- no second one, and approval_item_id names that claim's item.

alter table benefit_claim
  add column payee_name text check (length(payee_name) between 1 and 100),
  add column payee_id_number text check (length(payee_id_number) between 1 and 40),
  add column bank_account text check (length(bank_account) between 8 and 40),
  add check ((payee_name is null) = (bank_account is null) and (payee_id_number is null) = (bank_account is null));

alter table benefit_payment_order add column source_part text not null default '';
drop index benefit_payment_order_source;
create unique index benefit_payment_order_source on benefit_payment_order (source_type, source_id, source_part) where status <> 'cancelled';

-- the part paid never changes either (0043's rule, with the new column)
create or replace function reject_payment_order_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then raise exception '% rows are never deleted', tg_table_name using errcode = 'P0001'; end if;
  if (new.person_id, new.id, new.fund_code, new.subject_code, new.amount, new.payee_name, new.payee_id_number, new.bank_account, new.reference, new.source_type, new.source_id, new.source_part)
       is distinct from (old.person_id, old.id, old.fund_code, old.subject_code, old.amount, old.payee_name, old.payee_id_number, old.bank_account, old.reference, old.source_type, old.source_id, old.source_part)
     or new.amount_offset is distinct from old.amount_offset and old.status <> 'pending' then
    raise exception '% amounts never change once written: a correction is a new record', tg_table_name using errcode = 'P0001';
  end if;
  return new;
end $$;
