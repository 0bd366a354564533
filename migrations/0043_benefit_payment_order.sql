-- 一次性待遇支付单 (issue 12): a benefit paid once (丧葬补助金、抚恤金, later the claims' one-off grants) through the
-- payroll's bank path. Signed off (经办、复核、审批, kind benefit.payment_order); on the final approval the person's open
-- overpayments of the same fund are offset against it (社会保险经办条例 第四十六条: 抵扣, a recovery of method offset)
-- and the rest is funded by its own 用款申请 (fund_transfer_request.payment_order_id); funded, it rides in the next bank
-- file of its fund after the payroll lines (reference DC<id>) and the bank's result pays or returns it.
--
-- pending (in sign-off) → approved (signed off, offset done, transfer requested) → funded → sent → paid | returned
-- (sent again in the next bank file); cancelled when its sign-off item is cancelled. An order wholly offset is paid on
-- its approval. Money (amount, payee, account, subject) never changes; amount_offset is written once, at approval.
-- Citus: distributed by person_id, as the overpayments it offsets.

create table benefit_payment_order (
  person_id bigint not null references person (id),   -- whose benefit it is (the deceased for the survivors' grants)
  id bigint not null,
  region_code text not null,                           -- where the person is administered
  fund_code text not null,                             -- the fund paying it
  benefit_type text not null,                          -- the chart's benefit type (funeral_and_survivor_grant, …)
  subject_code text not null,                          -- its 社会保险待遇支出 account in the chart (500103, …)
  amount bigint not null check (amount > 0),           -- fen, before the offset
  amount_offset bigint not null default 0 check (amount_offset >= 0 and amount_offset <= amount),  -- fen, overpayments offset
  payee_name text not null check (length(payee_name) between 1 and 100),
  payee_id_number text not null check (length(payee_id_number) between 1 and 40),
  bank_account text not null check (length(bank_account) between 8 and 40),
  reason text not null,
  source_type text not null,                           -- survivor_entitlement, benefit_claim, …
  source_id bigint not null,
  reference text not null,                             -- DC<id>: what the bank echoes back
  status text not null default 'pending' check (status in ('pending', 'approved', 'funded', 'sent', 'paid', 'returned', 'cancelled')),
  return_count integer not null default 0 check (return_count >= 0),
  return_reason text,                                  -- the bank's reason of the last return
  paid_on date,
  approval_item_id bigint,
  transfer_request_id bigint,
  requested_by text not null,
  created_at timestamptz not null default now(),
  primary key (person_id, id),
  check (reference = 'DC' || id::text),
  check ((status = 'paid') = (paid_on is not null))
);
create unique index benefit_payment_order_reference on benefit_payment_order (reference);
create unique index benefit_payment_order_source on benefit_payment_order (source_type, source_id) where status <> 'cancelled';
create index benefit_payment_order_to_send on benefit_payment_order (fund_code, status) where status in ('funded', 'sent', 'returned');

create table benefit_payment_order_event (
  person_id bigint not null,
  id bigint not null,
  order_id bigint not null,
  region_code text not null,
  event text not null check (event in ('sent', 'paid', 'returned')),
  happened_on date not null,
  reason text,
  import_id bigint,                                    -- the bank result file (import_file) that reported it
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (person_id, id),
  foreign key (person_id, order_id) references benefit_payment_order (person_id, id)
);

-- 用款申请 of an order (the payroll's have batch_id).
alter table fund_transfer_request add column payment_order_id bigint;
create unique index fund_transfer_request_payment_order on fund_transfer_request (payment_order_id);

create function reject_payment_order_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then raise exception '% rows are never deleted', tg_table_name using errcode = 'P0001'; end if;
  if (new.person_id, new.id, new.fund_code, new.subject_code, new.amount, new.payee_name, new.payee_id_number, new.bank_account, new.reference, new.source_type, new.source_id)
       is distinct from (old.person_id, old.id, old.fund_code, old.subject_code, old.amount, old.payee_name, old.payee_id_number, old.bank_account, old.reference, old.source_type, old.source_id)
     or new.amount_offset is distinct from old.amount_offset and old.status <> 'pending' then
    raise exception '% amounts never change once written: a correction is a new record', tg_table_name using errcode = 'P0001';
  end if;
  return new;
end $$;
create trigger benefit_payment_order_amounts before update or delete on benefit_payment_order for each row execute function reject_payment_order_change();
create trigger benefit_payment_order_event_append_only before update or delete or truncate on benefit_payment_order_event for each statement execute function reject_change();

alter table benefit_payment_order enable row level security;
create policy benefit_payment_order_scope on benefit_payment_order using (in_scope(region_code)) with check (in_scope(region_code));
alter table benefit_payment_order_event enable row level security;
create policy benefit_payment_order_event_scope on benefit_payment_order_event using (in_scope(region_code)) with check (in_scope(region_code));
