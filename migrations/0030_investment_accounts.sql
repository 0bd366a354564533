-- 财社〔2017〕144号: the fiscal special account (财政专户) may buy government bonds and fund entrusted investment
-- (委托投资); those are asset accounts of their own role, `investment` (chart 2018.yaml: 1201 债券投资, 1301 委托投资).
alter table fund_account drop constraint fund_account_role_check;
alter table fund_account add constraint fund_account_role_check
  check (role in ('income_bank', 'special_bank', 'expense_bank', 'receivable', 'payable', 'investment', 'revenue', 'expense', 'fund_balance'));
