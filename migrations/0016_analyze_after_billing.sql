-- Fresh planner statistics right after a billing run. A run adds a month of bills at once (a million lines for a
-- city of two million); until autovacuum analyzes the tables (up to a minute later), the planner still sees them as
-- they were — empty, the first month — and picks nested loops over them: the period's summary then ran for many
-- minutes instead of a second. ANALYZE needs the tables' owner; the application (sifund_server) is not, so the
-- owner lends it this one statement. It reads a sample of each table and changes no row.
create function analyze_billing_tables() returns void language plpgsql security definer set search_path = public as $$
begin
  analyze bill;
  analyze bill_item;
  analyze bill_line;
end $$;
revoke all on function analyze_billing_tables() from public;
grant execute on function analyze_billing_tables() to sifund_app;
