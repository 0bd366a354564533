-- The national scope gets its own marker, '*'. A custom setting set with set_config(…, true) falls back to '' (not
-- NULL) on a pooled connection once the transaction that set it ends, and '' used to mean "national": a later
-- `set local role sifund_app` without a scope would have seen every region. Now an unset scope — NULL or '' — sees
-- nothing, and only an explicit '*' sees everything (actor.ts sets it for actors without a region).

create or replace function in_scope(code text) returns boolean
  language sql stable parallel safe
  as $$ select current_scope() = '*' or (current_scope() <> '' and code like current_scope() || '%') $$;

drop policy audit_log_read on audit_log;
create policy audit_log_read on audit_log for select using (in_scope(region_code));

alter table interest_run alter column region_code set default
  case when coalesce(current_setting('sifund.scope', true), '') in ('', '*') then null
       else rpad(current_setting('sifund.scope', true), 6, '0') end;
drop policy interest_run_scope on interest_run;
create policy interest_run_scope on interest_run
  using ((region_code is null and coalesce(current_scope(), '') <> '') or in_scope(region_code)
         or (coalesce(current_scope(), '') not in ('', '*') and current_scope() like region_scope_prefix(region_code) || '%'))
  with check ((region_code is null and current_scope() = '*') or in_scope(region_code));

drop policy app_user_scope on app_user;
create policy app_user_scope on app_user using (in_scope(coalesce(region_code, ''))) with check (in_scope(coalesce(region_code, '')));
drop policy user_session_scope on user_session;
create policy user_session_scope on user_session
  using (exists (select 1 from app_user u where u.id = user_session.user_id and in_scope(coalesce(u.region_code, ''))))
  with check (exists (select 1 from app_user u where u.id = user_session.user_id and in_scope(coalesce(u.region_code, ''))));

do $$
begin
  if exists (select 1 from pg_policies where tablename = 'login_throttle' and policyname = 'login_throttle_national') then
    drop policy login_throttle_national on login_throttle;
    create policy login_throttle_national on login_throttle using (current_scope() = '*') with check (current_scope() = '*');
  end if;
end $$;
