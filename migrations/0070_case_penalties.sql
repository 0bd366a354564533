-- A case concluded 违规成立 may carry the administrative penalty (罚款) decided with it (src/modules/supervision/cases):
-- the provision it rests on (a key of the parameter supervision.penalty_multiples), the multiple within that
-- provision's range, and the amount in fen (the amount to recover × the multiple, rounded once). The fine is paid to
-- the treasury, not to the fund (行政处罚法 第七十四条: 罚款必须全部上缴国库), so it is recorded on the case and never
-- posted to a fund's ledger.
alter table supervision_case add column penalty_provision text, add column penalty_multiple numeric, add column penalty_amount bigint;
alter table supervision_case add constraint supervision_case_penalty check (
  (penalty_provision is null and penalty_multiple is null and penalty_amount is null)
  or (penalty_provision is not null and penalty_multiple > 0 and penalty_amount > 0 and violation = 'established'));
