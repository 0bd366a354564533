/** The sign-off engine: what modules import to declare a kind and submit items. */
export { registerSignoffKind, submitForApproval, openItemsOfSubjects, openItemsOfKind, signoffKinds, registerBudgetControl, type SignoffKind, type BudgetDraw, type BudgetControl, type SubmitInput, type ApprovalItemView } from './signoff.service.ts';
export type { SignoffLevel, RiskGrade } from './signoff.calc.ts';
