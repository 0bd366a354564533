-- Registration is one-person-one-record across all regions: imports must find an ID number or credit code
-- registered anywhere, even outside the operator's data scope. These functions say only whether it exists.
create function registered_id_numbers(candidates text[]) returns setof text
  language sql stable security definer set search_path = public
  as $$ select id_number from person where id_number = any(candidates) $$;

create function registered_credit_codes(candidates text[]) returns setof text
  language sql stable security definer set search_path = public
  as $$ select credit_code from employer where credit_code = any(candidates) $$;
