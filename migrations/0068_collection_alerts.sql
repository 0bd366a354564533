-- Two more early-warning rules (src/modules/execution/alerts.calc.ts; issue 14 R8.1): the collection rate of the year
-- to date down against the same months of last year, and the arrears at the month end grown against the same month
-- end of last year (params/warning/collection).
alter table execution_alert drop constraint execution_alert_rule_check;
alter table execution_alert add constraint execution_alert_rule_check
  check (rule in ('current_deficit', 'payment_capacity', 'execution_deviation', 'indicator_overrun', 'medical_balance_range', 'collection_rate', 'arrears_growth'));

-- The funds whose ledger changed since their alerts were last evaluated (alerts.service.ts, issue 14 R8.1: "evaluated
-- when the ledger changes (debounced)"): a posting's transaction inserts its funds, on conflict nothing (the first
-- change of a window keeps its time); the schedule takes the rows older than the quiet interval
-- (execution.alert_reevaluation_delay_seconds) into one evaluation. Few rows (one per fund at most).
create table execution_alert_pending (
  fund_code text primary key,
  region_code text not null,                                              -- the fund's pooling region
  changed_at timestamptz not null default now()
);
alter table execution_alert_pending enable row level security;
create policy execution_alert_pending_scope on execution_alert_pending using (in_scope(region_code)) with check (in_scope(region_code));
