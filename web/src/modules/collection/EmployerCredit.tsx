/**
 * An employer's payments with its credit above them (预缴结余, 暂收款: what it paid beyond its bills), and for staff who
 * hold payment.refund.request the 申请退费 of part or all of it (POST /api/payments/refunds). A refund is high-risk
 * (seed 004 篇7): the request goes to 复核 and 审批 and is paid only on the final approval; once submitted, the page
 * links to its sign-off item.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Form, Input, Space, Statistic, Typography } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { fenToYuan, formatYuan, toFen } from '../../format.ts';
import { useCan } from '../../permissions.ts';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { Money } from '../../components/Money.tsx';
import { NO_PRINT } from '../../components/list/print.ts';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import { PaymentsList } from './PaymentsList.tsx';
import type { PaymentList } from './types.ts';

/** The largest page GET /api/payments answers. */
const PAGE_LIMIT = 500;
const amountShape = /^\s*[\d,]+(\.\d{1,2})?\s*$/;

/**
 * The employer's credit in fen, with its name as its payments give it: each payment answers what it still holds as
 * credit (its credit rows: kept, drawn by a later bill, released by a credit note, undone by a reversal), so the
 * credit is their sum over every payment.
 */
async function creditOf(creditCode: string, signal: AbortSignal): Promise<{ credit: bigint; employerName: string }> {
  let credit = 0n;
  let employerName = creditCode;
  let after: string | undefined;
  do {
    const page = await api.get<PaymentList>('/api/payments', { employer: creditCode, limit: PAGE_LIMIT, after }, signal);
    credit += page.items.reduce((sum, payment) => sum + toFen(payment.credit), 0n);
    employerName = page.items[0]?.employerName ?? employerName;
    after = page.nextCursor ?? undefined;
  } while (after);
  return { credit, employerName };
}

interface RefundValues { amount: string; reason: string }

function RefundRequest({ creditCode, employerName, credit, onRequested }: { creditCode: string; employerName: string; credit: bigint; onRequested(item: ApprovalItem): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const available = formatYuan(fenToYuan(credit));
  return (
    <>
      <Button icon={<RollbackOutlined />} onClick={() => setOpen(true)} disabled={credit <= 0n} data-testid="refund-request">{t('refund.request')}</Button>
      <FormModal<RefundValues, ApprovalItem>
        title={t('refund.title', { employer: employerName })} open={open} onClose={() => setOpen(false)} onDone={onRequested}
        fields={['amount', 'reason']} testId="refund-form" okText={t('refund.submit')} danger
        initialValues={{ amount: fenToYuan(credit) }}
        onSubmit={(values) => api.post<ApprovalItem>('/api/payments/refunds', { creditCode, amount: fenToYuan(toFen(values.amount)), reason: values.reason.trim() })}
      >
        <Alert type="warning" showIcon message={t('refund.signoff')} style={{ marginBottom: 16 }} data-testid="refund-signoff" />
        <Typography.Paragraph>{t('refund.available', { amount: available })}</Typography.Paragraph>
        <Form.Item
          name="amount" label={t('refund.amount')}
          rules={[
            { required: true, pattern: amountShape, message: t('payment.amountFormat') },
            {
              validator: async (_, value?: string) => {
                if (!value || !amountShape.test(value)) return;
                const fen = toFen(value);
                if (fen <= 0n) throw new Error(t('refund.amountAboveZero'));
                if (fen > credit) throw new Error(t('refund.amountBeyond', { amount: available }));
              },
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" data-testid="refund-amount" />
        </Form.Item>
        <Form.Item name="reason" label={t('refund.reason')} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('refund.reasonLength') }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('refund.reasonPlaceholder')} data-testid="refund-reason" />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** 预缴结余 of the employer and, for those who may, 申请退费 with the link to the request once made. */
export function EmployerCredit({ creditCode }: { creditCode: string }) {
  const { t } = useI18n();
  const can = useCan();
  const held = useLoad((signal) => creditOf(creditCode, signal), [creditCode]);
  const [requested, setRequested] = useState<ApprovalItem>();
  if (held.error) return <ApiErrorView error={held.error} retry={held.reload} />;
  const credit = held.data?.credit;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="employer-credit">
      <Space align="end" size="large" wrap>
        <Statistic
          title={t('refund.credit')} loading={held.loading}
          valueRender={() => <Money value={credit === undefined ? undefined : fenToYuan(credit)} testId="employer-credit-amount" />}
        />
        <Typography.Text type="secondary">{t('refund.creditHint')}</Typography.Text>
        {can('payment.refund.request') && held.data && (
          <span className={NO_PRINT}>
            <RefundRequest
              creditCode={creditCode} employerName={held.data.employerName} credit={held.data.credit}
              onRequested={(item) => { approvalsChanged(); setRequested(item); }}
            />
          </span>
        )}
      </Space>
      {requested && (
        <Alert
          type="info" showIcon closable onClose={() => setRequested(undefined)} data-testid="refund-requested"
          message={t('refund.requested')}
          description={<>{requested.title} · <Link to={`/approvals/${requested.id}`} data-testid="refund-item">{t('approvals.open')}</Link></>}
        />
      )}
    </Space>
  );
}

/** An employer's payments tab (its page, the employer portal): the credit, then the payments. */
export function EmployerPayments({ creditCode }: { creditCode: string }) {
  return (
    <>
      <EmployerCredit creditCode={creditCode} />
      <PaymentsList creditCode={creditCode} />
    </>
  );
}
