-- The job runner (src/platform/jobs): one table of jobs and one of their chunks for every long or scheduled piece
-- of work (billing runs, year-end interest, the monthly sweep; later payroll, alert evaluation, forecasts).
-- A job is unique per kind and key (the key names its scope: '2026-11/990000'); it keeps a snapshot of its
-- parameters and the actor it works for, so a job resumed after a crash, by another process, computes exactly what
-- the uninterrupted one would have and records the same user. A process works a job only while it holds the lease
-- (renewed by a heartbeat); each chunk commits its effects and its done mark in one transaction.
create table job (
  id bigint primary key,
  kind text not null check (kind ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),
  key text not null check (key <> ''),
  region_code text references region (code),          -- null: the whole installation (national scope only)
  parameters jsonb not null,
  actor jsonb not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
  chunks integer not null default 0 check (chunks >= 0),
  error text,
  result jsonb,
  attempts integer not null default 0,
  lease_owner text,
  lease_until timestamptz,
  started_by text not null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  unique (kind, key),
  check ((status = 'failed') = (error is not null))
);
create index job_resumable on job (lease_until) where status in ('queued', 'running');
create index job_recent on job (created_at desc);

create table job_chunk (
  job_id bigint not null references job (id),
  chunk integer not null check (chunk >= 1),
  payload jsonb not null,
  done_at timestamptz,
  primary key (job_id, chunk)
);
create index job_chunk_open on job_chunk (job_id, chunk) where done_at is null;

-- Work on a job (creating it, its chunks, leases, retry) stays within the actor's subtree. Reading also shows the jobs
-- of the regions above (as interest_run does, 0011): a province's billing run billed the city too, and its staff see
-- it, with its progress, on their billing page. A national job (region null) is seen by the national scope only.
alter table job enable row level security;
create policy job_scope on job using (in_scope(coalesce(region_code, ''))) with check (in_scope(coalesce(region_code, '')));
create policy job_read_from_below on job for select
  using (region_code is not null and coalesce(current_scope(), '') not in ('', '*') and current_scope() like region_scope_prefix(region_code) || '%');
alter table job_chunk enable row level security;
create policy job_chunk_scope on job_chunk
  using (exists (select 1 from job j where j.id = job_chunk.job_id and in_scope(coalesce(j.region_code, ''))))
  with check (exists (select 1 from job j where j.id = job_chunk.job_id and in_scope(coalesce(j.region_code, ''))));
-- a chunk is read with its job (the job's own policies decide)
create policy job_chunk_read on job_chunk for select using (exists (select 1 from job j where j.id = job_chunk.job_id));

-- Billing runs (0005) move onto the runner: each run becomes a job of kind billing.run with the same id, its
-- chunks job chunks with the employer range as payload; bills keep their run_id, now a job id.
insert into job (id, kind, key, region_code, parameters, actor, status, chunks, started_by, created_at, started_at, finished_at)
select id, 'billing.run', period || '/' || region_code, region_code,
       jsonb_build_object('period', period, 'region', region_code, 'billing', parameters),
       jsonb_build_object('userId', null, 'username', 'system:billing', 'role', 'system', 'regionCode', null,
                          'grants', jsonb_build_array('billing.run', 'billing.read')),
       status, chunks, started_by, started_at, started_at, finished_at
from billing_run;
insert into job_chunk (job_id, chunk, payload, done_at)
select run_id, chunk, jsonb_build_object('employerFrom', employer_from::text, 'employerTo', employer_to::text), done_at
from billing_chunk;
alter table bill drop constraint bill_run_id_fkey;
alter table bill add constraint bill_job_fkey foreign key (run_id) references job (id);
drop table billing_chunk;
drop table billing_run;
