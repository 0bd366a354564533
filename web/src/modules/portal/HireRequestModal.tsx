/** 增员申报: POST /api/portal/employer/requests/hire — a request the agency reviews; the ID number is checked at once. */
import { DatePicker, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';

interface Values { idNumber: string; name: string; hiredOn: Dayjs }

export function HireRequestModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  return (
    <FormModal<Values>
      title={t('portal.hireRequest')} open={open} onClose={onClose} onDone={onDone} testId="hire-request-form" confirm={t('portal.requestConfirm')}
      initialValues={{ hiredOn: dayjs() }} fields={['idNumber', 'name', 'hiredOn']}
      onSubmit={(values) => api.post('/api/portal/employer/requests/hire', { idNumber: values.idNumber.trim(), name: values.name.trim(), hiredOn: values.hiredOn.format('YYYY-MM-DD') })}
    >
      <Typography.Paragraph type="secondary">{t('portal.requestReviewed')}</Typography.Paragraph>
      <Form.Item name="idNumber" label={t('person.idNumber')} rules={[{ required: true }, { pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('portal.idNumberFormat') }]}>
        <Input maxLength={18} data-testid="hire-request-idNumber" />
      </Form.Item>
      <Form.Item name="name" label={t('person.name')} rules={[{ required: true }]}>
        <Input maxLength={50} data-testid="hire-request-name" />
      </Form.Item>
      <Form.Item name="hiredOn" label={t('employment.hiredOn')} rules={[{ required: true }]}>
        <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}
