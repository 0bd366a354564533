-- 终止发放 (issue 12): an operator stops an award from a month (death without a registry record, moved away, …); the
-- months already paid from that month on are an overpayment to recover like those after a death (社会保险经办条例
-- 第四十六条), of cause `stopped`, linked to the award event that stopped it.
alter table benefit_overpayment drop constraint benefit_overpayment_cause_check;
alter table benefit_overpayment add constraint benefit_overpayment_cause_check check (cause in ('death', 'stopped'));
alter table benefit_overpayment add column award_event_id bigint;
