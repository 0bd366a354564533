-- Sign-in and session hardening (R9.1).
--  * An administrator's password reset makes the user choose a new password at the next sign-in.
--  * Sessions end after SESSION_IDLE_MINUTES without a request (last_seen_at, refreshed at most once a minute)
--    besides the 12-hour limit; expired sessions are deleted on sign-in and periodically.
--  * Failed sign-ins are throttled per address and per account in fixed windows, counted atomically here
--    (not in the memory of one process, so concurrent requests and several server processes share the count).

alter table app_user add column must_change_password boolean not null default false;
alter table app_user add column password_changed_at timestamptz;

alter table user_session add column last_seen_at timestamptz not null default now();
create index user_session_expires on user_session (expires_at);
create index user_session_last_seen on user_session (last_seen_at);

-- key: 'ip:<address>' or 'user:<username>'; count: failed (and in-flight) sign-in attempts in the window that
-- starts at window_start. A successful sign-in takes back only its own attempt; it never resets a counter.
create table login_throttle (
  key text not null,
  window_start timestamptz not null,
  count int not null default 0 check (count >= 0),
  primary key (key, window_start)
);
create index login_throttle_window on login_throttle (window_start);
