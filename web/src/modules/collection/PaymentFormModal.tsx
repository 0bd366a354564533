/**
 * 手工登记到账: POST /api/payments — a payment the bank file did not carry; the API allocates it to the employer's
 * bills. One like a payment recorded already (the same day and amount, or reference) stops with the warnings: the form
 * asks for the reason to carry on (FormModal).
 */
import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { RemoteSelect, type Option } from '../../components/RemoteSelect.tsx';
import type { Employer, List } from '../../types.ts';
import { fenToYuan, toFen } from '../../format.ts';
import type { PaymentInput } from './types.ts';

interface Values { creditCode: string; date: Dayjs; amount: string; reference?: string }

const searchCreditCodes = async (q: string): Promise<Option[]> =>
  (await api.get<List<Employer>>('/api/employers', { q, limit: 20 })).items.map((e) => ({ value: e.creditCode, label: `${e.name} ${e.creditCode}` }));

export function PaymentFormModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  return (
    <FormModal<Values>
      title={t('payment.record')} open={open} onClose={onClose} onDone={onDone} testId="payment-form" fields={['creditCode', 'date', 'amount', 'reference']}
      initialValues={{ date: dayjs() }}
      onSubmit={(values, { override }) => api.post('/api/payments', {
        creditCode: values.creditCode, date: values.date.format('YYYY-MM-DD'), amount: fenToYuan(toFen(values.amount)), reference: values.reference?.trim() || undefined, override,
      } satisfies PaymentInput)}
    >
      <Form.Item name="creditCode" label={t('payment.employer')} rules={[{ required: true }]}>
        <RemoteSelect search={searchCreditCodes} placeholder={t('employment.searchEmployer')} testId="payment-form-creditCode" />
      </Form.Item>
      <Form.Item name="date" label={t('payment.date')} rules={[{ required: true }]}>
        <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="amount" label={t('payment.amount')} rules={[{ required: true }, { pattern: /^\s*[\d,]+(\.\d{1,2})?\s*$/, message: t('payment.amountFormat') }]}>
        <Input prefix="¥" data-testid="payment-form-amount" />
      </Form.Item>
      <Form.Item name="reference" label={t('payment.reference')} extra={t('payment.referenceHint')}><Input maxLength={100} /></Form.Item>
    </FormModal>
  );
}
