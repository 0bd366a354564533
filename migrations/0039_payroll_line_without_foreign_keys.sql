-- The monthly pension payroll writes a line per pensioner, a million a month, in chunks of one set-based insert
-- each (payroll.repository.ts insertLinesOfChunk). payroll_line's foreign keys cost three quarters of that time
-- (npm run bench -- payroll, 1,000,000 lines: the insert 7.1 s into a copy with the table's indexes, 29.7 s with its
-- foreign keys too): every row checked takes a FOR KEY SHARE lock on its award and on its person, writing both.
-- They guard nothing the schema does not guard already: a line is written only from its award's row (insert … select
-- from pension_award, in a batch created in the same transaction as its job), and no referenced row can go or change
-- its key — persons are the registry's record (一人一档), awards and batches refuse delete, an award refuses any change
-- of its key or amounts (reject_money_change), and pension_award itself references person. So the lines keep their keys by
-- construction, as bill_line does. Events keep their key to the line.
alter table payroll_line
  drop constraint payroll_line_person_id_fkey,
  drop constraint payroll_line_person_id_award_id_fkey,
  drop constraint payroll_line_batch_id_fkey;
