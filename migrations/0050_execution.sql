-- Budget execution (issue 14, R8.1, R8.2, R9.7): early-warning alerts with their lifecycle, and published reports.
--
-- execution_alert: what an early-warning rule found for a fund (rule, condition_key: what makes it the same condition on
--   the next evaluation, e.g. the fund, or the fund and the budget line), with its severity, the figures that raised it
--   (figures, as JSON of yuan and decimal strings) and the month evaluated. raised → acknowledged (note) → resolved
--   (action taken), or auto_resolved when an evaluation no longer finds the condition. At most one open alert (raised
--   or acknowledged) per rule and condition: the partial unique index, so that two evaluations at once never raise twice.
-- published_report: a report put on the public pages (社会保险经办条例 art. 50): fund-level figures only, never personal
--   data. Append-only: a correction is a new row that supersedes the earlier one of the same region and period.
-- Citus: both are few rows (reference-sized); region_code carries the data scope.

create table execution_alert (
  id bigint primary key,
  rule text not null check (rule in ('current_deficit', 'payment_capacity', 'execution_deviation')),
  condition_key text not null,
  fund_code text not null,
  region_code text not null,                                              -- the fund's pooling region
  severity text not null check (severity in ('warning', 'critical')),
  status text not null default 'raised' check (status in ('raised', 'acknowledged', 'resolved', 'auto_resolved')),
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),     -- the month last evaluated
  figures jsonb not null,                                                 -- what raised it: yuan and decimal strings
  raised_at timestamptz not null default now(),
  last_evaluated_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  acknowledged_by text,
  acknowledge_note text check (length(acknowledge_note) between 1 and 2000),
  resolved_at timestamptz,
  resolved_by text,
  resolution_note text check (length(resolution_note) between 1 and 2000),
  check (status not in ('resolved', 'auto_resolved') or resolved_at is not null)
);
create unique index execution_alert_open on execution_alert (rule, condition_key) where status in ('raised', 'acknowledged');
create index execution_alert_region on execution_alert (region_code text_pattern_ops, status);

create table published_report (
  id bigint primary key,
  region_code text not null,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  title text not null check (length(title) between 1 and 200),
  body jsonb not null,                                                    -- fund-level figures: income, expense, balance per fund
  supersedes_id bigint references published_report (id),
  approval_item_id bigint,
  published_by text not null,
  published_at timestamptz not null default now(),
  unique (supersedes_id)
);
create index published_report_region on published_report (region_code, period);

do $$ declare t text; begin
  foreach t in array array['execution_alert', 'published_report'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
end $$;
create trigger published_report_append_only before update or delete or truncate on published_report
  for each statement execute function reject_change();
