/** 新增参保人员: POST /api/persons (gender and birth date come from the ID number). */
import { Form, Input, Select } from 'antd';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import type { Person } from '../../types.ts';

interface Values { idNumber: string; name: string; hukouType?: string; occupation?: string; phone?: string; regionCode?: string }

export function PersonFormModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(person: Person): void }) {
  const { t } = useI18n();
  return (
    <FormModal<Values, Person>
      title={t('person.create')} open={open} onClose={onClose} onDone={onCreated} testId="person-form"
      fields={['idNumber', 'name', 'hukouType', 'occupation', 'phone', 'regionCode']}
      onSubmit={(values) => api.post<Person>('/api/persons', { ...values, idNumber: values.idNumber.trim().toUpperCase() })}
    >
      <Form.Item name="idNumber" label={t('person.idNumber')} extra={t('person.derived')} rules={[{ required: true }, { pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('person.idNumberShape') }]}>
        <Input maxLength={20} data-testid="person-form-idNumber" />
      </Form.Item>
      <Form.Item name="name" label={t('person.name')} rules={[{ required: true, max: 50 }]}>
        <Input data-testid="person-form-name" />
      </Form.Item>
      <Form.Item name="hukouType" label={t('person.hukouType')}>
        <Select allowClear options={['urban', 'rural'].map((value) => ({ value, label: t(`hukou.${value}`) }))} />
      </Form.Item>
      <Form.Item name="occupation" label={t('person.occupation')}><Input /></Form.Item>
      <Form.Item name="phone" label={t('person.phone')}><Input /></Form.Item>
      <Form.Item name="regionCode" label={t('common.region')}><RegionSelect /></Form.Item>
    </FormModal>
  );
}
