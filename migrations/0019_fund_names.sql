-- A bill's items book to the funds of the pooling regions (pension at the province, medical at the city), which a
-- county's or an employer's row-level scope does not see. Their names are shown beside the amounts (issue 10: "bills
-- show fund codes"); this function answers only the name of each fund code asked for, nothing of its accounts.
create function fund_names(codes text[]) returns table (code text, name text)
  language sql stable security definer set search_path = public
  as $$ select f.code, f.name from fund f where f.code = any(codes) $$;
