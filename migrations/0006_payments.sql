-- Payments, their allocation to bills, and pension individual accounts (R3.3–R3.5).
-- Append-only: a payment and its allocations are never edited; a reversal is a new allocation with a negative amount.

-- A payment received from an employer: a line of the bank's collection file or one recorded by hand.
create table payment (
  employer_id bigint not null references employer (id),
  id bigint not null,
  region_code text not null,
  paid_on date not null,
  amount bigint not null check (amount > 0),          -- fen
  reference text,                                      -- the bank's reference; a bill number when the payer gave one
  source text not null check (source in ('bank_file', 'manual')),
  import_key text not null,                            -- idempotency: the same file line (or manual key) records once
  file_name text,
  line_number integer,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (employer_id, id)
);
create unique index payment_import_key on payment (import_key);
create index payment_paid_on on payment (paid_on, region_code text_pattern_ops);

-- Where a payment's money went: a part (employee, employer, late fee) of one insurance of one bill, or a credit
-- kept for the next bill (bill_id null, part 'credit'; using a credit is a negative 'credit' row plus the parts it pays).
create table payment_allocation (
  employer_id bigint not null,
  id bigint not null,
  payment_id bigint not null,
  bill_id bigint,
  insurance text check (insurance in ('pension', 'medical', 'unemployment', 'work_injury', 'maternity')),
  part text not null check (part in ('employee', 'employer', 'late_fee', 'credit')),
  amount bigint not null check (amount <> 0),         -- fen
  allocated_on date not null,                          -- the payment's date (late fees run until it)
  fund_code text,
  region_code text not null,
  created_at timestamptz not null default now(),
  primary key (employer_id, id),
  foreign key (employer_id, payment_id) references payment (employer_id, id),
  foreign key (employer_id, bill_id) references bill (employer_id, id),
  check ((part = 'credit') = (bill_id is null)),
  check ((part = 'credit') = (insurance is null))
);
create index payment_allocation_bill on payment_allocation (employer_id, bill_id);
create index payment_allocation_payment on payment_allocation (employer_id, payment_id);

-- 个人账户: the pension individual account of a person, as append-only entries. Contributions are credited when
-- the employee part is paid (not when billed); interest once per person per year.
create table individual_account_entry (
  person_id bigint not null references person (id),
  id bigint not null,
  region_code text not null,
  year smallint not null check (year between 1990 and 2100),
  period text check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  kind text not null check (kind in ('contribution', 'interest', 'opening', 'transfer_in', 'transfer_out')),
  amount bigint not null,                              -- fen
  employer_id bigint,
  bill_id bigint,
  payment_id bigint,
  rate numeric,                                        -- interest: the crediting rate applied
  created_at timestamptz not null default now(),
  primary key (person_id, id)
);
-- Contributions are written as differences between what an employer's period owes each person and what was credited
-- before (under the employer's allocation lock), so a correction or a payment reversal writes only the difference.
create index individual_account_contribution on individual_account_entry (employer_id, period) where kind = 'contribution';
create unique index individual_account_interest on individual_account_entry (person_id, year) where kind = 'interest';
create index individual_account_year on individual_account_entry (year, kind);

-- 冲正: a payment reversed (a bounced transfer, a payment booked to the wrong employer). Its allocations are negated
-- and its ledger entries reversed; the payment row itself stays as it was.
create table payment_reversal (
  employer_id bigint not null,
  payment_id bigint not null,
  region_code text not null,
  reason text not null check (length(reason) between 2 and 500),
  reversed_on date not null,
  reversed_by text not null,
  reversed_at timestamptz not null default now(),
  primary key (employer_id, payment_id),
  foreign key (employer_id, payment_id) references payment (employer_id, id)
);

-- The year-end interest job (one per year, idempotent).
create table interest_run (
  year smallint primary key,
  rate numeric not null,
  method text not null,
  persons integer not null,
  amount bigint not null,
  run_by text not null,
  run_at timestamptz not null default now()
);

do $$
declare t text;
begin
  foreach t in array array['payment', 'payment_allocation', 'payment_reversal', 'individual_account_entry'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
end $$;

-- Append-only, like the journal: a payment, an allocation or an account entry is never updated or deleted (a
-- correction is a new row); statement-level, so even an UPDATE or DELETE matching no row is refused, and TRUNCATE.
do $$
declare t text;
begin
  foreach t in array array['payment', 'payment_allocation', 'payment_reversal', 'individual_account_entry'] loop
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
  end loop;
end $$;
