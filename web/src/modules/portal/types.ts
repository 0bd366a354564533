/**
 * Shapes of the portal APIs (/api/portal/…, and the bills, payments, arrears and /api/me/… the portals show): the
 * server's response schemas (src/modules/collection/portal/portal.schemas.ts, collection.schemas.ts) as types,
 * imported as types only. Money is a yuan string "1234.56".
 */
import type { Static } from '@sinclair/typebox';
import type * as Portal from '../../../../src/modules/collection/portal/portal.schemas.ts';
import type * as Collection from '../../../../src/modules/collection/collection.schemas.ts';
import type { ApprovalItem } from '../../../../src/platform/signoff/signoff.schemas.ts';
import type { Employer } from '../../types.ts';

export type EmployerProfile = Employer;

/** An employee with `base`: the latest base declared for the list's year, if any. */
export type PortalEmployee = Static<typeof Portal.PortalEmployee>;
export type EmployeePage = Static<typeof Portal.PortalEmployees>;

/** The request's sign-off item's status: waiting, returned to the employer with a reason, approved (registered), or withdrawn. */
export type RequestStatus = Static<typeof ApprovalItem>['status'];
/** 增减员申报; `approvalItemId`: its sign-off item (/api/approvals/:id), decided, resubmitted or withdrawn there. */
export type EmploymentRequest = Static<typeof Portal.EmploymentRequest>;
export type RequestPage = Static<typeof Portal.EmploymentRequests>;

export type BillItem = Static<typeof Collection.BillItem>;
export type BillLine = Static<typeof Collection.BillLine>;
export type Bill = Static<typeof Collection.Bill>;
export type BillList = Static<typeof Collection.BillList>;

export type Payment = Static<typeof Collection.Payment>;
export type Arrears = Static<typeof Collection.EmployerArrears>;
export type ArrearsPeriod = Arrears['periods'][number];

export type BaseConfirmation = Static<typeof Portal.BaseConfirmation>;

/** 个人账户对账单 */
export type AccountStatement = Static<typeof Collection.AccountStatement>;
export type AccountCredit = AccountStatement['credits'][number];

/** 缴费记录 */
export type ContributionRecord = Static<typeof Collection.ContributionRecord>;
export type Contribution = ContributionRecord['items'][number];
