-- A claims month files one 用款申请 per fund naming all its orders (benefit_payment_order.transfer_request_id); the
-- request's approval funds the orders that wait on it. The orders waiting are few at any time (status 'approved'),
-- the orders ever written many: a partial index finds them without reading the table.
create index benefit_payment_order_waiting_transfer on benefit_payment_order (transfer_request_id) where status = 'approved';
