/** 手工凭证: a manual adjustment entry, checked by the API at once; a sign-off item, posted when a second person approves it. */
import { Button, DatePicker, Form, Input, Select, Space, Typography, type FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { fenToYuan, toFen } from '../../format.ts';
import { fundPath } from './shared.tsx';
import type { Account } from './types.ts';
import type { ApprovalItem } from '../../platform/signoff/types.ts';

interface LineValues { account?: string; side: 'debit' | 'credit'; amount?: string; reference?: string }
interface DraftValues { date: Dayjs; memo?: string; lines: LineValues[] }

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

function Totals({ form }: { form: FormInstance<DraftValues> }) {
  const { t } = useI18n();
  const lines = (Form.useWatch('lines', form) ?? []) as LineValues[];
  const side = (which: 'debit' | 'credit') => lines.filter((l) => l?.side === which && AMOUNT.test(l.amount ?? '')).reduce((sum, l) => sum + toFen(l.amount!), 0n);
  const debit = side('debit');
  const credit = side('credit');
  return (
    <Typography.Text type={debit === credit && debit > 0n ? 'success' : 'danger'} data-testid="draft-totals">
      {t('ledger.drafts.totals', { debit: fenToYuan(debit), credit: fenToYuan(credit) })}
    </Typography.Text>
  );
}

/** The API lists every problem of a refused entry in `rows`: show them all. */
function withProblems(failure: unknown): unknown {
  if (failure instanceof ApiError && failure.rows?.length) return new Error(`${failure.message}：${failure.rows.map((row) => row.message).join('；')}`);
  return failure;
}

export function DraftFormModal({ fund, open, onClose, onCreated }: { fund: string; open: boolean; onClose(): void; onCreated(): void }) {
  const { t } = useI18n();
  const accounts = useLoad((signal) => api.get<{ items: Account[] }>(`${fundPath(fund)}/accounts`, undefined, signal).then((list) => list.items), [fund]);

  const submit = async (values: DraftValues) => {
    try {
      return await api.post<ApprovalItem>(`${fundPath(fund)}/drafts`, {
        period: values.date.format('YYYY-MM'), date: values.date.format('YYYY-MM-DD'), memo: values.memo?.trim() || undefined,
        lines: values.lines.map((line) => ({ account: line.account, [line.side]: line.amount, ...(line.reference?.trim() ? { reference: line.reference.trim() } : {}) })),
      });
    } catch (failure) {
      throw withProblems(failure);
    }
  };

  return (
    <FormModal<DraftValues>
      title={t('ledger.drafts.create')} open={open} onClose={onClose} onSubmit={submit} onDone={onCreated} fields={['date', 'memo']} width={860} testId="draft-form"
      initialValues={{ date: dayjs(), lines: [{ side: 'debit' }, { side: 'credit' }] }}
    >
      {(form) => (
        <>
          <Space align="start" wrap>
            <Form.Item name="date" label={t('ledger.date')} rules={[{ required: true }]}><DatePicker allowClear={false} /></Form.Item>
            <Form.Item name="memo" label={t('ledger.memo')} style={{ width: 520 }}><Input maxLength={500} data-testid="draft-memo" /></Form.Item>
          </Space>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap data-testid="draft-line">
                    <Form.Item name={[field.name, 'account']} rules={[{ required: true, message: t('ledger.drafts.accountRequired') }]}>
                      <Select
                        style={{ width: 300 }} showSearch optionFilterProp="label" placeholder={t('ledger.account.name')} loading={accounts.loading}
                        options={(accounts.data ?? []).map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'side']}>
                      <Select style={{ width: 90 }} options={[{ value: 'debit', label: t('ledger.debit') }, { value: 'credit', label: t('ledger.credit') }]} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'amount']} rules={[{ required: true, pattern: AMOUNT, message: t('ledger.drafts.amountFormat') }]}>
                      <Input placeholder="0.00" style={{ width: 150, textAlign: 'right' }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'reference']}>
                      <Input placeholder={t('ledger.reference')} style={{ width: 160 }} maxLength={200} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} disabled={fields.length <= 2} onClick={() => remove(field.name)} aria-label={t('ledger.drafts.removeLine')} />
                  </Space>
                ))}
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ side: 'debit' })}>{t('ledger.drafts.addLine')}</Button>
                  <Totals form={form} />
                </Space>
              </>
            )}
          </Form.List>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('ledger.drafts.rule')}</Typography.Paragraph>
        </>
      )}
    </FormModal>
  );
}
