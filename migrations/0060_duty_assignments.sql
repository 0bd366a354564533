-- Duty assignments (岗位责任, issue 14 R7.2): who is responsible for a fund's budget execution in a region — per region,
-- scheme (the fund's insurance, or 'all') and staff user, from a date. 社会保险经办条例 art. 5 and 人社部《社会保险基金
-- 预算执行监控》practice: each fund's execution has a named responsible person (岗位责任制) [check].
--
-- History is never overwritten: an assignment is never edited; a new one for the same region and scheme supersedes the
-- latest (supersedes_id) and so ends its period the day before its own valid_from. One chain per region and scheme: the
-- first has no supersedes_id (unique per region and scheme), each later one supersedes exactly one (unique), so two
-- assignments made at once cannot both follow the same one. Row-level security by the region assigned; the user's name
-- is kept with the assignment, since a county's staff may not read the account of a responsible at the city or province.
create table duty_assignment (
  id bigint primary key,
  region_code text not null references region (code),
  scheme text not null check (scheme ~ '^[a-z][a-z_]*$'),     -- an insurance with a budget table, or 'all'
  user_id bigint not null references app_user (id),
  username text not null,
  name text not null,                                           -- the user's name when assigned: readable below the user's region
  valid_from date not null,
  supersedes_id bigint references duty_assignment (id),
  assigned_by text not null,
  assigned_at timestamptz not null default now()
);
create unique index duty_assignment_first on duty_assignment (region_code, scheme) where supersedes_id is null;
create unique index duty_assignment_supersedes on duty_assignment (supersedes_id) where supersedes_id is not null;
create index duty_assignment_region on duty_assignment (region_code text_pattern_ops, scheme);

create trigger duty_assignment_append_only before update or delete or truncate on duty_assignment
  for each statement execute function reject_change();
alter table duty_assignment enable row level security;
create policy duty_assignment_scope on duty_assignment using (in_scope(region_code)) with check (in_scope(region_code));

-- An alert's owner: the user responsible for the fund's region and scheme when the alert was raised (the duty
-- assignment in force that day), null when none is assigned. Acknowledging and resolving record who did so as before.
alter table execution_alert add column owner text;
