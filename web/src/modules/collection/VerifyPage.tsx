/**
 * 文书验证 (public, no sign-in): anyone holding a 参保证明 or 个人权益记录单 enters its verification code (?code= fills
 * it in) and sees what the agency's record of that document says — kind, name, masked ID number, issue date, months
 * paid — or the API's message that the code is unknown.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, Table, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { formatDate } from '../../format.ts';
import type { VerifiedCertificate } from './types.ts';

interface MonthsRow { key: string; label: string; monthsPaid: number }

function monthsRows(facts: VerifiedCertificate['facts'], insuranceName: (insurance: string) => string): MonthsRow[] {
  if (facts.kind === 'participation') return facts.insurances.map((item) => ({ key: item.insurance, label: insuranceName(item.insurance), monthsPaid: item.monthsPaid }));
  return facts.years.flatMap((year) => year.insurances.map((item) => ({ key: `${year.year}-${item.insurance}`, label: `${year.year} ${insuranceName(item.insurance)}`, monthsPaid: item.monthsPaid })));
}

export default function VerifyPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [result, setResult] = useState<VerifiedCertificate>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const check = async ({ code }: { code: string }) => {
    setBusy(true); setError(undefined); setResult(undefined);
    setParams({ code: code.trim() }, { replace: true });
    try {
      setResult(await api.get<VerifiedCertificate>(`/api/public/verify/${encodeURIComponent(code.trim())}`));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 720, margin: '48px auto', padding: '0 16px' }} data-testid="verify-page">
      <Card title={<><SafetyCertificateOutlined /> {t('verify.title')}</>}>
        <Typography.Paragraph type="secondary">{t('verify.explain')}</Typography.Paragraph>
        <Form layout="inline" onFinish={check} initialValues={{ code: params.get('code') ?? '' }}>
          <Form.Item name="code" label={t('verify.code')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1 }}>
            <Input placeholder="XXXX-XXXX-XXXX-XXXX" maxLength={40} data-testid="verify-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="verify-submit">{t('verify.submit')}</Button>
        </Form>
        {error && <Alert style={{ marginTop: 16 }} type="error" showIcon message={error} data-testid="verify-error" />}
        {result && (
          <div style={{ marginTop: 16 }} data-testid="verify-result">
            <Alert type={result.intact ? 'success' : 'warning'} showIcon message={t(result.intact ? 'verify.genuine' : 'verify.altered')} style={{ marginBottom: 16 }} />
            <Descriptions bordered size="small" column={1}>
              <Descriptions.Item label={t('verify.kind')}>{t(`verify.kind.${result.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('verify.name')}><span data-testid="verify-name">{result.name}</span></Descriptions.Item>
              <Descriptions.Item label={t('verify.idNumber')}>{result.idNumber}</Descriptions.Item>
              <Descriptions.Item label={t('verify.issuedOn')}>{formatDate(result.issuedOn)}</Descriptions.Item>
            </Descriptions>
            <Table<MonthsRow>
              style={{ marginTop: 16 }} size="small" pagination={false} rowKey="key" dataSource={monthsRows(result.facts, (insurance) => t(`insurance.${insurance}`))}
              columns={[{ title: t('enrollment.insurance'), dataIndex: 'label' }, { title: t('verify.monthsPaid'), dataIndex: 'monthsPaid', align: 'right', width: 120 }]}
            />
          </div>
        )}
      </Card>
    </div>
  );
}
