-- Responsibility-sharing settlement (责任分担结算, issue 15 R9.6; seed 001: 自治区、市、县三级政府风险责任分担): per
-- scheme, year and province, the counties' enterprise pension gaps of the year as `sifund sharing` computes them and
-- what each level of government's share moves in the ledger.
--
-- The enterprise pension fund is pooled at the province (pension-<province>): it paid the counties' pensions, so the
-- counties and cities have no fund of their own to pay from or into. The province's share stays with the pooled fund
-- (borne); the city's and the county's shares are remitted up (上解) by their governments into the pooled fund's
-- 财政专户: Dr 财政专户 / Cr 下级上解收入, one entry per county (entry_id; null when nothing is remitted), dated the
-- approval day (docs/supervision.md "Responsibility sharing", [check]).
--
-- A settlement is a decision: written once, by the final approval of its sign-off item (kind
-- supervision.sharing_settlement); one per scheme, year and province (the unique index): a second is refused.
-- Append-only, row-level security on the region (the province for the settlement, the county for its lines). Money in
-- bigint fen.
create table sharing_settlement (
  id bigint primary key,
  region_code text not null references region (code),                  -- the province whose pooled fund bore the gaps
  scheme text not null,
  year smallint not null check (year between 2000 and 2100),
  fund text not null,                                                    -- the pooled fund (pension-<province>)
  gap bigint not null check (gap >= 0),
  borne bigint not null check (borne >= 0),                              -- the province's shares: left with the pooled fund
  remitted bigint not null check (remitted >= 0),                        -- the cities' and counties' shares: remitted up
  settled_on date not null,
  approval_item_id bigint not null,
  submitted_by text not null,
  approved_by text not null,
  approved_at timestamptz not null default now(),
  check (gap = borne + remitted)
);
create unique index sharing_settlement_scheme_year on sharing_settlement (scheme, year, region_code);
create unique index sharing_settlement_item on sharing_settlement (approval_item_id);

create table sharing_settlement_county (
  settlement_id bigint not null references sharing_settlement (id),
  region_code text not null references region (code),                  -- the county
  gap bigint not null check (gap >= 0),
  own_gap bigint not null check (own_gap >= 0),
  province_share bigint not null check (province_share >= 0),
  city_share bigint not null check (city_share >= 0),
  county_share bigint not null check (county_share >= 0),
  entry_id bigint,
  primary key (settlement_id, region_code),
  check (gap = province_share + city_share + county_share),
  check (own_gap <= county_share),
  check ((city_share + county_share > 0) = (entry_id is not null))
);
create index sharing_settlement_county_region on sharing_settlement_county (region_code);

create trigger sharing_settlement_append_only before update or delete or truncate on sharing_settlement
  for each statement execute function reject_change();
create trigger sharing_settlement_county_append_only before update or delete or truncate on sharing_settlement_county
  for each statement execute function reject_change();
alter table sharing_settlement enable row level security;
create policy sharing_settlement_scope on sharing_settlement using (in_scope(region_code)) with check (in_scope(region_code));
alter table sharing_settlement_county enable row level security;
create policy sharing_settlement_county_scope on sharing_settlement_county using (in_scope(region_code)) with check (in_scope(region_code));
