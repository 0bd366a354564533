-- Platform: id generator node, data-scope role, regions and agencies, users and sessions, the audit trail.
-- Nothing here is newer than PostgreSQL 15.

create sequence if not exists sifund_id_node;

-- Scoped requests run as this role, so row-level security applies even when the connection is a superuser.
do $$ begin
  create role sifund_app nologin;
exception when duplicate_object or unique_violation then null;
end $$;
do $$ begin
  execute format('grant sifund_app to %I', current_user);
exception when others then null;  -- superusers need no membership
end $$;

-- The data-scope prefix of a GB/T 2260 region code: 990000 → '99', 990100 → '9901', 990102 → '990102'.
-- A user whose scope is p sees rows whose region_code starts with p; the national scope is ''.
create function region_scope_prefix(code text) returns text
  language sql immutable strict parallel safe
  as $$ select regexp_replace(code, '(00)+$', '') $$;

create function current_scope() returns text
  language sql stable parallel safe
  as $$ select current_setting('sifund.scope', true) $$;

create function in_scope(code text) returns boolean
  language sql stable parallel safe
  as $$ select code like current_scope() || '%' $$;

-- Regions (GB/T 2260): reference data, readable by everyone.
create table region (
  code text primary key check (code ~ '^[0-9]{6}$'),
  name text not null,
  level text not null check (level in ('province', 'city', 'county')),
  parent_code text references region (code),
  created_at timestamptz not null default now(),
  check ((level = 'province') = (parent_code is null))
);
create index region_parent on region (parent_code);

-- Agencies (经办机构) at each level.
create table agency (
  id bigint primary key,
  region_code text not null references region (code),
  name text not null,
  created_at timestamptz not null default now(),
  unique (region_code, name)
);

-- Pooling regions (统筹地区): for each insurance, the level whose fund pays.
-- The pooling region of a place is its nearest ancestor (or itself) listed here for that insurance.
create table pooling_region (
  insurance text not null,
  region_code text not null references region (code),
  primary key (insurance, region_code)
);

create table app_user (
  id bigint primary key,
  username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('operator', 'reviewer', 'approver', 'finance', 'supervisor', 'auditor', 'admin', 'employer', 'person')),
  region_code text references region (code),
  agency_id bigint references agency (id),
  employer_id bigint,
  person_id bigint,
  status text not null default 'active' check (status in ('active', 'disabled')),
  failed_login_count int not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  -- Only the administrator may have the national scope; self-service accounts are bound to their employer or person.
  check (role = 'admin' or region_code is not null),
  check ((role = 'employer') = (employer_id is not null)),
  check ((role = 'person') = (person_id is not null))
);

create table user_session (
  token_hash text primary key,
  user_id bigint not null references app_user (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index user_session_user on user_session (user_id);

-- Audit trail (R9.2): append-only, each record chained to the previous one by a SHA-256 hash.
create table audit_log (
  id bigint primary key,
  created_at timestamptz not null,
  actor_id bigint,
  actor_username text,
  actor_role text,
  region_code text,
  action text not null,
  entity_type text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  request_id text,
  prev_hash text,
  hash text not null
);
create sequence audit_log_id_seq;
create index audit_log_entity on audit_log (entity_type, entity_id);
create index audit_log_created on audit_log (created_at);
create index audit_log_region on audit_log (region_code text_pattern_ops);

create function audit_record_hash(
  prev_hash text, id bigint, created_at timestamptz, actor_id bigint, actor_username text, actor_role text,
  region_code text, action text, entity_type text, entity_id text, before jsonb, after jsonb, request_id text
) returns text language sql immutable parallel safe as $$
  select encode(sha256(convert_to(concat_ws('|',
    coalesce(prev_hash, 'genesis'), id::text, (extract(epoch from created_at) * 1000000)::bigint::text,
    coalesce(actor_id::text, '-'), coalesce(actor_username, '-'), coalesce(actor_role, '-'), coalesce(region_code, '-'),
    action, entity_type, coalesce(entity_id, '-'), coalesce(before::text, '-'), coalesce(after::text, '-'),
    coalesce(request_id, '-')), 'UTF8')), 'hex')
$$;

-- Appends one record. The transaction-scoped advisory lock serialises appenders until commit, so ids follow
-- commit order and every record's prev_hash is the hash of the record committed just before it.
create function audit_append(
  p_actor_id bigint, p_actor_username text, p_actor_role text, p_region_code text, p_action text,
  p_entity_type text, p_entity_id text, p_before jsonb, p_after jsonb, p_request_id text
) returns bigint language plpgsql security definer set search_path = public as $$
declare
  v_prev text;
  v_id bigint;
  v_at timestamptz := clock_timestamp();
begin
  perform pg_advisory_xact_lock(7310301);
  select hash into v_prev from audit_log order by id desc limit 1;
  v_id := nextval('audit_log_id_seq');
  insert into audit_log (id, created_at, actor_id, actor_username, actor_role, region_code, action, entity_type,
                         entity_id, before, after, request_id, prev_hash, hash)
  values (v_id, v_at, p_actor_id, p_actor_username, p_actor_role, p_region_code, p_action, p_entity_type, p_entity_id,
          p_before, p_after, p_request_id, v_prev,
          audit_record_hash(v_prev, v_id, v_at, p_actor_id, p_actor_username, p_actor_role, p_region_code, p_action,
                            p_entity_type, p_entity_id, p_before, p_after, p_request_id));
  return v_id;
end $$;

create function reject_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = '42501';
end $$;

create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function reject_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function reject_change();

alter table audit_log enable row level security;
create policy audit_log_read on audit_log for select using (current_scope() = '' or in_scope(region_code));
