-- Sign-off (R4.5, R5.4): one engine for every decision that needs more than one person. An item waits through the
-- levels its kind declares (复核 → 审批 …), each signed by a different user than the drafter and than every other
-- level; its effect commits in the same transaction as the final approval. The steps are append-only.
-- Replaces entry_draft and period_reopen_request (ledger) and the review columns of employment_request (portal).

create table approval_item (
  id bigint primary key,
  kind text not null,
  region_code text not null,
  title text not null,
  -- what the item is about, for "one open item per subject" (e.g. payment:123, fund_period:pension-990000:2026-01)
  subject_key text not null,
  amount bigint,                                   -- fen; chooses the levels with the kind's threshold
  risk text not null check (risk in ('high', 'medium', 'low')),
  -- the decision levels this item needs, fixed at submission: [{name, label, permission}]
  levels jsonb not null check (jsonb_typeof(levels) = 'array' and jsonb_array_length(levels) > 0),
  parameter_refs jsonb not null,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'returned', 'approved', 'cancelled')),
  next_level int not null default 0,               -- index into levels of the level to decide next
  submitted_by_id bigint,
  submitted_by text not null,
  submitted_at timestamptz not null default now(),
  deadline_on date not null,                       -- service deadline (working days from submission)
  decided_at timestamptz,
  result jsonb,                                    -- what the effect produced (entry id, bill numbers, …)
  check (next_level >= 0 and next_level <= jsonb_array_length(levels)),
  check ((status = 'approved') = (result is not null)),
  check ((status in ('approved', 'cancelled')) = (decided_at is not null))
);
create unique index approval_item_open_subject on approval_item (subject_key) where status in ('pending', 'returned');
create index approval_item_status on approval_item (status, region_code text_pattern_ops);
create index approval_item_kind on approval_item (kind, submitted_at desc);

create table approval_step (
  item_id bigint not null references approval_item (id),
  seq int not null,
  region_code text not null,
  action text not null check (action in ('submit', 'approve', 'return', 'resubmit', 'cancel')),
  level int,                                       -- approve: the level signed
  level_name text,
  user_id bigint,
  username text not null,
  role text not null,
  comment text,
  at timestamptz not null default now(),
  primary key (item_id, seq),
  check ((action = 'approve') = (level is not null)),
  check (action not in ('return', 'cancel') or coalesce(btrim(comment), '') <> '')
);
create trigger approval_step_append_only before update or delete or truncate on approval_step
  for each statement execute function reject_change();

-- Separation of duties in the database too: one user signs at most one level of an item, and never their own.
-- (After a return the same person may sign the same level again, once per round.)
create function approval_step_signed() returns trigger language plpgsql as $$
declare
  v_round int;
begin
  if new.action <> 'approve' or new.user_id is null then return new; end if;
  select coalesce(max(seq), 0) into v_round from approval_step where item_id = new.item_id and action in ('submit', 'resubmit');
  if exists (select 1 from approval_step s where s.item_id = new.item_id and s.user_id = new.user_id
              and (s.action in ('submit', 'resubmit')
                   or (s.action = 'approve' and (s.level <> new.level or s.seq > v_round)))) then
    raise exception 'user % already signed item % (drafter or another level): separation of duties', new.username, new.item_id using errcode = '23514';
  end if;
  return new;
end $$;
create trigger approval_step_separation before insert on approval_step for each row execute function approval_step_signed();

alter table approval_item enable row level security;
create policy approval_item_scope on approval_item using (in_scope(region_code)) with check (in_scope(region_code));
alter table approval_step enable row level security;
create policy approval_step_scope on approval_step using (in_scope(region_code)) with check (in_scope(region_code));

-- ── what was waiting in the old tables moves onto the engine ─────────────────────────────────────────────────────

insert into approval_item (id, kind, region_code, title, subject_key, amount, risk, levels, parameter_refs, payload, status, next_level,
                           submitted_by_id, submitted_by, submitted_at, deadline_on, decided_at, result)
select d.id, 'ledger.entry', d.region_code,
       case when d.content->>'kind' = 'reversal' then '冲销凭证 ' || (d.content->>'reverses') else '手工凭证 ' || f.code end,
       case when d.content->>'kind' = 'reversal' then 'entry-reversal:' || f.code || ':' || (d.content->>'reverses') else 'entry-draft:' || d.id end,
       null, 'medium', '[{"name":"review","label":"复核","permission":"ledger.entry.approve"}]'::jsonb, '{"migratedFrom":"entry_draft"}'::jsonb,
       jsonb_build_object('fund', f.code) || d.content,
       case d.status when 'pending' then 'pending' when 'approved' then 'approved' else 'cancelled' end,
       case d.status when 'approved' then 1 else 0 end,
       d.made_by_id, d.made_by, d.made_at, (d.made_at + interval '7 days')::date, d.decided_at,
       case when d.status = 'approved' then jsonb_build_object('entryId', d.posted_entry_id::text) end
  from entry_draft d join fund f on f.id = d.fund_id;
insert into approval_step (item_id, seq, region_code, action, username, role, user_id, comment, at)
select id, 1, region_code, 'submit', made_by, 'operator', made_by_id, null, made_at from entry_draft;
insert into approval_step (item_id, seq, region_code, action, level, level_name, username, role, user_id, comment, at)
select id, 2, region_code, case status when 'approved' then 'approve' else 'cancel' end, case status when 'approved' then 0 end,
       case status when 'approved' then 'review' end, decided_by, 'reviewer', decided_by_id, coalesce(decision_note, case status when 'rejected' then '退回' end), decided_at
  from entry_draft where status <> 'pending';

insert into approval_item (id, kind, region_code, title, subject_key, amount, risk, levels, parameter_refs, payload, status, next_level,
                           submitted_by_id, submitted_by, submitted_at, deadline_on, decided_at, result)
select r.id, 'ledger.period_reopen', r.region_code, '反结账 ' || f.code || ' ' || r.period, 'fund_period:' || f.code || ':' || r.period,
       null, 'high', '[{"name":"approve","label":"审批","permission":"period.reopen.approve"}]'::jsonb, '{"migratedFrom":"period_reopen_request"}'::jsonb,
       jsonb_build_object('fund', f.code, 'period', r.period, 'reason', r.reason),
       case r.status when 'pending' then 'pending' when 'approved' then 'approved' else 'cancelled' end,
       case r.status when 'approved' then 1 else 0 end,
       r.requested_by_id, r.requested_by, r.requested_at, (r.requested_at + interval '5 days')::date, r.decided_at,
       case when r.status = 'approved' then jsonb_build_object('period', r.period) end
  from period_reopen_request r join fund f on f.id = r.fund_id;
insert into approval_step (item_id, seq, region_code, action, username, role, user_id, comment, at)
select id, 1, region_code, 'submit', requested_by, 'operator', requested_by_id, reason, requested_at from period_reopen_request;
insert into approval_step (item_id, seq, region_code, action, level, level_name, username, role, user_id, comment, at)
select id, 2, region_code, case status when 'approved' then 'approve' else 'cancel' end, case status when 'approved' then 0 end,
       case status when 'approved' then 'approve' end, decided_by, 'approver', decided_by_id, case status when 'rejected' then '驳回' end, decided_at
  from period_reopen_request where status <> 'pending';

drop table entry_draft;
drop table period_reopen_request;

-- Employment requests stay as the employer's declaration (what was asked); their review is an approval item.
alter table employment_request add column approval_item_id bigint references approval_item (id);
insert into approval_item (id, kind, region_code, title, subject_key, amount, risk, levels, parameter_refs, payload, status, next_level,
                           submitted_by_id, submitted_by, submitted_at, deadline_on, decided_at, result)
select r.id, 'employment.request', r.region_code, case r.kind when 'hire' then '增员 ' else '减员 ' end || r.name,
       'employment_request:' || r.employer_id || ':' || r.id_number, null, 'high',
       '[{"name":"review","label":"审核","permission":"employment.request.review"}]'::jsonb, '{"migratedFrom":"employment_request"}'::jsonb,
       jsonb_build_object('employerId', r.employer_id::text, 'requestId', r.id::text),
       case r.status when 'pending' then 'pending' when 'approved' then 'approved' else 'cancelled' end,
       case r.status when 'approved' then 1 else 0 end,
       null, r.requested_by, r.requested_at, (r.requested_at + interval '14 days')::date, r.reviewed_at,
       case when r.status = 'approved' then jsonb_build_object('personId', r.person_id::text, 'employmentId', r.employment_id::text) end
  from employment_request r;
insert into approval_step (item_id, seq, region_code, action, username, role, comment, at)
select id, 1, region_code, 'submit', requested_by, 'employer', null, requested_at from employment_request;
insert into approval_step (item_id, seq, region_code, action, level, level_name, username, role, comment, at)
select id, 2, region_code, case status when 'approved' then 'approve' else 'cancel' end, case status when 'approved' then 0 end,
       case status when 'approved' then 'review' end, reviewed_by, 'operator', review_reason, reviewed_at
  from employment_request where status <> 'pending';
update employment_request set approval_item_id = id;
drop index employment_request_pending;
alter table employment_request drop column status, drop column reviewed_by, drop column reviewed_at, drop column review_reason;
alter table employment_request alter column approval_item_id set not null;
create unique index employment_request_approval_item on employment_request (approval_item_id);

-- Payment reversals are requested, then signed: the reversal row records who asked and who approved.
alter table payment_reversal add column approval_item_id bigint references approval_item (id);

-- 三员分立: the security auditor (安全审计员) reads and verifies the audit trail and the sign-in log.
alter table app_user drop constraint app_user_role_check;
alter table app_user add constraint app_user_role_check
  check (role in ('operator', 'reviewer', 'approver', 'finance', 'supervisor', 'auditor', 'security_auditor', 'admin', 'employer', 'person'));
