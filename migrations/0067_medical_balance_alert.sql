-- A fifth early-warning rule (src/modules/execution/alerts.calc.ts): the employee medical pooled fund's accumulated
-- balance above its reasonable range (人社部发〔2009〕67号, params/warning/medical).
alter table execution_alert drop constraint execution_alert_rule_check;
alter table execution_alert add constraint execution_alert_rule_check
  check (rule in ('current_deficit', 'payment_capacity', 'execution_deviation', 'indicator_overrun', 'medical_balance_range'));
