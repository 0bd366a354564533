-- Audit trail keyed by a secret kept outside the database (docs/decisions.md, "Audit chain keyed outside the
-- database"): new records carry hash = HMAC-SHA256(key, canonical text), so a superuser who rewrites, appends or
-- removes records cannot produce hashes that verify. Records written before this migration keep their plain
-- SHA-256 (keyed = false); the first keyed record's link covers them. Each record also says when the actor's data
-- scope was widened for the step, and why.

create extension if not exists pgcrypto;

alter table audit_log add column keyed boolean not null default false;
alter table audit_log add column scope_widened text;

-- The canonical text of a keyed record, computed in SQL like audit_record_hash() (one serialisation of jsonb).
-- A JSON array, not fields joined by a separator, so that no text can move from one field into the next.
create function audit_record_text(
  prev_hash text, id bigint, created_at timestamptz, actor_id bigint, actor_username text, actor_role text,
  region_code text, action text, entity_type text, entity_id text, before jsonb, after jsonb, request_id text,
  scope_widened text
) returns text language sql immutable parallel safe as $$
  select jsonb_build_array('sifund.audit.v2', prev_hash, id, (extract(epoch from created_at) * 1000000)::bigint,
    actor_id, actor_username, actor_role, region_code, action, entity_type, entity_id, before, after, request_id,
    scope_widened)::text
$$;

create function audit_record_hmac(
  key bytea, prev_hash text, id bigint, created_at timestamptz, actor_id bigint, actor_username text, actor_role text,
  region_code text, action text, entity_type text, entity_id text, before jsonb, after jsonb, request_id text,
  scope_widened text
) returns text language sql immutable parallel safe as $$
  select encode(hmac(convert_to(audit_record_text(prev_hash, id, created_at, actor_id, actor_username, actor_role,
    region_code, action, entity_type, entity_id, before, after, request_id, scope_widened), 'UTF8'), key, 'sha256'), 'hex')
$$;

-- Appending needs the key: the unkeyed audit_append() of 0001 is gone, so nothing can write an unkeyed record.
drop function audit_append(bigint, text, text, text, text, text, text, jsonb, jsonb, text);

create function audit_append(
  p_actor_id bigint, p_actor_username text, p_actor_role text, p_region_code text, p_action text,
  p_entity_type text, p_entity_id text, p_before jsonb, p_after jsonb, p_request_id text, p_scope_widened text,
  p_key bytea
) returns bigint language plpgsql security definer set search_path = public as $$
declare
  v_prev text;
  v_id bigint;
  v_at timestamptz := clock_timestamp();
begin
  if p_key is null or length(p_key) < 16 then
    raise exception 'audit_append needs the audit key (at least 16 bytes)' using errcode = '22023';
  end if;
  perform pg_advisory_xact_lock(7310301);
  select hash into v_prev from audit_log order by id desc limit 1;
  v_id := nextval('audit_log_id_seq');
  insert into audit_log (id, created_at, actor_id, actor_username, actor_role, region_code, action, entity_type,
                         entity_id, before, after, request_id, scope_widened, keyed, prev_hash, hash)
  values (v_id, v_at, p_actor_id, p_actor_username, p_actor_role, p_region_code, p_action, p_entity_type, p_entity_id,
          p_before, p_after, p_request_id, p_scope_widened, true, v_prev,
          audit_record_hmac(p_key, v_prev, v_id, v_at, p_actor_id, p_actor_username, p_actor_role, p_region_code,
                            p_action, p_entity_type, p_entity_id, p_before, p_after, p_request_id, p_scope_widened));
  return v_id;
end $$;

-- Which key the trail is written with: HMAC(key, 'sifund audit key fingerprint'), never the key. A process that
-- holds another key (run from another directory) is refused before it writes a record nobody can verify.
create table audit_key_fingerprint (
  fingerprint text primary key,
  created_at timestamptz not null default now()
);
create unique index audit_key_fingerprint_one on audit_key_fingerprint ((true));
create trigger audit_key_fingerprint_append_only before update or delete on audit_key_fingerprint
  for each row execute function reject_change();
create trigger audit_key_fingerprint_no_truncate before truncate on audit_key_fingerprint
  for each statement execute function reject_change();
