/**
 * What the fund ledger says to people (R10.1), in Chinese for the 基金财务 staff and in English: the ledger's field
 * labels and four catalogs — `ledger` (funds, periods, posting and imports as a whole), `ledgerEntry` (what is wrong
 * with one entry: the error answer and the error workbook name a rule for each, ruleOfEntryProblem),
 * `bankStatement` (a statement file's rows and XML) and `reconciliation` (matching and the reconciliation statement).
 * Generic fields (period, from, to, asOf, file, date, amount …) are labelled in src/platform/fields.messages.ts and
 * by the modules that own them.
 */
import { defineFieldLabels, defineMessages, type Said } from '../../platform/messages.ts';

defineFieldLabels({
  fund: ['基金', 'fund'],
  account: ['会计科目', 'account'],
  debit: ['借方金额', 'debit'],
  credit: ['贷方金额', 'credit'],
  subject: ['预算科目', 'budget subject'],
  memo: ['摘要', 'memo'],
  lineMemo: ['分录摘要', 'line memo'],
  source: ['来源单据', 'source document'],
  sourceType: ['来源类型', 'source type'],
  sourceId: ['来源单号', 'source id'],
  correctionOfPeriod: ['更正期间', 'corrected period'],
  key: ['凭证号', 'entry key'],
  entryKey: ['凭证号', 'entry key'],
  entry: ['凭证', 'entry'],
  lines: ['分录', 'lines'],
  kind: ['类别', 'kind'],
  entryId: ['凭证编号', 'entry id'],
  windowDays: ['日期容差（天）', 'date window (days)'],
  bankLineIds: ['银行交易', 'bank lines'],
  ledgerLines: ['账簿分录', 'ledger lines'],
  matchId: ['勾对记录', 'match'],
  balance: ['余额', 'balance'],
  valueDate: ['起息日', 'value date'],
  counterpartyName: ['对方户名', 'counterparty'],
  counterpartyAccount: ['对方账号', 'counterparty account'],
  bankAccountNumber: ['银行账号', 'bank account number'],
  // camt.053 elements, named as the XML names them
  xml: ['XML', 'XML'],
  Document: ['XML 根元素（Document）', 'Document'],
  Stmt: ['对账单（Stmt）', 'Stmt'],
  Bal: ['余额（Bal）', 'Bal'],
  Amt: ['金额（Amt）', 'Amt'],
  Ccy: ['币种（Ccy）', 'Ccy'],
  CdtDbtInd: ['借贷标志（CdtDbtInd）', 'CdtDbtInd'],
  BookgDt: ['记账日期（BookgDt）', 'BookgDt'],
  FrToDt: ['对账单期间（FrToDt）', 'FrToDt'],
  AcctSvcrRef: ['银行交易流水号（AcctSvcrRef）', 'AcctSvcrRef'],
});

export const ledgerMessages = defineMessages('ledger', {
  // things, as refusals name them
  fund: ['基金 {fund}', 'fund {fund}'],
  entryOfFund: ['基金 {fund} 的凭证 {entryId}', 'entry {entryId} of fund {fund}'],
  accountOfFund: ['基金 {fund} 的会计科目 {account}', 'account {account} of fund {fund}'],
  bankAccountOfFund: ['基金 {fund} 的银行账户 {account}', 'bank account {account} of fund {fund}'],
  matchOfAccount: ['账户 {account} 的勾对记录 {matchId}', 'match {matchId} on account {account}'],
  row: ['第 {row} 行', 'row {row}'],
  rows: ['第 {first}–{last} 行', 'rows {first}–{last}'],
  line: ['第 {line} 行', 'line {line}'],
  andAlso: ['{first}；{next}', '{first}; {next}'],
  listMore: ['{first}、{next}', '{first}, {next}'],
  // values
  periodShape: ['须为 YYYY-MM 格式的月份，实为“{value}”', 'must be YYYY-MM, got "{value}"'],
  reportingPeriodShape: ['须为月份 YYYY-MM、季度 YYYY-Qn 或年度 YYYY，实为“{value}”', 'must be a month YYYY-MM, a quarter YYYY-Qn or a year YYYY, got "{value}"'],
  dateShape: ['须为 YYYY-MM-DD 格式的日期', 'must be a date YYYY-MM-DD'],
  postingKind: ['须为 business（业务记账）或 import（迁移导入）', 'must be business or import'],
  // posting, reversal, sweep
  entriesRejected: ['{total} 笔凭证中有 {rows} 笔有误，未记账', '{rows} of {total} entries have problems; nothing was posted'],
  importRejected: ['{total} 笔凭证中有 {rows} 笔有误，未导入任何数据', '{rows} of {total} entries have problems; nothing was imported'],
  draftRejected: ['凭证有误', 'the entry has problems'],
  keyPostedOtherContent: ['凭证号 {key} 已记账（凭证 {entryId}），内容与本次不同', 'key {key} was already posted (entry {entryId}) with a different content'],
  alreadyReversed: ['凭证 {entryId} 已被凭证 {reversalId} 冲销', 'entry {entryId} is already reversed by entry {reversalId}'],
  fundLacksBankAccounts: ['基金 {fund} 缺少收入户或财政专户', 'fund {fund} lacks an income or special account'],
  // period close and reopening
  periodAlreadyClosed: ['基金 {fund} 的 {period} 已结账（结账人 {closedBy}）', '{period} of fund {fund} is already closed (by {closedBy})'],
  sweepNotEnded: ['{period} 尚未结束（北京时间今天是 {today}）：收入户资金在月份结束后归集财政专户，当月到账款项一并归集', '{period} has not ended (today is {today} in China): the income account is swept after the month ends, with every receipt of the month'],
  periodNotEnded: ['{period} 尚未结束（北京时间今天是 {today}）：月份结束后方可结账', '{period} has not ended (today is {today} in China): a month is closed after it ends'],
  previousPeriodOpen: ['基金 {fund} 的上月 {previous} 尚未结账：须按月顺序结账', '{previous}, the month before, of fund {fund} is not closed: months are closed in order'],
  periodNotReady: ['基金 {fund} 的 {period} 不能结账：{problems}', '{period} of fund {fund} cannot be closed: {problems}'],
  trialBalanceUnbalanced: ['试算不平衡', 'the trial balance does not balance'],
  balancesDifferFromJournal: ['{count} 个科目的余额与凭证不符（请运行 sifund ledger check）', 'balances differ from the journal on {count} accounts (run sifund ledger check)'],
  bankAccountNotReconciled: ['银行账户 {account} {accountName} 未对平：{reason}', 'bank account {account} {accountName} is not reconciled: {reason}'],
  periodNoLongerClosed: ['基金 {fund} 的 {period} 已不是结账状态', '{period} of fund {fund} is not closed any more'],
  periodNotClosed: ['基金 {fund} 的 {period} 未结账', '{period} of fund {fund} is not closed'],
  reopenReasonRequired: ['必填：请说明已结账月份需要变更的原因', 'is required: say why the closed month must change'],
  // imports as a whole
  separationOfDuties: ['导入批次 {importId} 由您本人预览，迁移凭证须由他人确认（不相容岗位相互分离）', 'import {importId} was previewed by you: another person confirms migrated entries'],
  entryProblem: ['凭证 {key}（{where}）：{problem}', 'entry {key} ({where}): {problem}'],
  missingColumns: ['缺少必需的列：{columns}', 'missing required columns: {columns}'],
  columnFund: ['基金代码', 'fund / 基金代码'],
  columnDate: ['记账日期', 'date / 记账日期'],
  differsFromRow: ['凭证 {key}：与第 {row} 行（“{value}”）不一致，同一凭证的{field}只能有一个值', 'entry {key}: differs from row {row} ("{value}"); an entry\'s {field} is one value'],
  requiredOnFirstRow: ['凭证 {key}：必填（至少填在该凭证的第一行）', 'entry {key}: is required (on the entry\'s first row at least)'],
  notJson: ['不是有效的 JSON：{detail}', 'is not JSON: {detail}'],
  notJsonArray: ['须为凭证组成的 JSON 数组', 'must be a JSON array of entries'],
  noEntries: ['没有任何凭证', 'holds no entries'],
});

/** What is wrong with one entry (validateEntry, validateEntries, the JSON entry shape). */
export const entryMessages = defineMessages('ledgerEntry', {
  // the JSON shape of an entry (parseImportedEntry)
  mustBeObject: ['须为对象', 'must be an object'],
  requiredString: ['必填（字符串）', 'is required (a string)'],
  mustBeString: ['须为字符串', 'must be a string'],
  sourceShape: ['须为 {shape} 字符串', 'must be {shape} strings'],
  linesShape: ['须为 {shape} 组成的数组', 'must be an array of {shape}'],
  accountRequired: ['必填（会计科目代码，见 sifund ledger accounts）', 'is required (an account code from `sifund ledger accounts`)'],
  yuanString: ['须为以元为单位的字符串金额，如 "1000.00"', 'must be a yuan string like "1000.00"'],
  yuanShape: ['须为以元为单位、至多两位小数的金额，实为“{value}”', 'must be an amount in yuan with at most two decimals, got "{value}"'],
  subjectCode: ['须为预算科目代码', 'must be a budget subject code'],
  // the entry's rules (validateEntry)
  keyRequired: ['必填（1–200 个字符）：凭证的幂等键', 'is required (1–200 characters): the idempotency key of the entry'],
  dateShape: ['须为 YYYY-MM-DD 格式的日期，实为“{value}”', 'must be a date YYYY-MM-DD, got "{value}"'],
  dateOutsidePeriod: ['{date} 不在会计期间 {period} 内（跨期更正记入未结账月份，并填写更正期间 correctionOfPeriod）', '{date} is outside the accounting period {period} (a late correction posts into the open month with correctionOfPeriod)'],
  correctionNotBefore: ['须为凭证所属会计期间之前的月份', 'must be a month before the entry\'s period'],
  sourceIncomplete: ['来源类型和来源单号须同时填写', 'needs both type and id'],
  tooFewLines: ['一张凭证至少两条分录（复式记账）', 'an entry needs at least two lines (double entry)'],
  tooManyLines: ['每张凭证至多 {max} 条分录', 'at most {max} lines per entry'],
  noAccount: ['基金 {fund} 没有会计科目 {account}', 'no account {account} in fund {fund}'],
  negativeAmount: ['金额须为正数；更正应冲销原凭证或反方向记账', 'amounts are positive; a correction is a reversal or an entry on the other side'],
  oneSide: ['借方、贷方须且只能填一方，且大于零', 'needs exactly one of debit or credit, greater than zero'],
  subjectOfAccount: ['会计科目 {account} {accountName} 对应预算科目 {subject}，不是 {given}', 'account {account} {accountName} belongs to budget subject {subject}, not {given}'],
  unknownSubject: ['预算科目 {subject} 不存在', 'unknown budget subject {subject}'],
  unbalanced: ['借方合计 {debits} 与贷方合计 {credits} 不等：借贷必须相等', 'debits {debits} and credits {credits} differ: an entry must balance'],
  // 收支两条线 (treasuryRouteProblem)
  incomeAccountPaysOut: ['收支两条线：收入户不得对外支付，只能划转财政专户，本凭证却借记{debited}', '收支两条线: the income account (收入户) cannot pay out; it only transfers to the fiscal special account (财政专户), but this entry debits {debited}'],
  incomeTransferTyped: ['收支两条线：收入户划转财政专户由月度归集生成，不得手工录入', '收支两条线: transfers from the income account (收入户) to the fiscal special account are generated by the monthly sweep, not typed'],
  sweepRoute: ['归集只能由收入户划入财政专户', 'a sweep moves money from the income account (收入户) to the fiscal special account (财政专户) only'],
  specialAccountRoute: ['收支两条线：财政专户只能拨入支出户、上解上级或购买国债及委托投资，本凭证却借记{debited}', '收支两条线: the fiscal special account (财政专户) only allocates to the expense account (支出户), remits to the higher level or buys bonds and entrusted investment, but this entry debits {debited}'],
  expenseAccountRoute: ['收支两条线：支出户只能向收款人支付，资金不得转入{debited}', '收支两条线: the expense account (支出户) pays payees only; money cannot move from it to {debited}'],
  roleIncomeBank: ['收入户', '收入户 income account'],
  roleSpecialBank: ['财政专户', '财政专户 fiscal special account'],
  roleExpenseBank: ['支出户', '支出户 expense account'],
  roleReceivable: ['应收及暂付款', 'receivable'],
  rolePayable: ['应付及暂收款', 'payable'],
  roleRevenue: ['收入类科目', 'revenue'],
  roleExpense: ['支出类科目', 'expense'],
  roleFundBalance: ['基金结余', 'fund balance'],
  roleInvestment: ['债券及委托投资', 'investment'],
  // against the fund and what is posted (validateEntries)
  noFund: ['基金 {fund} 不存在（或不在您的数据范围内）', 'no fund {fund} (or outside your data scope)'],
  fundOutOfScope: ['基金 {fund} 不在您的数据范围内', 'fund {fund} is outside your data scope'],
  periodClosed: ['基金 {fund} 的会计期间 {period} 已结账：跨期更正请记入未结账月份，并填写更正期间 correctionOfPeriod', 'accounting period {period} of fund {fund} is closed: post a late correction into an open month with correctionOfPeriod'],
  keyUsedInCall: ['凭证号 {key} 已被第 {earlier} 笔凭证使用，内容不同', 'key {key} is used by entry {earlier} with a different content'],
  keyPosted: ['凭证号 {key} 已记账（凭证 {entryId}），内容与本次不同', 'key {key} was already posted (entry {entryId}) with a different content'],
});

/**
 * The rule each entry problem breaks, by its message (the error answer's `rows[].rule` and the error workbook; the
 * web names each rule, web/src/modules/ledger/messages.ts `importRule.*`). Shape problems without a rule of their own
 * are `format` (`object` for an entry that is not an object).
 */
const ENTRY_RULES = {
  requiredString: 'required', accountRequired: 'required', keyRequired: 'required',
  unbalanced: 'balanced',
  incomeAccountPaysOut: 'treasury_route', incomeTransferTyped: 'treasury_route', sweepRoute: 'treasury_route',
  specialAccountRoute: 'treasury_route', expenseAccountRoute: 'treasury_route',
  periodClosed: 'open_period',
  keyUsedInCall: 'same_key_same_content', keyPosted: 'same_key_same_content',
  noAccount: 'known_account',
  noFund: 'known_fund', fundOutOfScope: 'known_fund',
  oneSide: 'one_side', negativeAmount: 'one_side',
  subjectOfAccount: 'budget_subject', unknownSubject: 'budget_subject', subjectCode: 'budget_subject',
  dateOutsidePeriod: 'date_in_period',
} satisfies Partial<Record<keyof typeof entryMessages, string>>;

const ruleByKey = new Map(Object.entries(ENTRY_RULES).map(([name, rule]) => [entryMessages[name as keyof typeof ENTRY_RULES]().key, rule]));

/** The rule of an entry problem, from its message's key. */
export function ruleOfEntryProblem(field: string, message: Said | string): string {
  return (typeof message === 'string' ? undefined : ruleByKey.get(message.key)) ?? (field === 'entry' ? 'object' : 'format');
}

/** What is wrong with a bank statement file: a table's rows, a camt.053 document, its XML. */
export const statementMessages = defineMessages('bankStatement', {
  headerNeedsAmount: ['表头须有金额列，或借方发生额和贷方发生额列', 'the header needs amount (金额), or debit and credit (借方发生额 / 贷方发生额)'],
  positive: ['借方、贷方发生额须填正数', 'debit and credit are written as positive amounts'],
  oneSide: ['一笔交易只能有借方（支出）或贷方（收入）之一，不能同时填写', 'a line has either a debit (money out) or a credit (money in), not both'],
  notZero: ['未填或为零：每笔交易都须有发生额', 'is missing or zero: a line moves money'],
  runningBalance: ['余额 {balance} 与上笔余额 {previous} 加本笔发生额 {amount} 不符', '{balance} does not follow from the previous balance {previous} and the amount {amount}'],
  transactionAgain: ['银行交易流水号 {id} 重复（首次出现在{where}）', 'the bank transaction {id} appears again (first on {where})'],
  // camt.053
  required: ['必填', 'is required'],
  currency: ['币种为 {currency}：基金账户以人民币（CNY）记账', 'currency {currency}: fund accounts are in CNY'],
  amountShape: ['“{value}”不是至多两位小数的金额', '"{value}" is not an amount with at most two decimals'],
  creditDebitCode: ['须为 CRDT 或 DBIT', 'must be CRDT or DBIT'],
  notCamt053: ['不是 camt.053 对账单（Document/BkToCstmrStmt）', 'not a camt.053 document (Document/BkToCstmrStmt)'],
  noStatement: ['文件中没有对账单', 'the document has no statement'],
  openingRequired: ['缺少期初余额（OPBD 或 PRCD）', 'an opening balance (OPBD or PRCD) is required'],
  closingRequired: ['缺少期末余额（CLBD）', 'a closing balance (CLBD) is required'],
  accountCurrency: ['账户币种为 {currency}：基金账户以人民币（CNY）记账', 'account currency {currency}: fund accounts are in CNY'],
  bookingDateRequired: ['已入账交易须有记账日期', 'a booked entry needs a booking date'],
  zero: ['金额为零', 'is zero'],
  incomplete: ['期初余额 {opening} + 发生额 {entries} ≠ 期末余额 {closing}：对账单不完整', 'opening {opening} + entries {entries} ≠ closing {closing}: the statement is incomplete'],
  periodUnknown: ['无法确定对账单期间（没有 FrToDt、余额日期或交易）', 'the statement period cannot be told (no FrToDt, balance dates or entries)'],
  entriesOutsidePeriod: ['{first} 至 {last} 的交易超出对账单期间 {from}–{to}', 'entries from {first} to {last} fall outside the statement period {from}–{to}'],
  // XML (xml.parse.ts)
  bareAmpersand: ['单独的“&”须写作 &amp;', 'a bare "&" must be written &amp;'],
  unknownEntity: ['未知的实体 &{entity};', 'unknown entity &{entity};'],
  notClosed: ['{what}没有结束', '{what} is not closed'],
  comment: ['注释', 'a comment'],
  cdata: ['CDATA 段', 'a CDATA section'],
  processingInstruction: ['处理指令', 'a processing instruction'],
  textOutsideRoot: ['根元素之外有文本', 'text outside the root element'],
  cdataOutsideRoot: ['根元素之外有 CDATA', 'CDATA outside the root element'],
  declaration: ['不接受 DOCTYPE 等声明', 'DOCTYPE and other declarations are not accepted'],
  closingTagName: ['结束标签缺少名称', 'a closing tag needs a name'],
  closingTagMalformed: ['结束标签 </{name}> 格式错误', 'closing tag </{name}> is malformed'],
  closesOther: ['</{name}> 关闭的是第 {line} 行开始的 <{open}>', '</{name}> closes <{open}> opened on line {line}'],
  noOpeningTag: ['</{name}> 没有对应的开始标签', '</{name}> has no opening tag'],
  strayLessThan: ['“<”后不是标签（请写作 &lt;）', 'a "<" that starts no tag (write &lt;)'],
  tagNotClosed: ['标签 <{name}> 没有结束', 'tag <{name}> is not closed'],
  unexpectedInTag: ['标签 <{name}> 中出现意外的“{character}”', 'unexpected "{character}" in tag <{name}>'],
  attributeNeedsValue: ['属性 {attribute} 缺少取值', 'attribute {attribute} needs a value'],
  attributeNeedsQuotes: ['属性 {attribute} 的取值须加引号', 'attribute {attribute} needs a quoted value'],
  attributeNotClosed: ['属性 {attribute} 的取值没有结束', 'attribute {attribute} is not closed'],
  secondRoot: ['出现第二个根元素', 'a second root element'],
  elementNotClosed: ['第 {line} 行开始的 <{name}> 没有结束', '<{name}> opened on line {line} is not closed'],
  noRoot: ['没有根元素', 'no root element'],
});

/** Bank statements against the account, matching, and the reconciliation statement. */
export const reconciliationMessages = defineMessages('reconciliation', {
  fromAfterFirstLine: ['须为不晚于第一笔交易（{date}）的日期', 'must be a date on or before the first line ({date})'],
  toBeforeLastLine: ['须为不早于最后一笔交易（{date}）的日期', 'must be a date on or after the last line ({date})'],
  otherBankAccount: ['对账单（第 {line} 行）的银行账号为 {number}，不是 {expected}（{account} {accountName}）', 'the statement (line {line}) is for bank account {number}, not {expected} ({account} {accountName})'],
  fileOfOtherAccount: ['该文件已作为 {fund} 账户 {account} 的对账单导入（导入批次 {importId}）；一份对账单只属于一个银行账户', 'this file was imported as the statement of {fund} account {account} (import {importId}); a statement file belongs to one bank account'],
  windowDays: ['须为 0–60 之间的整数天数', 'must be a whole number of days 0–60'],
  matchNeedsBothSides: ['勾对至少需要一笔银行交易和一条账簿分录', 'a match needs at least one bank line and one ledger line'],
  noBankLine: ['账户 {account} 没有银行交易 {id}', 'no bank line {id} on account {account}'],
  noLedgerLine: ['账户 {account} 没有账簿分录 {id}', 'no ledger line {id} on account {account}'],
  lineTwice: ['同一笔交易或分录出现了两次', 'a line appears twice'],
  alreadyMatched: ['{id} 已勾对（勾对记录 {matchId}）：请先取消勾对', 'line {id} is already matched (match {matchId}): unmatch it first'],
  sumsDiffer: ['银行交易合计 {bank}，账簿分录合计 {ledger}：勾对双方金额须相等', 'the bank lines add up to {bank} and the ledger lines to {ledger}: a match needs equal sums'],
  alreadyUndone: ['勾对记录 {matchId} 已由 {by} 取消', 'match {matchId} was already undone by {by}'],
  // why an account is not reconciled
  noStatement: ['该账户尚未导入银行对账单', 'no bank statement imported for this account'],
  statementsShort: ['银行对账单只到 {until}，请导入截至 {asOf} 的对账单', 'bank statements reach only {until}; import the statement up to {asOf}'],
  adjustedDiffer: ['调节后余额相差 {difference}', 'adjusted balances differ by {difference}'],
});

/** Said messages joined in one: "a；b" / "a; b" (or, with `listMore`, a list "a、b" / "a, b"); none: ''. */
export function allOf(parts: readonly Said[], join: (params: { first: Said; next: Said }) => Said = ledgerMessages.andAlso): Said | string {
  return parts.length ? parts.reduce((first, next) => join({ first, next })) : '';
}
