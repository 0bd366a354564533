-- 核定 (issue 11): 社会保险法 第六十二条 — an employer that has not declared a period's bases is assessed at 110% of its
-- last month's; once it declares, a reassessment settles the difference. A bill line says whether its base was
-- assessed rather than declared, and a bill how many of its persons were assessed (the bill detail shows 核定).
-- Constant defaults: no table rewrite, existing lines count as declared as they were billed.
alter table bill_line add column base_assessed boolean not null default false;
alter table bill add column assessed_persons integer not null default 0 check (assessed_persons >= 0);
