-- 职业年金 (issue 11; 国办发〔2015〕18号 机关事业单位职业年金办法): billed with the contributions of government bodies and
-- public institutions where the region bills it, as an item of its own (insurance 'occupational_annuity', employer 8%
-- and employee 4% on the public pension's base), paid and allocated like the insurances into a book of its own, and
-- credited to the person's occupational annuity account when paid (docs/decisions.md "职业年金").

alter table bill_item drop constraint bill_item_insurance_check;
alter table bill_item add constraint bill_item_insurance_check
  check (insurance in ('pension', 'medical', 'unemployment', 'work_injury', 'maternity', 'occupational_annuity'));
alter table payment_allocation drop constraint payment_allocation_insurance_check;
alter table payment_allocation add constraint payment_allocation_insurance_check
  check (insurance in ('pension', 'medical', 'unemployment', 'work_injury', 'maternity', 'occupational_annuity'));
-- where the tax bureau collects, its collection file names the annuity too (征收品目 职业年金) [check]
alter table tax_collection drop constraint tax_collection_insurance_check;
alter table tax_collection add constraint tax_collection_insurance_check
  check (insurance in ('pension', 'medical', 'unemployment', 'work_injury', 'maternity', 'occupational_annuity'));

-- 职业年金个人账户: a person's occupational annuity account as append-only entries, the employee part (实账积累) and the
-- employer part (实账 where it is billed) credited when the period's part is paid in full, as the differences between
-- what the employer's period owes the person and what was credited before (a correction or a payment reversal writes
-- only the difference). Investment returns (投资收益, by the trustee) and the notional part (记账) are not kept here yet.
create table occupational_annuity_entry (
  person_id bigint not null references person (id),
  id bigint not null,
  region_code text not null,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  part text not null check (part in ('employee', 'employer')),
  amount bigint not null,                              -- fen
  employer_id bigint not null,
  bill_id bigint not null,
  payment_id bigint not null,
  created_at timestamptz not null default now(),
  primary key (person_id, id)
);
create index occupational_annuity_entry_period on occupational_annuity_entry (employer_id, period);

alter table occupational_annuity_entry enable row level security;
create policy occupational_annuity_entry_scope on occupational_annuity_entry using (in_scope(region_code)) with check (in_scope(region_code));
create trigger occupational_annuity_entry_append_only before update or delete or truncate on occupational_annuity_entry
  for each statement execute function reject_change();
