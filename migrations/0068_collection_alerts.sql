-- Two more early-warning rules (src/modules/execution/alerts.calc.ts; issue 14 R8.1): the collection rate of the year
-- to date down against the same months of last year, and the arrears at the month end grown against the same month
-- end of last year (params/warning/collection).
alter table execution_alert drop constraint execution_alert_rule_check;
alter table execution_alert add constraint execution_alert_rule_check
  check (rule in ('current_deficit', 'payment_capacity', 'execution_deviation', 'indicator_overrun', 'medical_balance_range', 'collection_rate', 'arrears_growth'));
