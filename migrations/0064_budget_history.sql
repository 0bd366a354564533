-- Past final accounts (历年决算, issue 13 R6.1/R6.2 "History"): the years of a fund before it went live in sifund,
-- imported in the standard table layout through the import pipeline. Per fund and year, the 决算 amount of each
-- budget-chart line (fen) and the base-data series (参保缴费人数, 离退休人数 or the scheme's beneficiaries, 平均缴费基数
-- in fen). Source: 财社〔2017〕144号 社会保险基金财务制度 (决算 per fund, 收入合计 = Σ income, 支出合计 = Σ expense).
--
-- Each import of a fund-year is a new version of it (budget_history_year); nothing is ever edited or deleted, and the
-- latest version (highest version number) counts. Every table carries region_code (the fund's pooling region) under
-- row-level security.
create table budget_history_year (
  id bigint primary key,
  region_code text not null references region (code),
  fund_id bigint not null references fund (id),
  year smallint not null check (year between 1990 and 2100),
  version integer not null check (version >= 1),
  import_id bigint not null references import_file (id) deferrable initially deferred, -- the import record is written after its rows
  chart_year smallint not null,
  imported_by text not null,
  imported_at timestamptz not null default now(),
  unique (fund_id, year, version)
);
create index budget_history_year_import on budget_history_year (import_id);

-- One line of a fund-year version: a budget-chart line (its code as the chart names it) or a base-data value.
-- kind line: amount in fen; contributors / retirees: persons (the year's average, whole); average_base: fen per month.
create table budget_history_value (
  year_id bigint not null references budget_history_year (id),
  region_code text not null,
  subject text not null check (subject ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)?$'),
  kind text not null check (kind in ('line', 'total', 'base')),
  amount bigint not null,
  source_row integer not null,
  primary key (year_id, subject),
  check (kind <> 'base' or amount >= 0)
);

do $$
declare t text;
begin
  foreach t in array array['budget_history_year', 'budget_history_value'] loop
    execute format('create trigger %I before update or delete or truncate on %I for each statement execute function reject_change()', t || '_append_only', t);
    execute format('alter table %I enable row level security', t);
    execute format('create policy %I on %I using (in_scope(region_code)) with check (in_scope(region_code))', t || '_scope', t);
  end loop;
end $$;
