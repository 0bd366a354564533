-- 凭证字号 (issue 10): every accounting entry carries its number in its fund and accounting period, gap-free from 1
-- (《会计基础工作规范》第五十一条: 记账凭证应当连续编号). The number is the entry's; the shown form (记-2026-03-0001) is
-- made in one place, journal.calc.ts voucherNumber().
--
-- Posting takes the numbers from a counter row per (fund, period), upserted by the statement that writes the entries
-- (ledger.repository.ts insertEntriesWithLines): the row stays locked until the posting commits, and a posting that
-- rolls back gives its numbers back, so numbers are never skipped nor used twice. The unique index below makes the
-- database refuse a number used twice whatever writes it.
--
-- Citus: voucher_counter is distributed by fund_id like the journal; row-level security as in 0004.

create table voucher_counter (
  fund_id bigint not null references fund (id),
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  region_code text not null,
  last_number int not null check (last_number >= 1),
  primary key (fund_id, period)
);
alter table voucher_counter enable row level security;
create policy voucher_counter_scope on voucher_counter using (in_scope(region_code)) with check (in_scope(region_code));

alter table accounting_entry add column voucher_number int;

-- Entries posted so far are numbered in posting order (when posted, then id: ids are time-ordered). The journal is
-- append-only (0004): its guard is lifted for this one statement of the migration's own transaction and restored
-- before the transaction ends; nothing else can write meanwhile (ALTER TABLE holds the table's lock until commit).
alter table accounting_entry disable trigger accounting_entry_append_only;
update accounting_entry e set voucher_number = numbered.number
  from (select fund_id, id, row_number() over (partition by fund_id, period order by posted_at, id) as number from accounting_entry) numbered
 where numbered.fund_id = e.fund_id and numbered.id = e.id;
alter table accounting_entry enable trigger accounting_entry_append_only;

insert into voucher_counter (fund_id, period, region_code, last_number)
select fund_id, period, min(region_code), max(voucher_number) from accounting_entry group by fund_id, period;

alter table accounting_entry alter column voucher_number set not null;
alter table accounting_entry add constraint accounting_entry_voucher_number_positive check (voucher_number >= 1);
create unique index accounting_entry_voucher_number on accounting_entry (fund_id, period, voucher_number);
