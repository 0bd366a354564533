-- 养老金发放账户变更: the account a pension is paid into (社会保障卡金融账户) changes only through a request signed off by
-- two other people (kind pension.award_account, docs/payroll.md "The payee's account"): a returned payment is sent
-- again to the corrected account in the next bank file. The request keeps both accounts and the reason; the award's
-- account moves only to the account of an approved request (the trigger below), whatever the code does.
create table pension_award_account_change (
  id bigint primary key,
  person_id bigint not null,
  award_id bigint not null,
  region_code text not null,
  from_account text not null,
  to_account text not null check (to_account ~ '^[0-9]{8,40}$'),
  reason text not null check (length(reason) between 2 and 500),
  status text not null default 'submitted' check (status in ('submitted', 'approved', 'returned', 'cancelled')),
  approval_item_id bigint not null,
  requested_by text not null,
  requested_at timestamptz not null default now(),
  approved_by text,
  approved_at timestamptz,
  foreign key (person_id, award_id) references pension_award (person_id, id),
  check (from_account <> to_account),
  check ((status = 'approved') = (approved_by is not null and approved_at is not null))
);
create index pension_award_account_change_award on pension_award_account_change (person_id, award_id);

alter table pension_award_account_change enable row level security;
create policy pension_award_account_change_scope on pension_award_account_change using (in_scope(region_code)) with check (in_scope(region_code));

-- what was asked never changes: only the status and who approved it move
create or replace function reject_account_change_edit() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then raise exception 'pension_award_account_change rows are never deleted' using errcode = 'P0001'; end if;
  if (new.id, new.person_id, new.award_id, new.region_code, new.from_account, new.to_account, new.reason, new.approval_item_id, new.requested_by, new.requested_at)
     is distinct from (old.id, old.person_id, old.award_id, old.region_code, old.from_account, old.to_account, old.reason, old.approval_item_id, old.requested_by, old.requested_at) then
    raise exception 'a pension account change request is never edited: a correction is a new request' using errcode = 'P0001';
  end if;
  return new;
end $$;
create trigger pension_award_account_change_fixed before update or delete on pension_award_account_change
  for each row execute function reject_account_change_edit();

-- the award's account moves only from and to the accounts of an approved request
create or replace function guard_award_account() returns trigger language plpgsql as $$
begin
  if new.bank_account is distinct from old.bank_account and not exists (
    select 1 from pension_award_account_change c
     where c.person_id = new.person_id and c.award_id = new.id and c.status = 'approved'
       and c.from_account = old.bank_account and c.to_account = new.bank_account) then
    raise exception 'the account a pension is paid into changes only through an approved account change (pension.award_account)' using errcode = 'P0001';
  end if;
  return new;
end $$;
create trigger pension_award_account_guard before update of bank_account on pension_award
  for each row execute function guard_award_account();
