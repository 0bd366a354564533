-- The import pipeline (src/platform/imports): one record per file imported, previewed or refused — who, when, what
-- kind, the file's name, SHA-256 and encoding, row counts, status and result — and the rows a refused file was refused
-- for, so its error workbook can be fetched later. A file applied once (same kind, same bytes, same scope) answers
-- with its first result: the partial unique index makes a second, concurrent apply fail instead of applying twice.

create table import_file (
  id bigint primary key,
  kind text not null,                                 -- persons, employers, employments, payments, bank_statement, ledger_entries
  region_code text,                                   -- the importing actor's region (null: national)
  file_name text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  format text not null check (format in ('csv', 'xlsx', 'xml', 'json')),
  encoding text,                                      -- utf-8, gb18030 or gbk for text files; null for XLSX
  size_bytes bigint not null,
  status text not null check (status in ('previewed', 'applied', 'rejected')),
  row_count integer not null default 0,               -- data rows read (a template's example row not counted)
  applied_count integer not null default 0,           -- rows that changed something
  error_count integer not null default 0,             -- problems found (a row may have several)
  error_row_count integer not null default 0,         -- rows with at least one problem
  header text[],                                      -- the file's header row, for the error workbook
  result jsonb,                                       -- the answer of the apply (or the preview)
  content bytea,                                      -- a previewed file's bytes until it is confirmed
  user_id bigint,
  username text not null,
  created_at timestamptz not null default now(),
  applied_at timestamptz
);
create unique index import_file_applied_once on import_file (kind, sha256, coalesce(region_code, '')) where status = 'applied';
create index import_file_sha256 on import_file (sha256);

-- Every problem of a refused file: one row per problem, with the row's original cells.
create table import_error (
  import_id bigint not null references import_file (id),
  seq integer not null,
  region_code text,
  row_number integer not null,                        -- as the spreadsheet numbers it: header = 1, first data row = 2
  field text not null,
  rule text not null,
  column_title text not null,
  value text not null,
  message text not null,
  cells text[] not null,
  primary key (import_id, seq)
);

alter table import_file enable row level security;
create policy import_file_scope on import_file using (in_scope(coalesce(region_code, ''))) with check (in_scope(coalesce(region_code, '')));
alter table import_error enable row level security;
create policy import_error_scope on import_error using (in_scope(coalesce(region_code, ''))) with check (in_scope(coalesce(region_code, '')));
