-- Year-end settlement (年终清算, issue 14 R7.4; 财社〔2017〕144号 第四十一条: the 支出户's unspent allocations go back to
-- the 财政专户): per fund and year, what the 财政专户 transferred to the 支出户 in the year, what the 支出户 paid, its
-- balance at 31 December and at the approval, the payments signed off and not yet paid it still holds money for, and
-- the unspent balance returned by the settling transfer (Dr 财政专户 / Cr 支出户, dated the approval day; entry_id null
-- when nothing was left to return): the balance at 31 December less committed, at most the balance at the approval less
-- committed (a payment made since 31 December is not returned twice).
--
-- A settlement is a decision: written once, by the final approval of its sign-off item (kind
-- execution.year_end_settlement); a submission waits in the sign-off engine's item until then. One settlement per fund
-- and year (the unique index): a second is refused. Append-only, row-level security on the fund's region. Money in
-- bigint fen.
create table year_end_settlement (
  id bigint primary key,
  region_code text not null references region (code),
  fund text not null,
  year smallint not null check (year between 2000 and 2100),
  opening_balance bigint not null,
  transferred bigint not null check (transferred >= 0),
  other_receipts bigint not null check (other_receipts >= 0),
  paid bigint not null check (paid >= 0),
  returned_in_year bigint not null check (returned_in_year >= 0),
  closing_balance bigint not null,
  current_balance bigint not null,
  committed bigint not null check (committed >= 0),
  returned bigint not null check (returned >= 0),
  entry_id bigint,
  settled_on date not null,
  approval_item_id bigint not null,
  submitted_by text not null,
  approved_by text not null,
  approved_at timestamptz not null default now(),
  -- the 支出户's movements of the year add up to its balance at 31 December
  check (closing_balance = opening_balance + transferred + other_receipts - paid - returned_in_year),
  check ((returned > 0) = (entry_id is not null)),
  check (returned <= greatest(least(closing_balance, current_balance) - committed, 0))
);
create unique index year_end_settlement_fund_year on year_end_settlement (fund, year);
create unique index year_end_settlement_item on year_end_settlement (approval_item_id);
create index year_end_settlement_region on year_end_settlement (region_code, year);

create trigger year_end_settlement_append_only before update or delete or truncate on year_end_settlement
  for each statement execute function reject_change();
alter table year_end_settlement enable row level security;
create policy year_end_settlement_scope on year_end_settlement using (in_scope(region_code)) with check (in_scope(region_code));
