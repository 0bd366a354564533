/**
 * 养老金测算: the quote's inputs (出生日期, 性别, 人员身份, 退休日期, 缴费月数, 视同缴费月数, 平均缴费指数, 计发基数, 个人账户储存额,
 * 统筹地区) sent to POST /api/pension/quote; the answer — eligibility with its reasons, the statutory retirement age
 * and month, the age at retirement, the divisor, the three parts and the total — and its trace step by step, printable.
 * 从参保记录带出 (GET /api/pension/record) fills the person, the months, the index and the account balance from the
 * record plus what the operator adds from outside sifund, and shows the record's figures beside the form; the totals
 * then stay as the record gave them until 改为手工填写.
 * A holder of pension.award.request submits the award of the person from the quote (POST /api/pension/awards), which
 * then waits for 复核 and 审批 in the 待办 inbox; filled from the record, it sends the record's figures and the
 * outside part apart, and the server reads the record again.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Row, Space, Typography } from 'antd';
import { AuditOutlined, CalculatorOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { NO_PRINT } from '../../components/list/print.ts';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import { applyApiError } from '../../components/forms.ts';
import { ageText, Eligibility, QUOTE_PRINT_CSS, TraceTable, useQuote } from './quote-parts.tsx';
import { RecordFields, RecordSummary, recordFields, type OutsidePart } from './PensionRecordPanel.tsx';
import type { AwardRequestBody, PensionQuote, PensionQuoteInput, PensionRecord } from './types.ts';

interface QuoteForm {
  birthDate: Dayjs; gender: 'male' | 'female'; category?: 'worker' | 'cadre'; retirementDate: Dayjs;
  contributionMonths: number; deemedMonths?: number | null; averageIndex: string; averageWage?: string; accountBalance: string; region?: string;
  idNumber?: string; outsideMonths?: number | null; outsideAverageIndex?: string; outsideNote?: string; openingAccountBalance?: string;
}
const fields = ['birthDate', 'gender', 'category', 'retirementDate', 'contributionMonths', 'deemedMonths', 'averageIndex', 'averageWage', 'accountBalance', 'region'];

const DECIMAL = /^\d+(\.\d+)?$/;
const YUAN = /^\d+(\.\d{1,2})?$/;

/** The form's values as the API takes them: dates as text, what was left empty left out. */
function quoteInput(values: QuoteForm): PensionQuoteInput {
  const optionalText = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);
  return {
    birthDate: values.birthDate.format('YYYY-MM-DD'), gender: values.gender,
    category: values.gender === 'female' ? values.category : undefined,
    retirementDate: values.retirementDate.format('YYYY-MM-DD'),
    contributionMonths: values.contributionMonths, deemedMonths: values.deemedMonths ?? undefined,
    averageIndex: values.averageIndex.trim(), averageWage: optionalText(values.averageWage), accountBalance: values.accountBalance.trim(),
    region: values.region,
  };
}

/** The award's input: the quote's, with the record's figures and the outside part when filled from the record. */
type AwardInput = AwardRequestBody['input'] & PensionQuoteInput;

/**
 * 申请待遇核定: the person's ID number and the account the pension is paid into; the quote's input goes with it (the
 * server quotes again from the person's record) and the quote shown, whose total the server's must equal.
 */
function AwardRequestModal({ open, onClose, quote, input, idNumber, onSubmitted }: {
  open: boolean; onClose(): void; quote: PensionQuote; input: AwardInput; idNumber?: string; onSubmitted(item: ApprovalItem): void;
}) {
  const retirementDate = input.retirementDate;
  const { t } = useI18n();
  return (
    <FormModal<{ idNumber: string; bankAccount: string }, ApprovalItem>
      title={t('award.request')} open={open} onClose={onClose} fields={['idNumber', 'bankAccount']} testId="award-request" initialValues={{ idNumber }}
      onSubmit={(values) => api.post<ApprovalItem>('/api/pension/awards', {
        idNumber: values.idNumber.trim(), bankAccount: values.bankAccount.trim(), retirementDate, input, quote,
      } satisfies AwardRequestBody)}
      onDone={onSubmitted}
    >
      <Typography.Paragraph type="secondary">{t('award.requestExplain', { total: quote.total, date: retirementDate })}</Typography.Paragraph>
      <Form.Item name="idNumber" label={t('award.idNumber')} rules={[{ required: true, min: 15, max: 18 }]}>
        <Input maxLength={18} data-testid="award-idNumber" />
      </Form.Item>
      <Form.Item name="bankAccount" label={t('award.bankAccount')} rules={[{ required: true, pattern: /^[0-9]{8,40}$/, message: t('award.bankAccountRule') }]}>
        <Input maxLength={40} inputMode="numeric" data-testid="award-bankAccount" />
      </Form.Item>
    </FormModal>
  );
}

function QuoteResult({ quote }: { quote: PensionQuote }) {
  const { t } = useI18n();
  const age = (value: { years: number; months: number }) => ageText(t, `${value.years}y${value.months}m`);
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="quote-result">
      <Descriptions.Item label={t('quote.eligibility')} span={3}><Eligibility eligible={quote.eligible} reasons={quote.reasons} /></Descriptions.Item>
      <Descriptions.Item label={t('quote.statutoryRetirementAge')}><span data-testid="quote-statutoryAge">{age(quote.statutoryRetirementAge)}</span></Descriptions.Item>
      <Descriptions.Item label={t('quote.statutoryRetirementMonth')}><span data-testid="quote-statutoryMonth">{quote.statutoryRetirementMonth}</span></Descriptions.Item>
      <Descriptions.Item label={t('quote.retirementAge')}><span data-testid="quote-retirementAge">{age(quote.retirementAge)}</span></Descriptions.Item>
      <Descriptions.Item label={t('quote.divisor')}><span data-testid="quote-divisor">{quote.divisor}</span></Descriptions.Item>
      <Descriptions.Item label={t('quote.basicPension')}><Money value={quote.basicPension} testId="quote-basicPension" /></Descriptions.Item>
      <Descriptions.Item label={t('quote.accountPension')}><Money value={quote.accountPension} testId="quote-accountPension" /></Descriptions.Item>
      <Descriptions.Item label={t('quote.transitionalPension')}><Money value={quote.transitionalPension} testId="quote-transitionalPension" /></Descriptions.Item>
      <Descriptions.Item label={t('quote.total')}><Typography.Text strong><Money value={quote.total} testId="quote-total" /></Typography.Text></Descriptions.Item>
    </Descriptions>
  );
}

export default function PensionQuotePage() {
  const { t } = useI18n();
  const can = useCan();
  const [form] = Form.useForm<QuoteForm>();
  const gender = Form.useWatch('gender', form);
  const { busy, error, answer, calculate } = useQuote<PensionQuoteInput, PensionQuote>(form, fields, '/api/pension/quote');
  const [requesting, setRequesting] = useState(false);
  const [submitted, setSubmitted] = useState<ApprovalItem>();
  const [record, setRecord] = useState<{ answer: PensionRecord; outside: OutsidePart }>();
  const [recordBusy, setRecordBusy] = useState(false);
  const [recordError, setRecordError] = useState<string>();
  const [awardInput, setAwardInput] = useState<AwardInput>();
  const submit = (values: QuoteForm) => {
    setSubmitted(undefined);
    const input = quoteInput(values);
    // filled from the record: the award sends the record's figures and the outside part apart (the server reads the record again)
    setAwardInput(record ? {
      ...input, recordMonths: record.answer.months, recordAverageIndex: record.answer.averageIndex, recordAccountBalance: record.answer.accountBalance,
      ...record.outside, outsideNote: values.outsideNote?.trim() || undefined,
    } : input);
    return calculate(input);
  };

  /** 从参保记录带出: the record for the ID number and retirement date, with the outside part added up by the server. */
  const fill = async () => {
    const values = form.getFieldsValue() as Partial<QuoteForm>;
    const idNumber = values.idNumber?.trim().toUpperCase();
    const missing = [!idNumber && 'idNumber', !values.retirementDate && 'retirementDate'].filter((name): name is string => Boolean(name));
    if (missing.length) { form.setFields(missing.map((name) => ({ name: name as keyof QuoteForm, errors: [t(name === 'idNumber' ? 'record.idNumberRule' : 'record.retirementDateFirst')] }))); return; }
    const outside: OutsidePart = {
      outsideMonths: values.outsideMonths || undefined, outsideAverageIndex: values.outsideAverageIndex?.trim() || undefined,
      openingAccountBalance: values.openingAccountBalance?.trim() || undefined,
    };
    setRecordBusy(true); setRecordError(undefined);
    try {
      const answer = await api.get<PensionRecord>('/api/pension/record', { idNumber, retirementDate: values.retirementDate!.format('YYYY-MM-DD'), ...outside });
      setRecord({ answer, outside });
      form.setFieldsValue({
        birthDate: dayjs(answer.birthDate), gender: answer.gender, region: answer.regionCode, contributionMonths: answer.quoteHistory.contributionMonths,
        averageIndex: answer.quoteHistory.averageIndex, accountBalance: answer.quoteHistory.accountBalance,
      });
    } catch (failure) {
      setRecord(undefined);
      setRecordError(applyApiError(form, failure, [...recordFields, 'retirementDate']));
    } finally {
      setRecordBusy(false);
    }
  };
  /** Another person or date is another record: the figures filled go back to the operator. */
  const onValuesChange = (changed: Partial<QuoteForm>) => { if (record && ('idNumber' in changed || 'retirementDate' in changed)) setRecord(undefined); };
  const filled = record !== undefined;

  const decimalRule = (pattern: RegExp, message: string) => ({ pattern, message });
  return (
    <Page
      title={t('quote.pension.title')} testId="pension-quote-page"
      extra={answer && <Button icon={<PrinterOutlined />} onClick={() => window.print()} className={NO_PRINT} data-testid="quote-print">{t('quote.print')}</Button>}
    >
      <style>{QUOTE_PRINT_CSS}</style>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Row gutter={16} className={NO_PRINT}>
        <Col xs={24} xxl={filled ? 14 : 24}>
        <Form<QuoteForm> form={form} layout="vertical" onFinish={submit} onValuesChange={onValuesChange} initialValues={{ gender: 'male', category: 'worker', deemedMonths: 0 }} data-testid="quote-form">
          <RecordFields busy={recordBusy} filled={filled} onFill={fill} onManual={() => setRecord(undefined)} />
          {recordError && <Alert type="error" showIcon message={recordError} data-testid="record-error" style={{ marginBottom: 16 }} />}
          <Row gutter={16}>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="birthDate" label={t('quote.field.birthDate')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} data-testid="quote-birthDate" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="gender" label={t('quote.field.gender')} rules={[{ required: true }]}>
                <Radio.Group optionType="button" data-testid="quote-gender" options={[{ value: 'male', label: t('quote.value.male') }, { value: 'female', label: t('quote.value.female') }]} />
              </Form.Item>
            </Col>
            {gender === 'female' && (
              <Col xs={24} md={8} xl={6}>
                <Form.Item name="category" label={t('quote.field.category')} tooltip={t('quote.categoryHint')}>
                  <Radio.Group optionType="button" data-testid="quote-category" options={[{ value: 'worker', label: t('quote.value.worker') }, { value: 'cadre', label: t('quote.value.cadre') }]} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="retirementDate" label={t('quote.field.retirementDate')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} data-testid="quote-retirementDate" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="contributionMonths" label={t('quote.field.contributionMonths')} rules={[{ required: true }]}>
                <InputNumber min={0} max={1200} precision={0} style={{ width: '100%' }} disabled={filled} data-testid="quote-contributionMonths" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="deemedMonths" label={t('quote.field.deemedMonths')}>
                <InputNumber min={0} max={1200} precision={0} style={{ width: '100%' }} data-testid="quote-deemedMonths" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="averageIndex" label={t('quote.field.averageIndex')} rules={[{ required: true }, decimalRule(DECIMAL, t('quote.decimalRule'))]}>
                <Input inputMode="decimal" placeholder="1.0" disabled={filled} data-testid="quote-averageIndex" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="averageWage" label={t('quote.field.averageWage')} tooltip={t('quote.averageWageHint')} rules={[decimalRule(YUAN, t('quote.yuanRule'))]}>
                <Input inputMode="decimal" addonAfter={t('quote.yuan')} data-testid="quote-averageWage" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="accountBalance" label={t('quote.field.accountBalance')} rules={[{ required: true }, decimalRule(YUAN, t('quote.yuanRule'))]}>
                <Input inputMode="decimal" addonAfter={t('quote.yuan')} disabled={filled} data-testid="quote-accountBalance" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="region" label={t('quote.field.region')} tooltip={t('quote.regionHint')}>
                <RegionSelect placeholder={t('quote.nationalRules')} style={{ width: '100%' }} testId="quote-region" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy} data-testid="quote-submit">{t('quote.calculate')}</Button>
        </Form>
        </Col>
        {record && <Col xs={24} xxl={10}><RecordSummary record={record.answer} outside={record.outside} /></Col>}
        </Row>
        {error && <Alert type="error" showIcon message={error} data-testid="quote-error" />}
        {answer && (
          <Card size="small" title={t('quote.result')} data-testid="quote-answer"
            extra={can('pension.award.request') && answer.quote.eligible && (
              <Button icon={<AuditOutlined />} onClick={() => setRequesting(true)} className={NO_PRINT} data-testid="award-request-open">{t('award.request')}</Button>
            )}
          >
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              {submitted && (
                <Alert
                  type="success" showIcon data-testid="award-submitted" className={NO_PRINT}
                  message={t('award.submitted', { title: submitted.title })}
                  action={<Link to={`/approvals/${submitted.id}`} data-testid="award-submitted-link">{t('award.followInInbox')}</Link>}
                />
              )}
              <QuoteResult quote={answer.quote} />
              <Typography.Title level={5} style={{ margin: 0 }}>{t('quote.trace')}</Typography.Title>
              <TraceTable trace={answer.quote.trace} />
            </Space>
          </Card>
        )}
      </Space>
      {answer && (
        <AwardRequestModal
          open={requesting} onClose={() => setRequesting(false)} quote={answer.quote} input={awardInput ?? answer.input} idNumber={record?.answer.idNumber}
          onSubmitted={setSubmitted}
        />
      )}
    </Page>
  );
}
