-- The auditors' review of the monthly audit sample (issue 15 R9.3, 稽核抽样核查): each sampled operation confirmed as
-- done by the rules (conforming, 核查无误) or marked irregular (irregular, 发现问题) with what was found.
--
-- supervision_sample_review: one review per operation a sample drew (the sample and its position), by whom and when,
--   with the auditor's note (required when irregular). Append-only: a review is a record of what the auditor saw;
--   a second look is a case (cases/), not an edited review. The reviewer is never the operation's submitter nor one
--   who signed it (the service checks the approval steps).
-- Citus: reviews are few (reference-sized).

create table supervision_sample_review (
  sample_id bigint not null,
  position integer not null,
  region_code text not null,                                             -- the operation's region
  approval_item_id bigint not null references approval_item (id),
  verdict text not null check (verdict in ('conforming', 'irregular')),
  note text check (note is null or length(note) <= 500),
  reviewed_by_id bigint,
  reviewed_by text not null,
  reviewed_at timestamptz not null default now(),
  primary key (sample_id, position),
  foreign key (sample_id, position) references supervision_sample_item (sample_id, position),
  check (verdict = 'conforming' or note is not null)
);

alter table supervision_sample_review enable row level security;
create policy supervision_sample_review_scope on supervision_sample_review using (in_scope(region_code)) with check (in_scope(region_code));
create trigger supervision_sample_review_append_only before update or delete or truncate on supervision_sample_review
  for each statement execute function reject_change();
