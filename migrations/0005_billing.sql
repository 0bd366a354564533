-- Contribution billing (R3.1–R3.2): 一个基数, 一单征收, 分别记账. One bill per employer per period covering every
-- insurance, one line per person per insurance, billed by a resumable job split into chunks of employers.
-- Employer-side tables are keyed by employer_id first (ready for distribution by employer, see docs/decisions.md).

-- A billing run: the job that bills a period for a region subtree. It keeps the parameters it resolved when it
-- started, so a run resumed after a crash computes exactly what the uninterrupted run would have.
create table billing_run (
  id bigint primary key,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  region_code text not null references region (code),
  status text not null default 'running' check (status in ('running', 'completed')),
  parameters jsonb not null,
  chunks integer not null check (chunks >= 0),
  started_by text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  unique (period, region_code)
);

-- The run's work, split by employer id range; a chunk commits its bills, lines and ledger entries at once.
create table billing_chunk (
  run_id bigint not null references billing_run (id),
  chunk integer not null,
  employer_from bigint not null,
  employer_to bigint not null,
  done_at timestamptz,
  bills integer,
  lines integer,
  primary key (run_id, chunk)
);

-- 缴费通知单: a bill. Never edited once issued: a correction is a supplementary bill or a credit note (kind).
create table bill (
  employer_id bigint not null references employer (id),
  id bigint not null,
  number text not null,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  kind text not null default 'regular' check (kind in ('regular', 'supplementary', 'credit_note')),
  sequence smallint not null default 1 check (sequence >= 1),
  region_code text not null,
  due_date date not null,
  run_id bigint references billing_run (id),
  chunk integer,
  persons integer not null check (persons >= 0),
  lines integer not null check (lines >= 0),
  total bigint not null,                              -- fen: the sum of every line's employer and employee amounts
  parameter_refs jsonb not null,                     -- per insurance: the dated parameters that produced the lines
  issued_at timestamptz not null default now(),
  primary key (employer_id, id),
  unique (employer_id, period, kind, sequence)
);
create unique index bill_number on bill (number);
create index bill_period on bill (period, region_code text_pattern_ops);
create index bill_run on bill (run_id, chunk);

-- A bill's totals per insurance (the unit payments are allocated to), with the fund it is booked to.
create table bill_item (
  employer_id bigint not null,
  bill_id bigint not null,
  insurance text not null check (insurance in ('pension', 'medical', 'unemployment', 'work_injury', 'maternity')),
  fund_code text not null,
  region_code text not null,
  employer_amount bigint not null,
  employee_amount bigint not null,
  primary key (employer_id, bill_id, insurance),
  foreign key (employer_id, bill_id) references bill (employer_id, id)
);

-- A bill line: one person, one insurance. employee_rate/amount are null for employer-only insurances.
create table bill_line (
  employer_id bigint not null,
  bill_id bigint not null,
  person_id bigint not null,
  insurance text not null,
  region_code text not null,
  base bigint not null,                               -- fen: the declared wage clamped to [floor, ceiling]
  employer_rate numeric not null,
  employee_rate numeric,
  employer_amount bigint not null,
  employee_amount bigint,
  primary key (employer_id, bill_id, person_id, insurance)
);
create index bill_line_person on bill_line (person_id);

do $$
declare t text;
begin
  foreach t in array array['bill', 'bill_item', 'bill_line'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
end $$;
