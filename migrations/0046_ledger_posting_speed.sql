-- Posting at speed, continued (issue 9; measured in docs/decisions.md, "Ledger posting: one index fewer, the arrays
-- unnested in the select list").
--
-- The headers' index on (fund_id, period) goes: the unique index on (fund_id, period, voucher_number)
-- (0018_voucher_numbers.sql) starts with the same two columns and serves every query that read it (the entries of a
-- month in the entry list and the export, the sweep checks, a fund's first month with entries, the payments booked in
-- a month), so every posted entry updated two indexes for one use.

drop index accounting_entry_period;
