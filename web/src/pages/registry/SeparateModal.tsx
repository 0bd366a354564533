/** 退工: POST /api/employments/:employerId/:id/separate — irreversible, so it asks first. */
import { DatePicker, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { separationReasons } from '../../types.ts';

export interface SeparationTarget { employerId: string; employmentId: string; hiredOn: string; label: string }
interface Values { separatedOn: Dayjs; reason: string }

export function SeparateModal({ target, onClose, onDone }: { target?: SeparationTarget; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  return (
    <FormModal<Values>
      title={`${t('employment.separateTitle')}${target ? ` — ${target.label}` : ''}`} open={Boolean(target)} onClose={onClose} onDone={onDone}
      testId="separate-form" danger confirm={t('employment.separateWarning')} initialValues={{ separatedOn: dayjs() }} fields={['separatedOn', 'reason']}
      onSubmit={(values) => api.post(`/api/employments/${target!.employerId}/${target!.employmentId}/separate`, { separatedOn: values.separatedOn.format('YYYY-MM-DD'), reason: values.reason })}
    >
      <Form.Item name="separatedOn" label={t('employment.separatedOn')} rules={[{ required: true }]}>
        <DatePicker disabledDate={(day) => Boolean(target && day.isBefore(dayjs(target.hiredOn), 'day'))} />
      </Form.Item>
      <Form.Item name="reason" label={t('employment.reason')} rules={[{ required: true }]}>
        <Select options={separationReasons.map((value) => ({ value, label: t(`separation.${value}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
