-- Dunning as a workflow and certificates anyone can verify (issue 11).
--
-- 催缴通知书 and 限期缴纳通知书 (社会保险法 第六十三条: 用人单位未按时足额缴纳的，社会保险费征收机构责令其限期缴纳或者
-- 补足): each notice issued is a record with the amounts as of its date, and each delivery of it (送达: 直接送达, 邮寄送达,
-- 电子送达) is recorded. Instalment agreements (分期缴纳) and late-fee waivers (滞纳金减免) are decided through the
-- sign-off engine; its final approval writes the record here. Certificates (参保证明, 个人权益记录单) keep the hash of
-- their verification code and of the facts they state, so that anyone holding one can check it.
--
-- Append-only, like the ledger: a notice, a delivery, an agreement, a waiver or a certificate is never edited; a
-- correction is a new record. Citus: notices, deliveries, agreements and waivers are distributed by employer_id,
-- certificates by person_id.

-- The last number given per region, year and kind of notice (numbers gap-free, taken in the issuing transaction).
create table dunning_counter (
  region_code text not null,
  year integer not null,
  kind text not null check (kind in ('reminder', 'order')),
  last_number integer not null check (last_number >= 1),
  primary key (region_code, year, kind)
);
alter table dunning_counter enable row level security;
create policy dunning_counter_scope on dunning_counter using (in_scope(region_code)) with check (in_scope(region_code));

-- 催缴通知书 (reminder) and 限期缴纳通知书 (order, with its deadline).
create table dunning_notice (
  employer_id bigint not null references employer (id),
  id bigint not null,
  number text not null,                                -- CJ-2026-990102-0001 (reminder), XJ-… (order)
  kind text not null check (kind in ('reminder', 'order')),
  region_code text not null,
  as_of date not null,                                 -- the amounts are the employer's arrears on this day
  principal bigint not null check (principal > 0),     -- fen: contributions overdue
  late_fee bigint not null check (late_fee >= 0),      -- fen: late fee accrued and unpaid on as_of
  periods jsonb not null,                              -- [{period, dueDate, daysOverdue, principal, lateFee}] as printed
  deadline date,                                       -- 限期: pay by this day (orders only)
  issued_by text not null,
  issued_at timestamptz not null default now(),
  primary key (employer_id, id),
  check ((kind = 'order') = (deadline is not null)),
  check (deadline is null or deadline > as_of)
);
create unique index dunning_notice_number on dunning_notice (number);
create index dunning_notice_region on dunning_notice (region_code text_pattern_ops, as_of);

-- 送达回证: how, when and to whom a notice was delivered.
create table dunning_delivery (
  employer_id bigint not null,
  id bigint not null,
  notice_id bigint not null,
  region_code text not null,
  method text not null check (method in ('direct', 'mail', 'electronic')),  -- 直接送达, 邮寄送达, 电子送达
  delivered_on date not null,
  recipient text not null check (length(recipient) between 1 and 100),     -- 受送达人 (and 签收人)
  note text check (note is null or length(note) <= 500),                   -- 邮件号, 电子送达地址 …
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (employer_id, id),
  foreign key (employer_id, notice_id) references dunning_notice (employer_id, id)
);

-- 分期缴纳协议: written by the final approval of its sign-off item (dunning.instalment).
create table instalment_agreement (
  employer_id bigint not null references employer (id),
  id bigint not null,
  region_code text not null,
  approval_item_id bigint not null,
  as_of date not null,
  principal bigint not null check (principal > 0),     -- the arrears the agreement covers
  instalments jsonb not null,                          -- [{dueDate, amount}] adding up to principal
  reason text not null,
  approved_by text not null,
  approved_at timestamptz not null default now(),
  primary key (employer_id, id)
);
create unique index instalment_agreement_item on instalment_agreement (approval_item_id);

-- 滞纳金减免: only on the grounds the law allows (dunning.calc.ts waiverGrounds), through sign-off (dunning.late_fee_waiver).
create table late_fee_waiver (
  employer_id bigint not null references employer (id),
  id bigint not null,
  region_code text not null,
  approval_item_id bigint not null,
  as_of date not null,
  amount bigint not null check (amount > 0),           -- fen of late fee waived
  ground text not null check (ground in ('force_majeure', 'reconsideration')),
  document text not null check (length(document) between 2 and 200),  -- 不可抗力证明 / 复议决定书、判决书文号
  approved_by text not null,
  approved_at timestamptz not null default now(),
  primary key (employer_id, id)
);
create unique index late_fee_waiver_item on late_fee_waiver (approval_item_id);

-- 参保证明 (participation) and 个人权益记录单 (rights_record) as issued.
create table certificate (
  person_id bigint not null references person (id),
  id bigint not null,
  kind text not null check (kind in ('participation', 'rights_record')),
  region_code text not null,
  code_hash text not null,                             -- SHA-256 (hex) of the verification code printed on it
  facts jsonb not null,                                -- what the document states (ID number masked)
  facts_hash text not null,                            -- SHA-256 (hex) of the facts as printed (canonical JSON)
  issued_on date not null,
  issued_by text not null,
  issued_at timestamptz not null default now(),
  primary key (person_id, id)
);
create unique index certificate_code on certificate (code_hash);

do $$ declare t text; begin
  foreach t in array array['dunning_notice', 'dunning_delivery', 'instalment_agreement', 'late_fee_waiver', 'certificate'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
  end loop;
end $$;
