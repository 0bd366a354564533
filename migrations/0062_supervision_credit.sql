-- Credit grades (信用等级) and the blacklist (严重失信人名单) of the subjects of supervision (issue 15, R9.4):
-- employers (credit code), medical institutions (institution code) and persons (ID number).
--
-- Legal basis: 社会保险经办条例 (2023) on 信用管理 [check: article]; 医疗保障基金使用监督管理条例 (2021) 第十六条,
-- 第三十八条至第四十一条 (信用管理, 失信惩戒) [check]; 人社部《社会保险领域严重失信人名单管理暂行办法》(人社部规〔2019〕2号):
-- listing after notice, a term, removal and 信用修复 [check: articles].
--
-- supervision_credit_run: one grading run (who, when, the scope, the parameters' values, how many subjects and changes).
--   Append-only.
-- supervision_credit_grade: each graded subject's current grade with the facts it was graded on; rewritten by every
--   run (one row per subject: subject kind and code).
-- supervision_credit_grade_history: a row only when a subject's grade changes (the first grading included), with
--   the reasons. Append-only.
-- supervision_blacklist: one listing of a subject: proposed (awaiting its sign-off) → listed (from listed_on until
--   listed_until, the term: an expired listing is off the list by its dates, no job) → removed (信用修复, early
--   removal signed off) or rejected (the proposal cancelled before approval). At most one proposal per subject waits.
-- supervision_blacklist_step: the listing's history (proposed, listed, removal proposed, removed, cancelled). Append-only.
-- Citus: subjects of supervision are few (reference-sized), as cases and findings are.

create table supervision_credit_run (
  id bigint primary key,
  region_code text not null,                                             -- the run's scope: the actor's region code, '' for a national run
  as_of date not null,
  parameters jsonb not null,
  subjects integer not null check (subjects >= 0),
  changed integer not null check (changed >= 0),
  run_by text not null,
  run_at timestamptz not null default now()
);

create table supervision_credit_grade (
  subject_kind text not null check (subject_kind in ('person', 'employer', 'institution')),
  subject text not null check (length(subject) between 1 and 40),
  region_code text not null,
  grade text not null check (length(grade) between 1 and 10),
  facts jsonb not null,                                                   -- what it was graded on: cases, amounts, findings, outstanding, listed
  reasons jsonb not null,                                                 -- the thresholds met
  run_id bigint not null references supervision_credit_run (id),
  graded_on date not null,
  primary key (subject_kind, subject)
);
create index supervision_credit_grade_grade on supervision_credit_grade (grade, subject_kind, region_code text_pattern_ops);

create table supervision_credit_grade_history (
  id bigint primary key,
  subject_kind text not null,
  subject text not null,
  region_code text not null,
  grade text not null,
  previous_grade text,                                                    -- null at the first grading
  facts jsonb not null,
  reasons jsonb not null,
  run_id bigint not null references supervision_credit_run (id),
  graded_on date not null
);
create index supervision_credit_grade_history_subject on supervision_credit_grade_history (subject_kind, subject, graded_on, id);

create table supervision_blacklist (
  id bigint primary key,
  subject_kind text not null check (subject_kind in ('person', 'employer', 'institution')),
  subject text not null check (length(subject) between 1 and 40),
  region_code text not null,
  reason text not null check (length(reason) between 2 and 500),         -- 列入理由
  notified_on date not null,                                              -- 告知书送达日期 (notice before listing)
  status text not null default 'proposed' check (status in ('proposed', 'listed', 'removed', 'rejected')),
  listing_item_id bigint not null,                                        -- the sign-off item of the listing
  listed_on date,
  listed_until date,                                                      -- the end of the term: off the list from this day
  removal_item_id bigint,                                                 -- the sign-off item of an early removal, once proposed
  removal_reason text,
  removed_on date,
  proposed_by text not null,
  proposed_at timestamptz not null default now(),
  check ((status in ('listed', 'removed')) = (listed_on is not null and listed_until is not null)),
  check ((status = 'removed') = (removed_on is not null)),
  check (listed_until is null or listed_until > listed_on)
);
create unique index supervision_blacklist_proposed on supervision_blacklist (subject_kind, subject) where status = 'proposed';
create index supervision_blacklist_subject on supervision_blacklist (subject_kind, subject, listed_until);

create table supervision_blacklist_step (
  id bigint primary key,
  listing_id bigint not null references supervision_blacklist (id),
  region_code text not null,
  step text not null,
  username text not null,
  note text,
  approval_item_id bigint,
  at timestamptz not null default now()
);
create index supervision_blacklist_step_listing on supervision_blacklist_step (listing_id, at, id);

do $$ declare t text; begin
  foreach t in array array['supervision_credit_run', 'supervision_credit_grade', 'supervision_credit_grade_history', 'supervision_blacklist', 'supervision_blacklist_step'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
  foreach t in array array['supervision_credit_run', 'supervision_credit_grade_history', 'supervision_blacklist_step'] loop
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
  end loop;
end $$;
