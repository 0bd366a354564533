/** 新增参保单位: POST /api/employers. */
import { Form, Input, Select } from 'antd';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { romanClass } from '../../format.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { employerTypes, industryCodes, type Employer } from '../../types.ts';

interface Values { creditCode: string; name: string; regionCode?: string; industryCode?: string; workInjuryClass?: number; employerType?: string }

export function EmployerFormModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(employer: Employer): void }) {
  const { t } = useI18n();
  return (
    <FormModal<Values, Employer>
      title={t('employer.create')} open={open} onClose={onClose} onDone={onCreated} testId="employer-form" initialValues={{ employerType: 'enterprise' }}
      fields={['creditCode', 'name', 'regionCode', 'industryCode', 'workInjuryClass', 'employerType']}
      onSubmit={(values) => api.post<Employer>('/api/employers', { ...values, creditCode: values.creditCode.trim().toUpperCase() })}
    >
      <Form.Item name="creditCode" label={t('employer.creditCode')} rules={[{ required: true }, { pattern: /^\s*[0-9A-Za-z]{18}\s*$/, message: t('employer.creditCodeShape') }]}>
        <Input maxLength={20} data-testid="employer-form-creditCode" />
      </Form.Item>
      <Form.Item name="name" label={t('employer.name')} rules={[{ required: true, max: 200 }]}>
        <Input data-testid="employer-form-name" />
      </Form.Item>
      <Form.Item name="regionCode" label={t('common.region')}><RegionSelect /></Form.Item>
      <Form.Item name="industryCode" label={t('employer.industry')}>
        <Select allowClear showSearch optionFilterProp="label" options={industryCodes.map((code) => ({ value: code, label: `${code} ${t(`industry.${code}`)}` }))} />
      </Form.Item>
      <Form.Item name="workInjuryClass" label={t('employer.workInjuryClass')}>
        <Select allowClear options={[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ value: n, label: romanClass(n) }))} />
      </Form.Item>
      <Form.Item name="employerType" label={t('employer.type')}>
        <Select options={employerTypes.map((value) => ({ value, label: t(`employerType.${value}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
