/** 用工登记: POST /api/employments — from an employer's page (pick the person) or a person's page (pick the employer). */
import { Checkbox, DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { defaultInsurances, insurances } from '../../types.ts';
import { searchEmployers, searchPersons } from './search.ts';

interface Values { employerId: string; personId: string; hiredOn: Dayjs; insurances: string[] }


export function EmploymentFormModal({ open, onClose, onCreated, employerId, personId }: {
  open: boolean; onClose(): void; onCreated(): void; employerId?: string; personId?: string;
}) {
  const { t } = useI18n();
  return (
    <FormModal<Values>
      title={t('employment.create')} open={open} onClose={onClose} onDone={onCreated} testId="employment-form"
      initialValues={{ employerId, personId, hiredOn: dayjs(), insurances: [...defaultInsurances] }}
      fields={['employerId', 'personId', 'hiredOn', 'insurances']}
      onSubmit={(values) => api.post('/api/employments', { ...values, hiredOn: values.hiredOn.format('YYYY-MM-DD') })}
    >
      <Form.Item name="employerId" label={t('employment.employer')} rules={[{ required: true }]} hidden={Boolean(employerId)}>
        <RemoteSelect search={searchEmployers} placeholder={t('employment.searchEmployer')} testId="employment-form-employer" />
      </Form.Item>
      <Form.Item name="personId" label={t('employment.person')} rules={[{ required: true }]} hidden={Boolean(personId)}>
        <RemoteSelect search={searchPersons} placeholder={t('employment.searchPerson')} testId="employment-form-person" />
      </Form.Item>
      <Form.Item name="hiredOn" label={t('employment.hiredOn')} rules={[{ required: true }]}>
        <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="insurances" label={t('employment.insurances')} rules={[{ required: true, type: 'array', min: 1 }]}>
        <Checkbox.Group options={insurances.map((value) => ({ value, label: t(`insurance.${value}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
