-- Tax-authority collection (issue 11, R3.8): where the tax bureau collects (parameter collection.model = tax), sifund
-- still assesses (核定) and sends the bureau an assessment file; the bureau sends back its collection file (who paid
-- what, for which period and insurance, under which tax voucher). Each row of that file is kept here as the business
-- record of the money; the money itself settles the bills as payments (source 'tax').

-- 税务征收明细: one row of the tax bureau's collection file. Append-only: a correction comes as a new file row.
create table tax_collection (
  employer_id bigint not null references employer (id),
  id bigint not null,
  region_code text not null,
  collected_on date not null,                          -- the day the bureau collected (入库日期)
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),  -- 费款所属期
  person_id bigint not null references person (id),
  id_number text not null,
  insurance text not null check (insurance in ('pension', 'medical', 'unemployment', 'work_injury', 'maternity')),
  amount bigint not null check (amount > 0),           -- fen
  tax_voucher text not null check (length(tax_voucher) between 1 and 60),  -- 电子税票号码 / 完税凭证号
  payment_key text not null,                           -- the import key of the payment that carried its money
  import_id bigint not null,
  line_number integer not null,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (employer_id, id)
);
-- The row's identity: the same voucher, person and insurance again is the same money (the import leaves it out).
create unique index tax_collection_identity on tax_collection (tax_voucher, id_number, insurance);
create index tax_collection_period on tax_collection (period, region_code text_pattern_ops);

alter table tax_collection enable row level security;
create policy tax_collection_scope on tax_collection using (in_scope(region_code)) with check (in_scope(region_code));
create trigger tax_collection_append_only before update or delete or truncate on tax_collection
  for each statement execute function reject_change();

-- A regional parameter value set by the system itself (the demo's `--collection-model tax`, an installation step),
-- not proposed and approved by people: it has no sign-off item, and says so by its proposer and approver, the same
-- system actor (`system:<command>`). Every value set by people still carries its approval item.
alter table parameter_value alter column approval_item_id drop not null;
alter table parameter_value add constraint parameter_value_approved_or_system
  check (approval_item_id is not null or (proposed_by like 'system:%' and approved_by = proposed_by and proposed_by_id is null));
