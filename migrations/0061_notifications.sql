-- Alert webhooks and the monthly analysis generated when a month closes (issue 14: R8.2 "notifications … by webhook
-- (signed, retried)", R7.5 "generated automatically when a month closes"; src/modules/execution/notifications).
--
-- webhook_subscription: an endpoint registered by an administrator (permission notifications.manage), the events it
-- wants and an optional region whose subtree's alerts and analyses it receives (null: every region, managed by the
-- national scope). The secret signs every POST (HMAC-SHA256) and is never returned after creation. A subscription is
-- switched off and on (enabled), never deleted: its deliveries keep pointing at it.
--
-- webhook_delivery: one event for one subscription, with the exact body sent (signed as stored) and the kernel job
-- that sends it (kind execution.webhook); webhook_delivery_attempt: every POST, its answer or error and what follows
-- (delivered, retry at next_attempt_at, failed). Both are history: append-only.
--
-- monthly_analysis: the 月度基金收支分析 of a region for a month, built and stored once every fund of the region's
-- subtree has closed the month (kind execution.monthly_analysis), so that it can be listed and downloaded again as it
-- stood; one per region and month, append-only.
create table webhook_subscription (
  id bigint primary key,
  url text not null check (url ~ '^https?://[^\s/]+' and length(url) <= 2000),
  secret text not null check (length(secret) between 16 and 200),
  events text[] not null check (cardinality(events) > 0 and events <@ array['alert.raised', 'alert.acknowledged', 'alert.resolved', 'alert.auto_resolved', 'analysis.generated']),
  region_code text references region (code),
  enabled boolean not null default true,
  created_by text not null,
  created_at timestamptz not null default now(),
  changed_by text,
  changed_at timestamptz
);

create table webhook_delivery (
  id bigint primary key,
  subscription_id bigint not null references webhook_subscription (id),
  event text not null,
  event_id bigint not null,
  region_code text not null references region (code),
  body text not null,
  job_id bigint not null,
  created_at timestamptz not null default now(),
  unique (subscription_id, event_id)
);
create index webhook_delivery_of_subscription on webhook_delivery (subscription_id, created_at desc);

create table webhook_delivery_attempt (
  delivery_id bigint not null references webhook_delivery (id),
  attempt smallint not null check (attempt >= 1),
  region_code text not null,
  attempted_at timestamptz not null default now(),
  status_code smallint,
  error text,
  outcome text not null check (outcome in ('delivered', 'retry', 'failed')),
  next_attempt_at timestamptz,
  primary key (delivery_id, attempt),
  check ((outcome = 'retry') = (next_attempt_at is not null)),
  check ((outcome = 'delivered') = (error is null))
);
create index webhook_delivery_attempt_retry on webhook_delivery_attempt (next_attempt_at) where outcome = 'retry';

create table monthly_analysis (
  id bigint primary key,
  region_code text not null references region (code),
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  report jsonb not null,
  job_id bigint not null,
  generated_at timestamptz not null default now(),
  unique (region_code, period)
);

do $$
declare t text;
begin
  foreach t in array array['webhook_delivery', 'webhook_delivery_attempt', 'monthly_analysis'] loop
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
end $$;

create trigger webhook_subscription_kept before delete or truncate on webhook_subscription for each statement execute function reject_change();
alter table webhook_subscription enable row level security;
-- Managed within its region's scope (a subscription of every region by the national scope only). Read also from
-- below: an alert acknowledged by a county's staff is sent to the subscriptions of the city, the province and of
-- every region, in the same transaction (the service never returns the secret, the routes need notifications.manage).
create policy webhook_subscription_manage on webhook_subscription
  using (case when region_code is null then current_scope() = '*' else in_scope(region_code) end)
  with check (case when region_code is null then current_scope() = '*' else in_scope(region_code) end);
create policy webhook_subscription_read_from_below on webhook_subscription for select
  using (coalesce(current_scope(), '') <> '' and (region_code is null or current_scope() = '*'
         or current_scope() like region_scope_prefix(region_code) || '%'));
