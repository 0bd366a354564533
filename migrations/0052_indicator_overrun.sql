-- Budget indicators (预算指标, R7.1): a payment that leaves a budget line's available amount below the warning line, or
-- overdraws it, raises an alert of rule indicator_overrun (src/modules/execution/indicators). The indicator accounts
-- themselves are computed from the approved budget versions, the sign-off engine's commitments and the ledger: no table.
alter table execution_alert drop constraint execution_alert_rule_check;
alter table execution_alert add constraint execution_alert_rule_check
  check (rule in ('current_deficit', 'payment_capacity', 'execution_deviation', 'indicator_overrun'));
