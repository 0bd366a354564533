/**
 * 待遇申领 form, one per kind, sent to POST /api/benefits/claims: the server works the amounts out from the record
 * and the input and sends the claim to 复核 and 审批 in the 待办 inbox.
 *  - 失业保险金: the person and the date of the unemployment registration (the separation, its reason and the months
 *    paid come from the person's record);
 *  - 工伤保险待遇: disability (grade, dependence) or work-related death (dependants), the date, the own wage, and the
 *    first month of the monthly amounts (by default the month after the appraisal or death);
 *  - 生育保险待遇: the date of birth, the delivery and the number of babies;
 * and for every kind the account paid into (a work-related death: the relative paid, named with their ID number).
 */
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { FormModal } from '../../components/FormModal.tsx';
import type { ClaimKind, ClaimRequestBody, ClaimSubmitted } from './types.ts';

interface Dependant { relation: 'spouse' | 'other'; orphanOrLoneElderly?: boolean; birthDate?: Dayjs; fullyDisabled?: boolean }
interface ClaimValues {
  idNumber: string;
  registeredOn?: Dayjs;
  benefit?: 'disability' | 'death'; eventDate?: Dayjs; ownWage?: string; grade?: number; nursing?: 'none' | 'full' | 'large' | 'partial'; dependants?: Dependant[]; startPeriod?: Dayjs;
  childbirthDate?: Dayjs; deliveryType?: 'vaginal' | 'caesarean'; babies?: number;
  bankAccount: string; payeeName?: string; payeeIdNumber?: string;
}

const FIELDS: Record<ClaimKind, string[]> = {
  unemployment: ['idNumber', 'registeredOn', 'bankAccount'],
  work_injury: ['idNumber', 'benefit', 'eventDate', 'ownWage', 'grade', 'nursing', 'dependants', 'startPeriod', 'bankAccount', 'payeeName', 'payeeIdNumber'],
  maternity: ['idNumber', 'childbirthDate', 'deliveryType', 'babies', 'bankAccount'],
};
const GRADES = Array.from({ length: 10 }, (_, index) => index + 1);
const day = (value: Dayjs) => value.format('YYYY-MM-DD');
const notFuture = (value: Dayjs) => value.isAfter(dayjs(), 'day');

/** The body of the claim: each kind's input as the API reads it (amounts as yuan strings). */
function claimBody(kind: ClaimKind, values: ClaimValues): ClaimRequestBody {
  const idNumber = values.idNumber.trim().toUpperCase();
  const bankAccount = values.bankAccount.trim();
  if (kind === 'unemployment') return { kind, idNumber, bankAccount, input: { registeredOn: day(values.registeredOn!) } };
  if (kind === 'maternity') return { kind, idNumber, bankAccount, input: { childbirthDate: day(values.childbirthDate!), deliveryType: values.deliveryType, babies: values.babies } };
  const death = values.benefit === 'death';
  return {
    kind, idNumber, bankAccount,
    ...(death ? { payeeName: values.payeeName?.trim(), payeeIdNumber: values.payeeIdNumber?.trim().toUpperCase() } : {}),
    input: {
      benefit: values.benefit, eventDate: day(values.eventDate!), ownWage: values.ownWage!.trim().replace(/,/g, ''),
      ...(death ? {
        dependants: (values.dependants ?? []).map((d) => ({
          relation: d.relation, orphanOrLoneElderly: d.orphanOrLoneElderly === true, fullyDisabled: d.fullyDisabled === true,
          ...(d.birthDate ? { birthDate: d.birthDate.format('YYYY-MM-DD') } : {}),
        })),
      } : { grade: values.grade }),
      ...(values.nursing && values.nursing !== 'none' ? { nursing: values.nursing } : {}),
      ...(values.startPeriod ? { startPeriod: values.startPeriod.format('YYYY-MM') } : {}),
    },
  };
}

export function ClaimsSubmitForm({ kind, onClose, onDone }: { kind: ClaimKind | undefined; onClose(): void; onDone(result: ClaimSubmitted): void }) {
  const { t } = useI18n();
  const shown = kind ?? 'unemployment';
  return (
    <FormModal<ClaimValues, ClaimSubmitted>
      title={t('claims.newTitle', { kind: t(`claims.kind.${shown}`) })} open={kind !== undefined} onClose={onClose} onDone={onDone}
      testId="claim-form" width={640} fields={FIELDS[shown]} okText={t('common.submit')}
      initialValues={{ benefit: 'disability', nursing: 'none', deliveryType: 'vaginal', babies: 1, dependants: [{ relation: 'spouse' }] }}
      onSubmit={(values) => api.post<ClaimSubmitted>('/api/benefits/claims', claimBody(shown, values))}
    >
      {(form) => (
        <>
          <Form.Item name="idNumber" label={t('award.idNumber')} rules={[{ required: true, whitespace: true }, { pattern: /^\s*[0-9A-Za-z]{15}([0-9A-Za-z]{3})?\s*$/, message: t('claims.idNumberRule') }]}>
            <Input maxLength={18} data-testid="claim-idNumber" />
          </Form.Item>
          {shown === 'unemployment' && (
            <Form.Item name="registeredOn" label={t('claims.registeredOn')} extra={t('claims.registeredOnHint')} rules={[{ required: true }]}>
              <DatePicker disabledDate={notFuture} data-testid="claim-registeredOn" />
            </Form.Item>
          )}
          {shown === 'work_injury' && (
            <>
              <Form.Item name="benefit" label={t('claims.benefit')} rules={[{ required: true }]}>
                <Radio.Group optionType="button" options={(['disability', 'death'] as const).map((value) => ({ value, label: t(`claims.benefit.${value}`) }))} data-testid="claim-benefit" />
              </Form.Item>
              <Form.Item name="eventDate" label={t('claims.injuryDate')} rules={[{ required: true }]}>
                <DatePicker disabledDate={notFuture} data-testid="claim-eventDate" />
              </Form.Item>
              <Form.Item name="ownWage" label={t('claims.ownWage')} extra={t('claims.ownWageHint')} rules={[{ required: true }, { pattern: /^\s*[\d,]+(\.\d{1,2})?\s*$/, message: t('quote.yuanRule') }]}>
                <Input prefix="¥" data-testid="claim-ownWage" />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(before, after) => before.benefit !== after.benefit}>
                {() => (form.getFieldValue('benefit') === 'death' ? (
                  <Form.Item label={t('claims.dependants')}>
                    <Form.List name="dependants">
                      {(items, { add, remove }) => (
                        <Space direction="vertical" style={{ width: '100%' }}>
                          {items.map((item) => (
                            <Space key={item.key} align="baseline">
                              <Form.Item name={[item.name, 'relation']} rules={[{ required: true }]} noStyle>
                                <Select style={{ width: 140 }} options={(['spouse', 'other'] as const).map((value) => ({ value, label: t(`claims.dependant.${value}`) }))} />
                              </Form.Item>
                              <Form.Item name={[item.name, 'birthDate']} noStyle>
                                <DatePicker placeholder={t('claims.dependant.birthDate')} disabledDate={notFuture} data-testid="claim-dependant-birthDate" />
                              </Form.Item>
                              <Form.Item name={[item.name, 'orphanOrLoneElderly']} valuePropName="checked" noStyle>
                                <Checkbox>{t('claims.dependant.orphanOrLoneElderly')}</Checkbox>
                              </Form.Item>
                              <Form.Item name={[item.name, 'fullyDisabled']} valuePropName="checked" noStyle>
                                <Checkbox>{t('claims.dependant.fullyDisabled')}</Checkbox>
                              </Form.Item>
                              <MinusCircleOutlined onClick={() => remove(item.name)} />
                            </Space>
                          ))}
                          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ relation: 'other' })}>{t('claims.dependant.add')}</Button>
                        </Space>
                      )}
                    </Form.List>
                  </Form.Item>
                ) : (
                  <Form.Item name="grade" label={t('claims.grade')} rules={[{ required: true }]}>
                    <Select style={{ width: 160 }} options={GRADES.map((grade) => ({ value: grade, label: t('claims.gradeValue', { grade }) }))} data-testid="claim-grade" />
                  </Form.Item>
                ))}
              </Form.Item>
              <Form.Item name="nursing" label={t('claims.nursing')}>
                <Select style={{ width: 200 }} options={(['none', 'full', 'large', 'partial'] as const).map((value) => ({ value, label: t(`claims.nursing.${value}`) }))} />
              </Form.Item>
              <Form.Item name="startPeriod" label={t('claims.startPeriod')} extra={t('claims.startPeriodHint')}>
                <DatePicker picker="month" data-testid="claim-startPeriod" />
              </Form.Item>
            </>
          )}
          {shown === 'maternity' && (
            <>
              <Typography.Paragraph type="secondary">{t('claims.maternityHint')}</Typography.Paragraph>
              <Form.Item name="childbirthDate" label={t('claims.childbirthDate')} rules={[{ required: true }]}>
                <DatePicker disabledDate={notFuture} data-testid="claim-childbirthDate" />
              </Form.Item>
              <Form.Item name="deliveryType" label={t('claims.deliveryType')} rules={[{ required: true }]}>
                <Radio.Group optionType="button" options={(['vaginal', 'caesarean'] as const).map((value) => ({ value, label: t(`claims.deliveryType.${value}`) }))} data-testid="claim-deliveryType" />
              </Form.Item>
              <Form.Item name="babies" label={t('claims.babies')} rules={[{ required: true }]}>
                <InputNumber min={1} max={9} precision={0} data-testid="claim-babies" />
              </Form.Item>
            </>
          )}
          <Form.Item name="bankAccount" label={t('claims.bankAccount')} extra={t('claims.bankAccountHint')} rules={[{ required: true, whitespace: true }, { pattern: /^\s*[0-9]{8,40}\s*$/, message: t('award.bankAccountRule') }]}>
            <Input maxLength={40} data-testid="claim-bankAccount" />
          </Form.Item>
          {shown === 'work_injury' && (
            <Form.Item noStyle shouldUpdate={(before, after) => before.benefit !== after.benefit}>
              {() => form.getFieldValue('benefit') === 'death' && (
                <>
                  <Form.Item name="payeeName" label={t('claims.payeeName')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={100} data-testid="claim-payeeName" />
                  </Form.Item>
                  <Form.Item name="payeeIdNumber" label={t('claims.payeeIdNumber')} rules={[{ required: true, whitespace: true }, { pattern: /^\s*[0-9A-Za-z]{18}\s*$/, message: t('claims.idNumberRule') }]}>
                    <Input maxLength={18} data-testid="claim-payeeIdNumber" />
                  </Form.Item>
                </>
              )}
            </Form.Item>
          )}
        </>
      )}
    </FormModal>
  );
}
