/** 申报缴费基数: POST /api/base-declarations — each declaration for a year is a new version; nothing is overwritten. */
import { Form, Input, InputNumber, Select, Typography } from 'antd';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';
import type { Employment } from '../../types.ts';

interface Values { employerId: string; year: number; monthlyWage: string; reason?: string }

/** "8000" → "8000.00"; anything not an amount goes to the API unchanged so it can name the rule. */
function normalizeYuan(text: string): string {
  const trimmed = text.trim().replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(trimmed);
  return match ? `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}` : trimmed;
}

export function BaseDeclarationModal({ open, onClose, onDone, personId, employments }: {
  open: boolean; onClose(): void; onDone(): void; personId: string; employments: Employment[];
}) {
  const { t } = useI18n();
  const current = employments.filter((e) => !e.separatedOn);
  const choices = current.length ? current : employments;
  return (
    <FormModal<Values>
      title={t('base.declare')} open={open} onClose={onClose} onDone={onDone} testId="base-form" fields={['employerId', 'year', 'monthlyWage', 'reason']}
      initialValues={{ employerId: choices[0]?.employerId, year: new Date().getFullYear() }}
      onSubmit={(values) => api.post('/api/base-declarations', { ...values, personId, monthlyWage: normalizeYuan(values.monthlyWage), reason: values.reason || undefined })}
    >
      <Typography.Paragraph type="secondary">{t('base.newVersion')}</Typography.Paragraph>
      <Form.Item name="employerId" label={t('employment.employer')} rules={[{ required: true }]}>
        <Select options={choices.map((e) => ({ value: e.employerId, label: `${e.employerName} ${e.creditCode}` }))} />
      </Form.Item>
      <Form.Item name="year" label={t('base.year')} rules={[{ required: true }]}>
        <InputNumber min={1990} max={new Date().getFullYear() + 1} precision={0} />
      </Form.Item>
      <Form.Item name="monthlyWage" label={t('base.monthlyWage')} extra={t('base.wageFormat')} rules={[{ required: true }, { pattern: /^\s*[\d,]+(\.\d{1,2})?\s*$/, message: t('base.wageFormat') }]}>
        <Input prefix="¥" data-testid="base-form-monthlyWage" />
      </Form.Item>
      <Form.Item name="reason" label={t('base.reason')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
    </FormModal>
  );
}
