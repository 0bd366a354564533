-- Regional policy parameters maintained in the UI (R2.3, issue 10): a value proposed for a region with its
-- reference goes through the sign-off engine (kind params.regional_value); its approval writes one row here, in the
-- approval's transaction. The parameter files (params/) keep the national defaults and the regional values of the
-- installation; a row here adds to them and, on the same region and date, takes the place of the file's value (the
-- newest row wins). Rows are never changed: a correction is a newer row for the same date, so the history keeps who
-- proposed and who approved every value ever in force.
create table parameter_value (
  id bigserial primary key,
  path text not null check (path ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
  region_code text not null references region (code),
  since date not null,
  -- the value as the parameter files write it (YAML scalar or flow mapping), read by the same parser
  value_text text not null check (value_text <> '' and value_text !~ '[\r\n]'),
  reference text not null check (length(trim(reference)) >= 2),
  approval_item_id bigint not null unique references approval_item (id),
  proposed_by_id bigint references app_user (id),
  proposed_by text not null,
  approved_by_id bigint references app_user (id),
  approved_by text not null,
  approved_at timestamptz not null default now()
);
create index parameter_value_lookup on parameter_value (path, region_code, since);

create trigger parameter_value_append_only before update or delete on parameter_value
  for each row execute function reject_change();
create trigger parameter_value_no_truncate before truncate on parameter_value
  for each statement execute function reject_change();
