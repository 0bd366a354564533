-- The refusal a job failed with, kept whole: the status, code, message key and parameters, field and problem rows of
-- the error its work threw when a rule refused it (null for any other failure). GET /api/jobs answers a failed job's
-- error in the request's language from it, and a caller that runs a job fails with the same error the work threw.
-- `error` keeps the English text (the one a job failed before this migration has only).
alter table job add column refusal jsonb;
