-- An employer's employees (职工名册, GET /api/employers/:id/employees) are listed newest hire first and paged by the
-- cursor (hired_on, id) (src/platform/http/lists.ts): this index answers every page as a range of one employer's
-- rows, as fast on the last page of a large employer as on the first. Its leading column is the distribution column
-- of employment under Citus (docs/decisions.md), so each shard keeps its own part.
create index employment_employer_hired on employment (employer_id, hired_on, id);
