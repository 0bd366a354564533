-- 承办人 (issue 15: "Finding → case (assigned, investigated, concluded …)"; 人社部令第48号 社会保险基金行政监督办法: a
-- case is investigated by the inspectors it is given to): the inspector a case is assigned to. The one who opens a
-- case investigates it until the head of inspections (审批, supervision.case.approve) gives it to another with a
-- reason; only the assigned inspector concludes it, records its recoveries and offsets, and closes it. Each
-- assignment is a step of the case's timeline (step 'assigned', the new inspector in `assignee`, the reason in `note`).
alter table supervision_case add column assigned_to text;
update supervision_case set assigned_to = opened_by;
alter table supervision_case alter column assigned_to set not null;

alter table supervision_case_step add column assignee text;
alter table supervision_case_step add constraint supervision_case_step_assignee check ((step = 'assigned') = (assignee is not null));

-- unless the opening names another, the inspector who opens a case investigates it
create function supervision_case_assign_opener() returns trigger language plpgsql as $$
begin
  new.assigned_to := coalesce(new.assigned_to, new.opened_by);
  return new;
end $$;
create trigger supervision_case_assigned_to before insert on supervision_case for each row execute function supervision_case_assign_opener();
