-- Cash-basis fund accounting (财会〔2017〕28号 总说明五; docs/ledger.md): an allocation records, beside the day it
-- counts as paid for arrears and late fees (allocated_on), the day its money is booked in the fund ledger
-- (booked_on): a credit (暂收款) that pays a bill billed later counts as paid as of the later of its arrival and the
-- bill's due date, but becomes income on the day it is applied. Rows written before this migration have none: for
-- them the two days are the same.
alter table payment_allocation add column booked_on date;
