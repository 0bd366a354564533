-- Inspections (稽核, issue 15 R9.4): external data imported for comparison, and the findings of the detection rules.
--
-- supervision_tax_wage: wages employers declared to the tax bureau (个人所得税工资薪金申报), one row per period, employer
--   and person, as imported (idNumber as the file gives it: the person may not be registered at all). Append-only.
-- supervision_claim_detail: medical claim details (医保结算明细) from the medical security platform, one row per item
--   of a claim; the patient is a registered person, the institution a code (it may be outside the region's register).
--   A claim (institution, claimId) comes from one import. Append-only.
-- supervision_finding: what a detection rule found (rule, subject: the ID number, credit code or institution code,
--   period, amount in fen, evidence rows as JSON, legal basis), open until taken up as a case or dismissed. A rule's
--   re-run replaces its open findings; a finding taken up or dismissed is kept, and the same finding (rule, key) is
--   never added twice.
-- Citus: tax wages distributed by employer_id, claim details by person_id, findings are few (reference-sized).

create table supervision_tax_wage (
  employer_id bigint not null references employer (id),
  id bigint not null,
  region_code text not null,                                              -- the employer's region
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),     -- 税款所属期
  credit_code text not null,
  id_number text not null,
  wage bigint not null check (wage >= 0),                                  -- fen: 工资薪金收入 of the month
  import_id bigint not null,
  line integer not null,                                                   -- the row of the file it came from
  primary key (employer_id, id),
  unique (employer_id, period, id_number)
);
create index supervision_tax_wage_period on supervision_tax_wage (period, region_code text_pattern_ops);
create index supervision_tax_wage_person on supervision_tax_wage (id_number, period);

create table supervision_claim_detail (
  person_id bigint not null references person (id),
  id bigint not null,
  region_code text not null,                                              -- the patient's region (参保地)
  claim_id text not null check (length(claim_id) between 1 and 60),       -- 结算单号
  institution_code text not null check (institution_code ~ '^[A-Za-z0-9]{1,40}$'),
  id_number text not null,
  admitted date not null,
  discharged date not null,
  item text not null check (length(item) between 1 and 200),             -- 收费项目
  quantity numeric(12, 2) not null check (quantity > 0),
  amount bigint not null check (amount >= 0),                             -- fen
  import_id bigint not null,
  line integer not null,
  primary key (person_id, id),
  check (discharged >= admitted)
);
create index supervision_claim_detail_claim on supervision_claim_detail (institution_code, claim_id);
create index supervision_claim_detail_patient on supervision_claim_detail (person_id, institution_code, admitted);

create table supervision_finding (
  id bigint primary key,
  rule text not null,
  finding_key text not null,                                              -- what makes it the same finding on a re-run
  subject text not null,
  region_code text not null,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  amount bigint not null check (amount >= 0),                             -- fen
  evidence jsonb not null,
  legal_basis text not null,
  status text not null default 'open' check (status in ('open', 'case', 'dismissed')),
  job_id bigint not null,
  found_at timestamptz not null default now(),
  unique (rule, finding_key)
);
create index supervision_finding_rule on supervision_finding (rule, status, region_code text_pattern_ops);

do $$ declare t text; begin
  foreach t in array array['supervision_tax_wage', 'supervision_claim_detail', 'supervision_finding'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
  foreach t in array array['supervision_tax_wage', 'supervision_claim_detail'] loop
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
  end loop;
end $$;
