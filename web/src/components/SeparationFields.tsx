/** The fields of a separation (退工 by the agency, 减员申报 by the employer): the date, not before the hire date, and the reason. */
import { DatePicker, Form, Select } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../i18n.ts';
import { separationReasons } from '../types.ts';

export function SeparationFields({ hiredOn, reasonTestId }: { hiredOn: string | undefined; reasonTestId?: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="separatedOn" label={t('employment.separatedOn')} rules={[{ required: true }]}>
        <DatePicker disabledDate={(day) => Boolean(hiredOn && day.isBefore(dayjs(hiredOn), 'day'))} />
      </Form.Item>
      <Form.Item name="reason" label={t('employment.reason')} rules={[{ required: true }]}>
        <Select options={separationReasons.map((value) => ({ value, label: t(`separation.${value}`) }))} data-testid={reasonTestId} />
      </Form.Item>
    </>
  );
}
