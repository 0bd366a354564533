-- Self-service portals (R3.6, R10.1): an employer asks online to add or remove an employee (网上申报); the
-- agency reviews the request, and its approval registers the person, the hire or the separation in the registry.
-- A request is never deleted: it is pending until one reviewer approves or rejects it (with a reason).

create table employment_request (
  employer_id bigint not null references employer (id),
  id bigint not null,
  region_code text not null,                        -- the employer's region: the agency that reviews it
  kind text not null check (kind in ('hire', 'separate')),
  id_number text not null,                          -- 公民身份号码 as the employer gave it (hire) or as registered (separate)
  name text not null,
  person_id bigint references person (id),          -- separate: the employee; hire: set on approval
  employment_id bigint,                             -- separate: the employment to close; hire: the one opened on approval
  hired_on date,
  separated_on date,
  separation_reason text check (separation_reason in ('voluntary', 'involuntary', 'retirement', 'death', 'other')),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  requested_by text not null,
  requested_at timestamptz not null default now(),
  reviewed_by text,
  reviewed_at timestamptz,
  review_reason text,                               -- required when rejected
  primary key (employer_id, id),
  check ((kind = 'hire') = (hired_on is not null)),
  check ((kind = 'separate') = (separated_on is not null and separation_reason is not null)),
  check (kind = 'hire' or (person_id is not null and employment_id is not null)),
  check ((status = 'pending') = (reviewed_by is null and reviewed_at is null)),
  check (status <> 'rejected' or review_reason is not null)
);
create unique index employment_request_id on employment_request (id);
create index employment_request_status on employment_request (status, region_code text_pattern_ops);
-- One open request per person per employer: a second one while the first waits is a conflict.
create unique index employment_request_pending on employment_request (employer_id, id_number) where status = 'pending';

alter table employment_request enable row level security;
create policy employment_request_scope on employment_request using (in_scope(region_code)) with check (in_scope(region_code));
