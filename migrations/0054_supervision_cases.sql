-- Supervision cases and recoveries (稽核案件, issue 15): a finding (or a report by hand) becomes a case —
-- 立案 → 调查中 → 已结论 → 追回中 → 已结案 — and the money recovered is booked to the fund ledger.
--
-- supervision_case: one case; `status` filing (立案 awaiting its sign-off) → investigating (立案 approved) → concluded
--   (结论 approved: 违规成立 with the amounts to recover, or 不成立) → recovering (a first recovery received) → closed;
--   withdrawn when the opening is cancelled before approval. The number is unique per region.
-- supervision_case_finding: the findings a case was opened from. A finding is in at most one open case: the partial
--   unique index over the links not yet released (a case's links are released when it is closed or withdrawn).
-- supervision_case_amount: the conclusion's amount to recover per fund (fen), written by the conclusion's approval.
-- supervision_case_recovery: money received (date, fund, amount, bank reference) with the ledger entry it posted.
--   Append-only.
-- supervision_case_step: the case's timeline (opened, approvals, conclusion, recoveries, closing), who and when.
--   Append-only.
-- Citus: cases are few (reference-sized), as findings are.

create table supervision_case (
  id bigint primary key,
  number text not null check (number ~ '^JC[0-9]{4}-[0-9]{4,}$'),        -- 稽核立案号 JCyyyy-nnnn
  region_code text not null,
  subject_kind text not null check (subject_kind in ('person', 'employer', 'institution')),
  subject text not null check (length(subject) between 1 and 40),         -- ID number, credit code or institution code
  kind text not null check (length(kind) between 1 and 60),               -- the detection rule, or other
  amount_involved bigint not null check (amount_involved >= 0),           -- fen: 涉及金额
  reason text not null check (length(reason) between 2 and 500),          -- 立案理由
  status text not null default 'filing' check (status in ('filing', 'investigating', 'concluded', 'recovering', 'closed', 'withdrawn')),
  opening_item_id bigint not null,                                        -- the sign-off item of the opening
  conclusion_item_id bigint,                                              -- the sign-off item of the conclusion, once submitted
  violation text check (violation in ('established', 'not_established')), -- 违规成立 / 不成立
  legal_basis text,
  conclusion_note text,
  opened_by text not null,
  opened_at timestamptz not null default now(),
  concluded_at timestamptz,
  closed_by text,
  closed_at timestamptz,
  unique (region_code, number),
  check ((violation is null) = (status in ('filing', 'investigating', 'withdrawn')))
);
create index supervision_case_status on supervision_case (status, region_code text_pattern_ops);

create table supervision_case_finding (
  case_id bigint not null references supervision_case (id),
  finding_id bigint not null references supervision_finding (id),
  region_code text not null,
  released_at timestamptz,                                                -- set when the case closes or is withdrawn
  primary key (case_id, finding_id)
);
-- a finding is in at most one open case
create unique index supervision_case_finding_open on supervision_case_finding (finding_id) where released_at is null;

create table supervision_case_amount (
  case_id bigint not null references supervision_case (id),
  fund_code text not null,
  region_code text not null,
  amount bigint not null check (amount > 0),                              -- fen: 应追回金额
  primary key (case_id, fund_code)
);

create table supervision_case_recovery (
  id bigint primary key,
  case_id bigint not null references supervision_case (id),
  region_code text not null,
  fund_code text not null,
  amount bigint not null check (amount > 0),                              -- fen
  recovered_on date not null,
  bank_reference text not null check (length(bank_reference) between 1 and 60),
  entry_id text not null,                                                 -- the ledger entry posted
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  foreign key (case_id, fund_code) references supervision_case_amount (case_id, fund_code)
);
create index supervision_case_recovery_case on supervision_case_recovery (case_id, recovered_on);

create table supervision_case_step (
  id bigint primary key,
  case_id bigint not null references supervision_case (id),
  region_code text not null,
  step text not null,
  username text not null,
  note text,
  approval_item_id bigint,
  at timestamptz not null default now()
);
create index supervision_case_step_case on supervision_case_step (case_id, at, id);

do $$ declare t text; begin
  foreach t in array array['supervision_case', 'supervision_case_finding', 'supervision_case_amount', 'supervision_case_recovery', 'supervision_case_step'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
  foreach t in array array['supervision_case_recovery', 'supervision_case_step'] loop
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
  end loop;
end $$;
