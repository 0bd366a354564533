/**
 * 审核事项: one sign-off item — what it is and what it changes, the levels it needs (signed ones ticked), what it
 * did once approved, the rules that chose its levels, and its timeline. A decider of the next level sees 同意 and
 * 退回; its drafter sees 重新提交 and 撤回 when the item allows them.
 */
import { Suspense, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Space, Steps, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n, type Translate } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import { can, type Permission } from '../../permissions.ts';
import { useMe } from '../../session.tsx';
import type { Me } from '../../types.ts';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { ApprovalTimeline } from '../../components/ApprovalTimeline.tsx';
import { AgeCell, ApprovalActions, approvalPath, kindText, levelText, RiskTag, StatusTag } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import { DraftLines, type DraftLine } from '../ledger/index.ts';

/** A link the user can follow (they hold the permission of its page), else plain text. */
function guarded(me: Me, permission: Permission, to: string, text: ReactNode, testId?: string) {
  return can(me, permission) ? <Link to={to} data-testid={testId}>{text}</Link> : <span data-testid={testId}>{text}</span>;
}


/** What the item asks for, per kind (an unknown kind shows its payload as JSON). */
function Content({ item, me, t }: { item: ApprovalItem; me: Me; t: Translate }) {
  const p = item.payload ?? {};
  const rows: [string, ReactNode][] = [];
  let extra: ReactNode = null;
  switch (item.kind) {
    case 'ledger.entry':
      rows.push([t('ledger.fund'), p.fund]);
      if (p.kind === 'reversal') {
        rows.push([t('ledger.drafts.kind'), t('ledger.drafts.kind.reversal')]);
        rows.push([t('ledger.drafts.reverses'), guarded(me, 'ledger.read', `/ledger/balances/${p.fund}/entries/${p.reverses}`, p.reverses, 'approval-reverses')]);
        rows.push([t('ledger.entry.reversalDate'), p.date ?? '']);
        rows.push([t('ledger.memo'), p.memo ?? '']);
      } else {
        const entry = p.entry ?? {};
        rows.push([t('ledger.drafts.kind'), t('ledger.drafts.kind.manual')]);
        rows.push([t('ledger.date'), entry.date]);
        rows.push([t('ledger.memo'), entry.memo ?? '']);
        const lines: DraftLine[] = entry.lines ?? [];
        extra = <Suspense fallback={<PageSpinner />}><DraftLines lines={lines} testId="approval-entry-lines" /></Suspense>;
      }
      break;
    case 'ledger.period_reopen':
      rows.push([t('ledger.fund'), guarded(me, 'ledger.read', `/ledger/periods?fund=${p.fund}`, p.fund)], [t('ledger.period'), p.period], [t('ledger.periods.reason'), p.reason]);
      break;
    case 'payment.reversal':
      rows.push([t('approvals.payment'), guarded(me, 'payment.read', `/collection/payments?payment=${p.paymentId}`, p.paymentId)], [t('approvals.reason'), p.reason]);
      break;
    case 'billing.reassessment':
      rows.push([t('employer.creditCode'), p.creditCode], [t('bill.period'), p.period], [t('approvals.reason'), p.reason]);
      break;
    case 'employment.request':
      rows.push([t('approvals.request'), guarded(me, 'employment.request.review', '/portal/requests', p.requestId)]);
      break;
    default:
      extra = <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(p, null, 2)}</pre>;
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {rows.length > 0 && (
        <Descriptions size="small" column={2} bordered data-testid="approval-content">
          {rows.map(([label, value]) => <Descriptions.Item key={label} label={label}>{value}</Descriptions.Item>)}
        </Descriptions>
      )}
      {extra}
    </Space>
  );
}

/** What the final approval did (the item's result), per kind. */
function Result({ item, me, t }: { item: ApprovalItem; me: Me; t: Translate }) {
  const r = item.result ?? {};
  let body: ReactNode;
  switch (item.kind) {
    case 'ledger.entry':
      body = <>{t('approvals.result.entry')} {guarded(me, 'ledger.read', `/ledger/balances/${r.fund}/entries/${r.entryId}`, r.entryId, 'approval-result-entry')}</>;
      break;
    case 'ledger.period_reopen':
      body = t('approvals.result.reopened', { period: r.period ?? '', fund: r.fund ?? '' });
      break;
    case 'payment.reversal':
      body = t('approvals.result.reversed', { amount: r.amount ?? '', date: r.reversedOn ?? '', allocations: r.allocationsReversed ?? 0, entries: r.entriesReversed ?? 0 });
      break;
    case 'billing.reassessment': {
      const bills: { number: string; kind: string; total: string }[] = r.bills ?? [];
      body = bills.length === 0 ? t('approvals.result.noDifference') : (
        <Space direction="vertical" size={2}>
          {bills.map((bill) => (
            <span key={bill.number}>
              {t(`bill.kind.${bill.kind}`)} {guarded(me, 'billing.read', `/collection/bills/${encodeURIComponent(bill.number)}`, bill.number)} <Money value={bill.total} />
            </span>
          ))}
        </Space>
      );
      break;
    }
    case 'employment.request':
      body = <>{t('approvals.result.registered')} {guarded(me, 'registry.read', `/persons/${r.personId}`, r.personId)}</>;
      break;
    default:
      body = <pre style={{ margin: 0 }}>{JSON.stringify(r, null, 2)}</pre>;
  }
  return <Alert type="success" showIcon data-testid="approval-result" message={t('approvals.result.title')} description={body} />;
}

/** The levels as steps: 提交, then each level (its signer once signed); where a returned or withdrawn item stopped. */
function LevelSteps({ item }: { item: ApprovalItem }) {
  const { t, lang } = useI18n();
  // signatures of the current round (a resubmission starts every level again)
  let start = 0;
  item.timeline.forEach((step, index) => { if (step.action === 'submit' || step.action === 'resubmit') start = index; });
  const signers = new Map(item.timeline.slice(start).filter((step) => step.action === 'approve' && step.level !== null).map((step) => [step.level!, step]));
  const submitted = item.timeline[start];
  const current = item.status === 'pending' ? (item.nextLevel?.index ?? 0) + 1 : item.status === 'approved' ? item.levels.length + 1 : 0;
  const status = item.status === 'returned' || item.status === 'cancelled' ? 'error' : item.status === 'approved' ? 'finish' : 'process';
  return (
    <Steps
      size="small" current={current} status={status} data-testid="approval-levels" style={{ marginBottom: 16 }}
      items={[
        {
          title: t(item.status === 'returned' ? 'approvals.status.returned' : item.status === 'cancelled' ? 'approvals.status.cancelled' : 'approvals.action.submit'),
          description: submitted ? <>{submitted.username}<br />{formatDateTime(submitted.at)}</> : item.submittedBy,
        },
        ...item.levels.map((level) => {
          const signer = signers.get(level.index);
          return {
            title: <span data-testid="approval-level">{levelText(t, lang, level)}</span>,
            description: signer ? <>{signer.username}<br />{formatDateTime(signer.at)}</> : item.status === 'pending' && item.nextLevel?.index === level.index ? t('approvals.waiting') : '',
          };
        }),
      ]}
    />
  );
}

export default function ApprovalDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const loaded = useLoad((signal) => api.get<ApprovalItem>(approvalPath(id), undefined, signal), [id]);

  if (loaded.error) return <ApiErrorView error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <PageSpinner />;
  const item = loaded.data;
  const refs = Object.entries(item.parameterRefs ?? {});

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Page
        title={<span data-testid="approval-title">{item.title}</span>} testId="approval-detail"
        extra={(
          <>
            <ApprovalActions item={item} onDone={loaded.reload} />
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('common.back')}</Button>
          </>
        )}
      >
        {item.overdue && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('approvals.overdueAlert', { date: item.deadlineOn })} data-testid="approval-overdue-alert" />}
        {item.status === 'returned' && item.canResubmit && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('approvals.returnedToYou')} />}
        {item.status === 'pending' && !item.canDecide && item.submittedBy === me.username && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('approvals.ownItem')} data-testid="approval-own-item" />
        )}
        <LevelSteps item={item} />
        <Descriptions bordered size="small" column={3} data-testid="approval-header">
          <Descriptions.Item label={t('approvals.id')}>{item.id}</Descriptions.Item>
          <Descriptions.Item label={t('approvals.kind')}>{kindText(t, lang, item.kind, item.kindLabel)}</Descriptions.Item>
          <Descriptions.Item label={t('common.status')}><StatusTag status={item.status} /></Descriptions.Item>
          <Descriptions.Item label={t('approvals.amount')}><Money value={item.amount} testId="approval-amount" /></Descriptions.Item>
          <Descriptions.Item label={t('approvals.risk')}><RiskTag risk={item.risk} /></Descriptions.Item>
          <Descriptions.Item label={t('approvals.nextLevel')}>{item.nextLevel ? levelText(t, lang, item.nextLevel) : ''}</Descriptions.Item>
          <Descriptions.Item label={t('approvals.submittedBy')}><span data-testid="approval-submitted-by">{item.submittedBy}</span></Descriptions.Item>
          <Descriptions.Item label={t('approvals.submittedAt')}>{formatDateTime(item.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('approvals.age')}><AgeCell item={item} /></Descriptions.Item>
          <Descriptions.Item label={t('common.region')}>{item.regionCode}</Descriptions.Item>
          <Descriptions.Item label={t('approvals.decidedAt')}>{formatDateTime(item.decidedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('approvals.subject')}>
            {item.subjectLink ? <Link to={item.subjectLink} data-testid="approval-subject-link">{t('approvals.openSubject')}</Link> : ''}
          </Descriptions.Item>
        </Descriptions>
      </Page>
      {item.status === 'approved' && item.result && <Result item={item} me={me} t={t} />}
      <Card size="small" title={t('approvals.content')}><Content item={item} me={me} t={t} /></Card>
      <Card size="small" title={t('approvals.timeline')}><ApprovalTimeline steps={item.timeline} levels={item.levels} /></Card>
      {refs.length > 0 && (
        <Card size="small" title={t('approvals.rules')}>
          <Typography.Paragraph type="secondary">{t('approvals.rulesHint')}</Typography.Paragraph>
          <Descriptions size="small" column={1} bordered>
            {refs.map(([path, ref]) => (
              <Descriptions.Item key={path} label={<code>{path}</code>}>{[ref?.since && t('approvals.since', { date: ref.since }), ref?.reference].filter(Boolean).join(' · ')}</Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      )}
    </Space>
  );
}
