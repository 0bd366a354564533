-- Checks that warn (风险分级 次风险, seed 004 篇7: "存在风险隐患、损失可以通过应用程序进行挽回"; issue 15 R9.3: "medium →
-- automatic checks that warn and need a reason to override"): each time an operation's automatic checks raised
-- warnings — the operation stopped (the operator was shown them) or carried on over them with the reason given.
-- The control register counts them per control point and month (fired, overridden). Append-only.
create table control_check_event (
  id bigint primary key,
  point text not null check (point ~ '^[a-z][a-z0-9_.]*$'),      -- the control point (params/supervision/controls.yaml `checks`)
  region_code text not null references region (code),
  subject text not null,                                           -- what was checked: an employer's credit code, a person …
  outcome text not null check (outcome in ('stopped', 'overridden')),
  warnings jsonb not null,                                         -- [{check, message}] as shown, in Chinese
  reason text check (reason is null or length(reason) between 4 and 500),
  actor text not null,
  happened_at timestamptz not null default now(),
  check ((outcome = 'overridden') = (reason is not null))
);
create index control_check_event_month on control_check_event (point, happened_at);

alter table control_check_event enable row level security;
create policy control_check_event_scope on control_check_event using (in_scope(region_code)) with check (in_scope(region_code));

create trigger control_check_event_append_only before update or delete or truncate on control_check_event
  for each statement execute function reject_change();
