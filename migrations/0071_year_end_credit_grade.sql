-- The medical year-end settlement ties its rules to each institution's credit grade (medical.year_end_credit_factors;
-- src/modules/medical/settlement/year-end.calc.ts rulesForCredit): each line keeps the grade it was settled with (null
-- when the institution had none: settled by the region's rules unchanged).
alter table medical_year_end_settlement add column credit_grade text;
