-- Bills of a period are listed in the order their employers registered (单位编号顺序: the employer's id), the period's
-- several bills of one employer by number; the list's cursor pages one range of this index (src/platform/http/lists.ts).
create index bill_list_by_employer on bill (period desc, employer_id, number);
drop index bill_list_order;
