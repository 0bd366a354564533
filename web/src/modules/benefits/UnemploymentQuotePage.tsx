/**
 * 失业保险金测算: 缴费月数, 失业原因, 失业日期, 前次应领未领月数 and the 统筹地区 sent to POST /api/unemployment/quote; the
 * answer — eligibility with its reasons, the months of benefit and the region's monthly amount — and its trace.
 */
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, InputNumber, Radio, Row, Space, Typography } from 'antd';
import { CalculatorOutlined, PrinterOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { NO_PRINT } from '../../components/list/print.ts';
import { Eligibility, QUOTE_PRINT_CSS, TraceTable, useQuote } from './quote-parts.tsx';
import type { UnemploymentQuote, UnemploymentQuoteInput } from './types.ts';

interface QuoteForm { contributionMonths: number; separationReason: 'involuntary' | 'voluntary'; separationDate: Dayjs; unusedMonths?: number | null; region?: string }
const fields = ['contributionMonths', 'separationReason', 'separationDate', 'unusedMonths', 'region'];

export default function UnemploymentQuotePage() {
  const { t } = useI18n();
  const [form] = Form.useForm<QuoteForm>();
  const { busy, error, answer, calculate } = useQuote<UnemploymentQuoteInput, UnemploymentQuote>(form, fields, '/api/unemployment/quote');
  const quote = answer?.quote;
  const submit = (values: QuoteForm) => calculate({
    contributionMonths: values.contributionMonths, separationReason: values.separationReason, separationDate: values.separationDate.format('YYYY-MM-DD'),
    unusedMonths: values.unusedMonths ?? undefined, region: values.region,
  });

  return (
    <Page
      title={t('quote.unemployment.title')} testId="unemployment-quote-page"
      extra={quote && <Button icon={<PrinterOutlined />} onClick={() => window.print()} className={NO_PRINT} data-testid="quote-print">{t('quote.print')}</Button>}
    >
      <style>{QUOTE_PRINT_CSS}</style>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Form<QuoteForm> form={form} layout="vertical" onFinish={submit} initialValues={{ separationReason: 'involuntary', unusedMonths: 0 }} data-testid="quote-form" className={NO_PRINT}>
          <Row gutter={16}>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="contributionMonths" label={t('quote.field.contributionMonths')} rules={[{ required: true }]}>
                <InputNumber min={0} max={1200} precision={0} style={{ width: '100%' }} data-testid="quote-contributionMonths" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="separationReason" label={t('quote.field.separationReason')} rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button" data-testid="quote-separationReason"
                  options={[{ value: 'involuntary', label: t('quote.value.involuntary') }, { value: 'voluntary', label: t('quote.value.voluntary') }]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="separationDate" label={t('quote.field.separationDate')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} data-testid="quote-separationDate" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="unusedMonths" label={t('quote.field.unusedMonths')} tooltip={t('quote.unusedMonthsHint')}>
                <InputNumber min={0} max={24} precision={0} style={{ width: '100%' }} data-testid="quote-unusedMonths" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item name="region" label={t('quote.field.region')} tooltip={t('quote.unemploymentRegionHint')}>
                <RegionSelect placeholder={t('quote.nationalRules')} style={{ width: '100%' }} testId="quote-region" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy} data-testid="quote-submit">{t('quote.calculate')}</Button>
        </Form>
        {error && <Alert type="error" showIcon message={error} data-testid="quote-error" />}
        {quote && (
          <Card size="small" title={t('quote.result')} data-testid="quote-answer">
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="quote-result">
                <Descriptions.Item label={t('quote.eligibility')} span={2}><Eligibility eligible={quote.eligible} reasons={quote.reasons} /></Descriptions.Item>
                <Descriptions.Item label={t('quote.months')}><span data-testid="quote-months">{t('quote.monthsValue', { n: quote.months })}</span></Descriptions.Item>
                <Descriptions.Item label={t('quote.monthlyAmount')}>
                  {quote.monthlyAmount === null
                    ? <Typography.Text type="secondary" data-testid="quote-monthlyAmount">{t('quote.noMonthlyAmount')}</Typography.Text>
                    : <Money value={quote.monthlyAmount} testId="quote-monthlyAmount" />}
                </Descriptions.Item>
              </Descriptions>
              <Typography.Title level={5} style={{ margin: 0 }}>{t('quote.trace')}</Typography.Title>
              <TraceTable trace={quote.trace} />
            </Space>
          </Card>
        )}
      </Space>
    </Page>
  );
}
