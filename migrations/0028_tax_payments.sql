-- Payments collected by the tax authority (税务征收, R3.8): recorded from the tax bureau's collection file
-- (src/modules/collection/tax), settling bills like any payment; their money arrives in the 财政专户.
alter table payment drop constraint payment_source_check;
alter table payment add constraint payment_source_check check (source in ('bank_file', 'manual', 'tax'));
