-- The collection lists are paged by a cursor (src/platform/http/lists.ts): bills newest period first then by number
-- (GET /api/bills), payments newest first with the id breaking ties (GET /api/payments). These indexes hold the rows
-- in exactly those orders, so every page — the last of a province's bills as the first — is one range of an index,
-- and the list of one period is a range of its first column.
create index bill_list_order on bill (period desc, number);
create index payment_list_order on payment (paid_on desc, id desc);
