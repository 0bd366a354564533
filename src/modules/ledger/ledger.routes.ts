/** HTTP for the fund ledger (/api/ledger/…): validate, call one service function, map the result. */
import { Type } from '@sinclair/typebox';
import { actor, requestLanguage, type App } from '../../platform/http/server.ts';
import { ReportFormatQuery, sendReport } from '../../platform/reports/http.ts';
import { uploadedFile } from '../../platform/imports/index.ts';
import { DateText, Id, Period, ReportingPeriod, Yuan, paging } from '../../platform/http/schemas.ts';
import { listAccounts, listFunds, setBankAccountNumber } from './fund.service.ts';
import { accountLines, checkLedger, entryDetail, getTrialBalance, listEntries } from './balance.service.ts';
import { sweepIncomeAccount } from './posting.service.ts';
import { createDraft, createReversalDraft } from './drafts.service.ts';
import { closePeriod, listPeriods, requestReopen } from './period.service.ts';
import { incomeExpenditureStatement } from './statement.service.ts';
import { exportHledger } from './hledger.export.ts';
import { Items } from '../../platform/http/schemas.ts';
import {
  Account, AccountLines, AutoMatch, BankStatement, ClosedPeriod, EntryDetail, EntryPage, Fund, IncomeExpenditure, JournalText, LedgerCheck,
  LedgerPeriod, ManualMatch, Matching, ReconciliationStatement, Sweep, TrialBalance, Unmatch,
} from './ledger.schemas.ts';
import { ApprovalItem } from '../../platform/signoff/signoff.schemas.ts';
import { incomeExpenditureReport, reconciliationReport, trialBalanceReport } from './statement.report.ts';
import {
  autoMatchAccount, fundReconciliation, importBankStatement, listStatements, matchManually, statementRows, matchingView, reconciliationStatement, statementInLanguage, unmatch,
} from './bank/reconciliation.service.ts';
import { confirmLedgerImport, importLedgerFile } from './import.service.ts';
import { statementsReport } from './bank/statements.report.ts';
import { answerList } from '../../platform/http/lists.ts';
import { ListAnswer, listQuery } from '../../platform/http/lists.schemas.ts';
import { LedgerImportPreview, LedgerImportResult, StatementImportAnswer } from './ledger-import.schemas.ts';

const FundCode = Type.String({ pattern: '^[a-z][a-z_]*-[0-9]{6}$', description: 'fund code, e.g. pension-990000' });
const AccountCode = Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z._-]*$', maxLength: 40 });
const Strict = { additionalProperties: false } as const;
const FundParams = Type.Object({ fund: FundCode });
const AccountParams = Type.Object({ fund: FundCode, account: AccountCode });
const tags = ['ledger'];
/** The language the request reads (why an account is not reconciled is said in it). */
const ImportEncoding = Type.Optional(Type.String({ maxLength: 20, description: 'the CSV\'s encoding: utf-8, gb18030, gbk or auto (default: detected)' }));



const LineBody = Type.Object({
  account: AccountCode, debit: Type.Optional(Yuan), credit: Type.Optional(Yuan),
  subject: Type.Optional(Type.Union([Type.String({ maxLength: 80 }), Type.Null()])), reference: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  memo: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
}, Strict);

export async function ledgerRoutes(app: App) {
  const db = app.database;

  app.get('/api/ledger/funds', { config: { permission: 'ledger.read' }, schema: { tags, summary: '基金 Funds in your scope (one per insurance per pooling region)', response: { 200: Items(Fund) } } },
    async (request) => ({ items: await listFunds(db, actor(request)) }));
  app.get('/api/ledger/funds/:fund/accounts', { config: { permission: 'ledger.read' }, schema: { tags, summary: '会计科目 Accounts of a fund', params: FundParams, response: { 200: Items(Account) } } },
    async (request) => ({ items: await listAccounts(db, actor(request), request.params.fund) }));
  app.put('/api/ledger/funds/:fund/accounts/:account/bank-number', { config: { permission: 'ledger.bank.account.set' },
    schema: { tags, summary: '银行账号 Set the bank account number of a bank account (checked on camt.053 import)', params: AccountParams,
      body: Type.Object({ bankAccountNumber: Type.Union([Type.String({ minLength: 4, maxLength: 40 }), Type.Null()]) }, Strict), response: { 200: Account } },
  }, async (request) => setBankAccountNumber(db, actor(request), request.params.fund, request.params.account, request.body.bankAccountNumber));

  app.get('/api/ledger/funds/:fund/trial-balance', { config: { permission: 'ledger.read' },
    schema: { tags, summary: '科目余额表 Trial balance for a month (JSON, XLSX, CSV or PDF; the files give each balance as 方向 and a positive amount)', params: FundParams,
      querystring: Type.Object({ period: Period, zero: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')], { description: '1: the files list accounts with no balance and no movement too (JSON lists every account)' })), ...ReportFormatQuery }),
      response: { 200: TrialBalance } },
  }, async (request, reply) => {
    const tb = await getTrialBalance(db, actor(request), request.params.fund, request.query.period);
    return sendReport(reply, trialBalanceReport(tb, { zero: request.query.zero === '1' }), request.query.format);
  });
  app.get('/api/ledger/funds/:fund/accounts/:account/lines', { config: { permission: 'ledger.read' },
    schema: { tags, summary: '明细账 An account\'s lines in a month (drill-down from a balance)', params: AccountParams,
      querystring: Type.Object({ period: Period, ...paging(1000) }), response: { 200: AccountLines } },
  }, async (request) => accountLines(db, actor(request), request.params.fund, request.params.account, request.query.period, request.query));

  app.get('/api/ledger/funds/:fund/entries', { config: { permission: 'ledger.read' },
    schema: { tags, summary: '凭证 Entries, newest first; by source document (sourceType + sourceId)', params: FundParams,
      querystring: Type.Object({ period: Type.Optional(Period), sourceType: Type.Optional(Type.String({ maxLength: 60 })), sourceId: Type.Optional(Type.String({ maxLength: 200 })),
        kind: Type.Optional(Type.String({ maxLength: 20 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), before: Type.Optional(Id) }), response: { 200: EntryPage } },
  }, async (request) => listEntries(db, actor(request), request.params.fund, { ...request.query, before: request.query.before ? BigInt(request.query.before) : undefined }));
  app.get('/api/ledger/funds/:fund/entries/:id', { config: { permission: 'ledger.read' }, schema: { tags, summary: '凭证详情 An entry with its lines and source document', params: Type.Object({ fund: FundCode, id: Id }), response: { 200: EntryDetail } } },
    async (request) => entryDetail(db, actor(request), request.params.fund, BigInt(request.params.id)));

  app.post('/api/ledger/funds/:fund/drafts', { config: { permission: 'ledger.entry.draft' },
    schema: { tags, summary: '手工凭证 Draft a manual entry: a sign-off item (ledger.entry), posted when its levels approve in /api/approvals', params: FundParams,
      body: Type.Object({ period: Period, date: DateText, memo: Type.Optional(Type.String({ maxLength: 500 })), correctionOfPeriod: Type.Optional(Type.Union([Period, Type.Null()])),
        source: Type.Optional(Type.Union([Type.Object({ type: Type.String({ minLength: 1, maxLength: 60 }), id: Type.String({ minLength: 1, maxLength: 200 }) }, Strict), Type.Null()])),
        lines: Type.Array(LineBody, { minItems: 2, maxItems: 1000 }) }, Strict), response: { 201: ApprovalItem } },
  }, async (request, reply) => reply.status(201).send(await createDraft(db, actor(request), request.params.fund, request.body)));
  app.post('/api/ledger/funds/:fund/entries/:id/reversal-drafts', { config: { permission: 'ledger.entry.draft' },
    schema: { tags, summary: '冲销 Draft the reversal of an entry: a sign-off item (ledger.entry), posted when its levels approve', params: Type.Object({ fund: FundCode, id: Id }),
      body: Type.Object({ date: Type.Optional(DateText), memo: Type.Optional(Type.String({ maxLength: 500 })) }, Strict), response: { 201: ApprovalItem } },
  }, async (request, reply) => reply.status(201).send(await createReversalDraft(db, actor(request), request.params.fund, BigInt(request.params.id), request.body)));

  app.post('/api/ledger/imports', { config: { permission: 'ledger.entry.draft' },
    schema: { tags, consumes: ['multipart/form-data'],
      summary: '导入凭证 Preview a file of migrated entries (opening balances, history; multipart field "file"): CSV in UTF-8 or GB18030/GBK or XLSX, one row per line (凭证号/key, 基金代码/fund, 会计期间/period, 记账日期/date, 摘要/memo, 科目代码/account, 借方金额/debit, 贷方金额/credit …), or a JSON array of entries. Every bad row is listed at once (422, nothing posted); a good file shows its entries, lines and totals per fund and posts nothing until POST /api/ledger/imports/{importId}/confirm',
      querystring: Type.Object({ mode: Type.Optional(Type.Literal('preview', { description: 'preview (the only mode over HTTP: migrated entries post on confirmation)' })), encoding: ImportEncoding }),
      response: { 200: Type.Union([LedgerImportPreview, LedgerImportResult], { description: 'the preview, or the first answer of a file imported before (alreadyImported)' }) } },
  }, async (request) => importLedgerFile(db, actor(request), await uploadedFile(request, request.query), 'preview'));
  app.post('/api/ledger/imports/:importId/confirm', { config: { permission: 'ledger.entry.approve' },
    schema: { tags, summary: '确认导入凭证 Post a previewed entry file (checked again; entries posted since are not posted twice), confirmed by another person than who previewed it',
      params: Type.Object({ importId: Id }),
      body: Type.Optional(Type.Object({ sha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$', description: 'the preview\'s file hash, to confirm exactly the file previewed' })) }, Strict)),
      response: { 200: LedgerImportResult } },
  }, async (request) => confirmLedgerImport(db, actor(request), BigInt(request.params.importId), request.body?.sha256));

  app.post('/api/ledger/funds/:fund/sweeps', { config: { permission: 'ledger.sweep' },
    schema: { tags, summary: '归集 Sweep the income account to the fiscal special account at a month end (the scheduled transfer)', params: FundParams,
      body: Type.Object({ period: Period }, Strict), response: { 200: Sweep } },
  }, async (request) => sweepIncomeAccount(db, actor(request), request.params.fund, request.body.period));

  app.get('/api/ledger/funds/:fund/statements/income-expenditure', { config: { permission: 'ledger.read' },
    schema: { tags, summary: '基金收支表 Income and expenditure statement: month YYYY-MM, quarter YYYY-Qn or year YYYY (JSON, XLSX, CSV or PDF)', params: FundParams,
      querystring: Type.Object({ period: ReportingPeriod, ...ReportFormatQuery }), response: { 200: IncomeExpenditure } },
  }, async (request, reply) => {
    const statement = await incomeExpenditureStatement(db, actor(request), request.params.fund, request.query.period);
    return sendReport(reply, incomeExpenditureReport(statement), request.query.format);
  });

  app.get('/api/ledger/funds/:fund/accounts/:account/bank-statements', { config: { permission: 'ledger.read' },
    schema: { tags, summary: '银行对账单 Imported statements of a bank account, the latest period first; format=xlsx|csv for every one', params: AccountParams,
      querystring: Type.Object({ ...listQuery() }, { additionalProperties: false }), response: { 200: ListAnswer(BankStatement) } },
  }, async (request, reply) => {
    const { fund, account } = request.params;
    const who = actor(request);
    return answerList(reply, request.query, {
      defaultLimit: 20,
      page: (page) => listStatements(db, who, fund, account, page),
      rows: (page) => statementRows(db, who, fund, account, page),
      report: statementsReport(fund, account),
    });
  });
  app.post('/api/ledger/funds/:fund/accounts/:account/bank-statements', { config: { permission: 'ledger.bank.import' },
    schema: { tags, summary: '导入对账单 Import a bank statement (multipart field "file"): CSV in UTF-8 or GB18030/GBK or XLSX with English or Chinese headers (交易日期, 借方发生额/贷方发生额 or 金额, 余额, 对方户名, 对方账号, 摘要, 交易流水号 …), or camt.053 XML; all lines or none (422 listing every bad row, the error workbook at /api/imports/{importId}/errors.xlsx); the same file again changes nothing; matched automatically',
      consumes: ['multipart/form-data'], params: AccountParams,
      querystring: Type.Object({ from: Type.Optional(DateText), to: Type.Optional(DateText), encoding: ImportEncoding }), response: { 200: StatementImportAnswer } },
  }, async (request) => {
    const file = await uploadedFile(request, request.query);
    return importBankStatement(db, actor(request), request.params.fund, request.params.account, file, { from: request.query.from, to: request.query.to });
  });
  app.get('/api/ledger/funds/:fund/accounts/:account/matching', { config: { permission: 'ledger.read' },
    schema: { tags, summary: '对账 Unmatched bank and ledger lines with their age, and the matches', params: AccountParams, querystring: Type.Object({ asOf: Type.Optional(DateText) }), response: { 200: Matching } },
  }, async (request) => matchingView(db, actor(request), request.params.fund, request.params.account, request.query.asOf));
  app.post('/api/ledger/funds/:fund/accounts/:account/matches/auto', { config: { permission: 'ledger.bank.match' },
    schema: { tags, summary: '自动对账 Match automatically (reference, amount, date window)', params: AccountParams,
      body: Type.Object({ windowDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })) }, Strict), response: { 200: AutoMatch } },
  }, async (request) => autoMatchAccount(db, actor(request), request.params.fund, request.params.account, request.body.windowDays));
  app.post('/api/ledger/funds/:fund/accounts/:account/matches', { config: { permission: 'ledger.bank.match' },
    schema: { tags, summary: '手工勾对 Match bank lines with ledger lines by hand (equal sums)', params: AccountParams,
      body: Type.Object({ bankLineIds: Type.Array(Id, { minItems: 1, maxItems: 500 }), ledgerLines: Type.Array(Type.Object({ entryId: Id, lineNumber: Type.Integer({ minimum: 1, maximum: 32767 }) }, Strict), { minItems: 1, maxItems: 500 }) }, Strict), response: { 201: ManualMatch } },
  }, async (request, reply) => reply.status(201).send(await matchManually(db, actor(request), request.params.fund, request.params.account, request.body)));
  app.delete('/api/ledger/funds/:fund/accounts/:account/matches/:id', { config: { permission: 'ledger.bank.match' },
    schema: { tags, summary: '取消勾对 Undo a match (kept in history)', params: Type.Object({ fund: FundCode, account: AccountCode, id: Id }), response: { 200: Unmatch } },
  }, async (request) => unmatch(db, actor(request), request.params.fund, request.params.account, BigInt(request.params.id)));
  app.get('/api/ledger/funds/:fund/accounts/:account/reconciliation', { config: { permission: 'ledger.read' },
    schema: { tags, summary: '银行存款余额调节表 Reconciliation statement of a bank account for a month (JSON, XLSX, CSV or PDF)', params: AccountParams, querystring: Type.Object({ period: Period, ...ReportFormatQuery }), response: { 200: ReconciliationStatement } },
  }, async (request, reply) => {
    const statement = statementInLanguage(await reconciliationStatement(db, actor(request), request.params.fund, request.params.account, request.query.period), requestLanguage(request));
    return sendReport(reply, reconciliationReport(statement), request.query.format);
  });
  app.get('/api/ledger/funds/:fund/reconciliation', { config: { permission: 'ledger.read' },
    schema: { tags, summary: 'Reconciliation state of every bank account of the fund for a month', params: FundParams, querystring: Type.Object({ period: Period }), response: { 200: Items(ReconciliationStatement) } },
  }, async (request) => ({ items: (await fundReconciliation(db, actor(request), request.params.fund, request.query.period)).map((view) => statementInLanguage(view, requestLanguage(request))) }));

  app.get('/api/ledger/funds/:fund/periods', { config: { permission: 'ledger.read' }, schema: { tags, summary: '会计期间 Months with their status', params: FundParams, response: { 200: Items(LedgerPeriod) } } },
    async (request) => ({ items: await listPeriods(db, actor(request), request.params.fund) }));
  app.post('/api/ledger/funds/:fund/periods/:period/close', { config: { permission: 'period.close' }, schema: { tags, summary: '结账 Close a month (bank accounts reconciled, trial balance balanced)', params: Type.Object({ fund: FundCode, period: Period }), response: { 200: ClosedPeriod } } },
    async (request) => closePeriod(db, actor(request), request.params.fund, request.params.period));
  app.post('/api/ledger/funds/:fund/periods/:period/reopen-requests', { config: { permission: 'period.reopen.request' },
    schema: { tags, summary: '反结账申请 Ask to reopen a closed month: a sign-off item (ledger.period_reopen) decided in /api/approvals', params: Type.Object({ fund: FundCode, period: Period }), body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, Strict), response: { 201: ApprovalItem } },
  }, async (request, reply) => reply.status(201).send(await requestReopen(db, actor(request), request.params.fund, request.params.period, request.body.reason)));

  app.get('/api/ledger/funds/:fund/check', { config: { permission: 'ledger.read' }, schema: { tags, summary: 'Consistency check: balances recomputed from the journal', params: FundParams, response: { 200: LedgerCheck } } },
    async (request) => checkLedger(db, actor(request), request.params.fund));
  app.get('/api/ledger/export/hledger', { config: { permission: 'ledger.read' },
    schema: { tags, summary: 'The journal as an hledger journal (text/plain)', querystring: Type.Object({ from: DateText, to: DateText, fund: Type.Optional(FundCode) }), response: { 200: { content: { 'text/plain': { schema: JournalText } } } } },
  }, async (request, reply) => {
    let text = '';
    for await (const chunk of exportHledger(db, actor(request), request.query)) text += chunk;
    reply.header('content-type', 'text/plain; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="sifund-${request.query.fund ?? 'funds'}-${request.query.from}-${request.query.to}.journal"`);
    return reply.send(text);
  });
}
