-- Risk-graded controls (issue 15 R9.3): the monthly audit sample of high-risk operations (稽核抽样).
--
-- supervision_sample: one draw for a region subtree and month with a seed and a size: how many high-risk operations
--   the month held (population) and who took it. The same region, month, seed and size is one sample: taking it
--   again answers the stored one, so the sample an auditor works through never shifts under them.
-- supervision_sample_item: the operations drawn (approval items of the register's kinds, graded high when
--   submitted), with what the auditor needs to find them (kind, when, by whom, the subject). Both append-only.
-- Citus: samples are few (reference-sized).

create table supervision_sample (
  id bigint primary key,
  region_code text not null,                                             -- the subtree the population was drawn from
  month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  seed bigint not null check (seed between 0 and 4294967295),
  size integer not null check (size > 0),
  population integer not null check (population >= 0),
  taken_by_id bigint,
  taken_by text not null,
  taken_at timestamptz not null default now(),
  unique (region_code, month, seed, size)
);

create table supervision_sample_item (
  sample_id bigint not null references supervision_sample (id),
  position integer not null check (position > 0),                      -- 1, 2, … in the order of the operations' ids
  region_code text not null,                                             -- the operation's region
  approval_item_id bigint not null references approval_item (id),
  kind text not null,
  submitted_at timestamptz not null,
  submitted_by text not null,
  subject text not null,
  primary key (sample_id, position),
  unique (sample_id, approval_item_id)
);

do $$ declare t text; begin
  foreach t in array array['supervision_sample', 'supervision_sample_item'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
  end loop;
end $$;
