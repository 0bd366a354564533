/**
 * What every screen of the sign-off engine shares: loading the inbox's lists, the labels of kinds, levels, risks and
 * statuses, and the decision buttons (同意 / 退回 for a decider, 重新提交 / 撤回 for the drafter), each behind a
 * confirmation because a signature cannot be taken back. The API decides who may act (separation of duties by user
 * id); the buttons follow the item's canDecide / canResubmit / canCancel.
 */
import { useState, type ReactNode } from 'react';
import { App, Button, Form, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { api } from '../../api.ts';
import { hasMessage, useI18n, type Lang, type Translate } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';
import type { ApprovalItem, ApprovalLevel, ApprovalPage, ApprovalStatus, RiskGrade } from './types.ts';

/** Tell the header badge (and any open list) that an item changed. */
export const APPROVALS_CHANGED = 'sifund:approvals-changed';
export function approvalsChanged() {
  window.dispatchEvent(new Event(APPROVALS_CHANGED));
}

export const approvalPath = (id: string) => `/api/approvals/${encodeURIComponent(id)}`;

/** The inbox's tabs: what I may decide now, what I submitted, what went back to its drafter, what is finished. */
export type InboxTab = 'pending' | 'mine' | 'returned' | 'done';
export const inboxTabs: InboxTab[] = ['pending', 'mine', 'returned', 'done'];

/** The query of a tab: what I may decide now, what I submitted, what went back to its drafter, what is finished. */
export function inboxQuery(tab: InboxTab): { status?: readonly ApprovalStatus[]; mine?: boolean } {
  if (tab === 'mine') return { mine: true };
  if (tab === 'done') return { status: ['approved', 'cancelled'] };
  return { status: [tab] };
}

/**
 * Every item of a kind the caller may decide now, walked along the list's cursor (the API counts and reads these
 * whole: an agency's open items are few): the buttons of a page that lists the items by its own records.
 */
export async function decidableItems(kind: string, signal: AbortSignal): Promise<ApprovalItem[]> {
  const items: ApprovalItem[] = [];
  let after: string | undefined;
  do {
    const page = await api.get<ApprovalPage>('/api/approvals', { ...inboxQuery('pending'), kind, limit: 200, after }, signal);
    items.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after);
  return items;
}

/** The kind's name: the server's Chinese label, an English one from the dictionary. */
export function kindText(t: Translate, lang: Lang, kind: string, serverLabel?: string): string {
  if (lang === 'zh' && serverLabel) return serverLabel;
  return hasMessage(`approvals.kind.${kind}`) ? t(`approvals.kind.${kind}`) : serverLabel ?? kind;
}

/** A level's name: the server's Chinese label (复核, 审批, 审核), an English one by the level's name. */
export function levelText(t: Translate, lang: Lang, level: Pick<ApprovalLevel, 'name' | 'label'>): string {
  if (lang === 'zh') return level.label;
  return hasMessage(`approvals.level.${level.name}`) ? t(`approvals.level.${level.name}`) : level.label;
}

/** A role's name for a timeline step (a step may also be by a system actor). */
export function roleText(t: Translate, role: string): string {
  return hasMessage(`role.${role}`) ? t(`role.${role}`) : role;
}

const riskColors: Record<RiskGrade, string> = { high: 'red', medium: 'orange', low: 'green' };
export function RiskTag({ risk }: { risk: RiskGrade }) {
  const { t } = useI18n();
  return <Tag color={riskColors[risk] ?? 'default'} data-testid="approval-risk">{t(`approvals.risk.${risk}`)}</Tag>;
}

const statusColors: Record<ApprovalStatus, string> = { pending: 'processing', returned: 'warning', approved: 'success', cancelled: 'default' };
export function StatusTag({ status }: { status: ApprovalStatus }) {
  const { t } = useI18n();
  return <Tag color={statusColors[status] ?? 'default'} data-testid="approval-status">{t(`approvals.status.${status}`)}</Tag>;
}

/** How long the item has been open against its deadline (working days from submission); red when overdue. */
export function AgeCell({ item }: { item: Pick<ApprovalItem, 'ageDays' | 'deadlineOn' | 'overdue' | 'status'> }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Tooltip title={t('approvals.deadlineOn', { date: item.deadlineOn })}>
        <span data-testid="approval-age">{t('approvals.days', { n: item.ageDays })}</span>
        <Typography.Text type="secondary"> / {item.deadlineOn}</Typography.Text>
      </Tooltip>
      {item.overdue && <Tag color="red" data-testid="approval-overdue">{t('approvals.overdue')}</Tag>}
    </Space>
  );
}

/** What a decision by this user does next: the level it signs, and whether it is the last one (the effect commits). */
function signing(item: Partial<ApprovalItem>) {
  const level = item.nextLevel ?? undefined;
  const final = level !== undefined && item.levels !== undefined && level.index === item.levels.length - 1;
  return { level, final };
}

export type ActionTarget = Pick<ApprovalItem, 'id' | 'canDecide' | 'canResubmit' | 'canCancel'> & Partial<Pick<ApprovalItem, 'title' | 'nextLevel' | 'levels'>>;

/**
 * 同意 / 退回 (a decider), 重新提交 / 撤回 (the drafter): each asks first. Approving signs the next level and on the
 * last level applies the item at once; returning and withdrawing need a reason, which the drafter sees.
 */
export function ApprovalActions({ item, onDone, size = 'middle', extra, approveNote, onReturn }: {
  item: ActionTarget; onDone(view: ApprovalItem): void; size?: 'small' | 'middle'; extra?: ReactNode;
  /** what approving this item does, in the words of its kind (shown in the confirmation) */
  approveNote?: ReactNode;
  /** a kind whose return says more than a reason (a budget's comments per line) opens its own form instead */
  onReturn?: () => void;
}) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const done = (view: ApprovalItem, text: string) => {
    message.success(text);
    approvalsChanged();
    onDone(view);
  };
  const { level, final } = signing(item);
  const subject = item.title ? `「${item.title}」` : '';

  /** A confirmation with an optional comment; resolves once the request is done (the dialog shows the failure). */
  const confirmWithComment = (title: string, content: ReactNode, okText: string, send: (comment: string) => Promise<void>) => {
    let comment = '';
    modal.confirm({
      title, width: 520, okText, cancelText: t('common.cancel'), okButtonProps: { 'data-testid': 'confirm-ok' },
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          {content}
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('approvals.commentOptional')} onChange={(event) => { comment = event.target.value; }} data-testid="confirm-comment" />
        </Space>
      ),
      onOk: async () => {
        try { await send(comment.trim()); } catch (failure) { message.error((failure as Error).message); }
      },
    });
  };

  const approve = () => confirmWithComment(
    t('approvals.approveTitle', { subject }),
    <>
      {approveNote && <Typography.Paragraph style={{ marginBottom: 4 }}>{approveNote}</Typography.Paragraph>}
      <Typography.Paragraph style={{ marginBottom: 4 }}>{level ? t('approvals.approveSigns', { level: levelText(t, lang, level) }) : t('approvals.approveIrreversible')}</Typography.Paragraph>
      {final && <Typography.Paragraph type="warning" strong style={{ marginBottom: 0 }}>{t('approvals.approveFinal')}</Typography.Paragraph>}
    </>,
    t('approvals.approve'),
    async (comment) => {
      const view = await api.post<ApprovalItem>(`${approvalPath(item.id)}/decisions`, { decision: 'approve', comment: comment || null });
      done(view, view.status === 'approved' ? t('approvals.approvedFinal') : t('approvals.approvedNext', { level: view.nextLevel ? levelText(t, lang, view.nextLevel) : '' }));
    },
  );
  const resubmit = () => confirmWithComment(
    t('approvals.resubmitTitle', { subject }), <Typography.Paragraph style={{ marginBottom: 0 }}>{t('approvals.resubmitExplain')}</Typography.Paragraph>, t('approvals.resubmit'),
    async (comment) => {
      const view = await api.post<ApprovalItem>(`${approvalPath(item.id)}/resubmit`, { comment: comment || null });
      done(view, t('approvals.resubmitted'));
    },
  );

  if (!item.canDecide && !item.canResubmit && !item.canCancel && !extra) return null;
  return (
    <>
      <Space wrap>
        {item.canDecide && <Button size={size} type="primary" onClick={approve} data-testid="approval-approve">{t('approvals.approve')}</Button>}
        {item.canDecide && <Button size={size} danger onClick={() => (onReturn ? onReturn() : setReturning(true))} data-testid="approval-return">{t('approvals.return')}</Button>}
        {item.canResubmit && <Button size={size} type="primary" onClick={resubmit} data-testid="approval-resubmit">{t('approvals.resubmit')}</Button>}
        {item.canCancel && <Button size={size} danger onClick={() => setCancelling(true)} data-testid="approval-cancel">{t('approvals.cancel')}</Button>}
        {extra}
      </Space>
      <FormModal<{ comment: string }, ApprovalItem>
        title={`${t('approvals.returnTitle')}${subject}`} open={returning} onClose={() => setReturning(false)} fields={['comment']} danger okText={t('approvals.return')} testId="approval-return-form"
        onSubmit={(values) => api.post<ApprovalItem>(`${approvalPath(item.id)}/decisions`, { decision: 'return', comment: values.comment.trim() })}
        onDone={(view) => done(view, t('approvals.returned'))}
      >
        <Typography.Paragraph type="secondary">{t('approvals.returnExplain')}</Typography.Paragraph>
        <Form.Item name="comment" label={t('approvals.returnReason')} rules={[{ required: true, whitespace: true, message: t('approvals.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="approval-return-reason" />
        </Form.Item>
      </FormModal>
      <FormModal<{ comment: string }, ApprovalItem>
        title={`${t('approvals.cancelTitle')}${subject}`} open={cancelling} onClose={() => setCancelling(false)} fields={['comment']} danger okText={t('approvals.cancel')} testId="approval-cancel-form"
        confirm={t('approvals.cancelConfirm')}
        onSubmit={(values) => api.post<ApprovalItem>(`${approvalPath(item.id)}/cancel`, { comment: values.comment.trim() })}
        onDone={(view) => done(view, t('approvals.cancelled'))}
      >
        <Form.Item name="comment" label={t('approvals.cancelReason')} rules={[{ required: true, whitespace: true, message: t('approvals.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="approval-cancel-reason" />
        </Form.Item>
      </FormModal>
    </>
  );
}
