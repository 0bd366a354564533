/**
 * 医保年终清算试算 (总额控制下的定点医疗机构年终清算): the rules — the saving reward share, its cap and the overrun bands as an
 * editable table — or the rule set of a pooling region and year; the institutions (code, quota, actual, prepaid)
 * entered row by row or pasted from a spreadsheet; POST /api/medical/settlements/year-end/preview computes (and stores
 * nothing); the result per institution with what the fund allows and the settlement (拨付 when positive, 追回 when
 * negative), totals, and a bar chart of quota, actual and allowed.
 */
import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Card, Col, Input, InputNumber, Modal, Radio, Row, Space, Table, Tag, Typography } from 'antd';
import { CalculatorOutlined, DeleteOutlined, PlusOutlined, SnippetsOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { fenToYuan, toFen } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import type { InstitutionSettlement, InstitutionYear, OverrunBand, YearEndPreviewBody, YearEndSettlement } from './types.ts';

const SettlementChart = lazy(() => import('./SettlementChart.tsx'));

type RulesSource = 'given' | 'region';
type Row<T> = T & { key: number };

let nextKey = 1;
const keyed = <T,>(row: T): Row<T> => ({ ...row, key: nextKey++ });
const emptyInstitution = (): Row<InstitutionYear> => keyed({ code: '', quota: '', actual: '', prepaid: '' });
const emptyBand = (): Row<OverrunBand> => keyed({ upToShareOfQuota: '', fundShare: '' });
const institutionColumns = ['code', 'quota', 'actual', 'prepaid'] as const;

/**
 * Rows pasted from a spreadsheet (tab-separated, or commas): code, quota, actual, prepaid per line; a heading line
 * (its quota not a number) is left out, thousands separators are dropped.
 */
function pastedInstitutions(text: string): InstitutionYear[] {
  return text.split(/\r?\n/).map((line) => line.split(line.includes('\t') ? '\t' : ',').map((cell) => cell.trim()))
    .filter((cells) => cells.length >= 4 && cells[0] !== '' && /^-?[\d,]+(\.\d+)?$/.test(cells[1]))
    .map(([code, quota, actual, prepaid]) => ({ code, quota: quota.replace(/,/g, ''), actual: actual.replace(/,/g, ''), prepaid: prepaid.replace(/,/g, '') }));
}

function ShareInput({ value, onChange, field, refused, testId, placeholder }: {
  value: string; onChange(value: string): void; field: string; refused?: string; testId: string; placeholder?: string;
}) {
  return (
    <Input
      value={value} onChange={(event) => onChange(event.target.value.trim())} inputMode="decimal" placeholder={placeholder}
      status={refused === field ? 'error' : undefined} data-testid={testId} style={{ width: 140 }}
    />
  );
}

function sumOf(rows: readonly InstitutionSettlement[], pick: (row: InstitutionSettlement) => string): string {
  return fenToYuan(rows.reduce((sum, row) => sum + toFen(pick(row)), 0n));
}

function SettlementResult({ settlement }: { settlement: YearEndSettlement }) {
  const { t } = useI18n();
  const rows = settlement.institutions;
  const money = (key: keyof InstitutionSettlement, title: string) => ({
    key, title, dataIndex: key, align: 'right' as const, render: (value: string) => <Money value={value} />,
  });
  const moneyKeys = ['quota', 'actual', 'allowed', 'prepaid', 'settlement', 'savingReward', 'overrunPaid'] as const;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="settlement-result">
      <Typography.Text type="secondary" data-testid="settlement-rules">
        {t('settlement.appliedRules', {
          share: settlement.rules.savingRewardShare, cap: settlement.rules.savingRewardCapShareOfQuota ?? t('settlement.noCap'),
          bands: settlement.rules.overrunBands.map((band) => t('settlement.bandText', { upTo: band.upToShareOfQuota, share: band.fundShare })).join('；') || t('settlement.noBands'),
        })}
        {settlement.rules.reference && ` ${t('settlement.reference', { reference: settlement.rules.reference })}`}
      </Typography.Text>
      <Table<InstitutionSettlement>
        data-testid="settlement-table" rowKey="code" size="small" pagination={false} dataSource={rows} scroll={{ x: 'max-content' }}
        columns={[
          { key: 'code', title: t('settlement.code'), dataIndex: 'code' },
          money('quota', t('settlement.quota')),
          money('actual', t('settlement.actual')),
          { ...money('allowed', t('settlement.allowed')), render: (value: string, row) => <span data-testid={`allowed-${row.code}`}><Money value={value} /></span> },
          money('prepaid', t('settlement.prepaid')),
          {
            ...money('settlement', t('settlement.settlement')),
            render: (value: string, row) => (
              <Space size={4}>
                <Tag color={value.startsWith('-') ? 'red' : toFen(value) === 0n ? 'default' : 'green'}>
                  {t(value.startsWith('-') ? 'settlement.recover' : toFen(value) === 0n ? 'settlement.even' : 'settlement.pay')}
                </Tag>
                <span data-testid={`settlement-${row.code}`}><Money value={value} /></span>
              </Space>
            ),
          },
          money('savingReward', t('settlement.savingReward')),
          money('overrunPaid', t('settlement.overrunPaid')),
        ]}
        summary={() => (
          <Table.Summary.Row style={{ fontWeight: 600 }} data-testid="settlement-totals">
            <Table.Summary.Cell index={0}>{t('settlement.totals')}</Table.Summary.Cell>
            {moneyKeys.map((key, index) => (
              <Table.Summary.Cell key={key} index={index + 1} align="right"><Money value={sumOf(rows, (row) => row[key])} testId={`settlement-total-${key}`} /></Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
      <Suspense fallback={null}>
        <div data-testid="settlement-chart">
          <SettlementChart
            institutions={rows}
            labels={{ quota: t('settlement.quota'), actual: t('settlement.actual'), allowed: t('settlement.allowed'), yuan: t('settlement.yuan') }}
          />
        </div>
      </Suspense>
    </Space>
  );
}

export default function SettlementPage() {
  const { t } = useI18n();
  const [source, setSource] = useState<RulesSource>('given');
  const [savingRewardShare, setSavingRewardShare] = useState('');
  const [cap, setCap] = useState('');
  const [bands, setBands] = useState<Array<Row<OverrunBand>>>(() => [emptyBand()]);
  const [region, setRegion] = useState<string>();
  const [year, setYear] = useState<number>(dayjs().year() - 1);
  const [institutions, setInstitutions] = useState<Array<Row<InstitutionYear>>>(() => [emptyInstitution()]);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [settlement, setSettlement] = useState<YearEndSettlement>();
  // the field an API refusal names first: `institutions.0.quota`, `rules.overrunBands.1.fundShare`, `rules.savingRewardShare`
  const refused = error?.field;

  const changeInstitution = (key: number, column: keyof InstitutionYear, value: string) =>
    setInstitutions((rows) => rows.map((row) => (row.key === key ? { ...row, [column]: value } : row)));
  const changeBand = (key: number, column: keyof OverrunBand, value: string) =>
    setBands((rows) => rows.map((row) => (row.key === key ? { ...row, [column]: value } : row)));

  const body = (): YearEndPreviewBody => {
    const given = institutions.filter((row) => institutionColumns.some((column) => row[column] !== ''))
      .map(({ code, quota, actual, prepaid }) => ({ code, quota, actual, prepaid }));
    if (source === 'region') return { region, year, institutions: given };
    return {
      rules: {
        savingRewardShare, savingRewardCapShareOfQuota: cap === '' ? null : cap,
        overrunBands: bands.filter((band) => band.upToShareOfQuota !== '' || band.fundShare !== '').map(({ upToShareOfQuota, fundShare }) => ({ upToShareOfQuota, fundShare })),
      },
      institutions: given,
    };
  };

  const calculate = async () => {
    setBusy(true); setError(undefined);
    try {
      setSettlement(await api.post<YearEndSettlement>('/api/medical/settlements/year-end/preview', body()));
    } catch (failure) {
      setSettlement(undefined);
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'client', String(failure)));
    } finally {
      setBusy(false);
    }
  };

  const applyPaste = () => {
    const rows = pastedInstitutions(pasted).map(keyed);
    setInstitutions((current) => [...current.filter((row) => institutionColumns.some((column) => row[column] !== '')), ...rows]);
    setPasting(false);
    setPasted('');
  };

  const cellInput = (row: Row<InstitutionYear>, index: number, column: keyof InstitutionYear) => (
    <Input
      value={row[column]} onChange={(event) => changeInstitution(row.key, column, event.target.value.trim())} inputMode={column === 'code' ? undefined : 'decimal'}
      status={refused === `institutions.${index}.${column}` ? 'error' : undefined} data-testid={`institution-${index}-${column}`}
      style={{ width: column === 'code' ? 160 : 170 }}
    />
  );

  return (
    <Page title={t('settlement.title')} testId="medical-settlement-page">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('settlement.explain')}</Typography.Paragraph>
        <Card size="small" title={t('settlement.rules')}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Radio.Group
              value={source} onChange={(event) => setSource(event.target.value)} optionType="button" data-testid="settlement-source"
              options={[{ value: 'given', label: t('settlement.source.given') }, { value: 'region', label: t('settlement.source.region') }]}
            />
            {source === 'region' ? (
              <Space wrap>
                <Typography.Text>{t('common.region')}</Typography.Text>
                <RegionSelect value={region} onChange={setRegion} style={{ width: 260 }} testId="settlement-region" />
                <Typography.Text>{t('settlement.year')}</Typography.Text>
                <InputNumber value={year} onChange={(value) => value && setYear(value)} min={1990} max={2100} precision={0} data-testid="settlement-year" />
              </Space>
            ) : (
              <>
                <Row gutter={16}>
                  <Col>
                    <Space direction="vertical" size={2}>
                      <Typography.Text>{t('settlement.savingRewardShare')}</Typography.Text>
                      <ShareInput value={savingRewardShare} onChange={setSavingRewardShare} field="rules.savingRewardShare" refused={refused} testId="rules-savingRewardShare" placeholder="0.3" />
                    </Space>
                  </Col>
                  <Col>
                    <Space direction="vertical" size={2}>
                      <Typography.Text>{t('settlement.savingRewardCap')}</Typography.Text>
                      <ShareInput value={cap} onChange={setCap} field="rules.savingRewardCapShareOfQuota" refused={refused} testId="rules-savingRewardCap" placeholder={t('settlement.noCap')} />
                    </Space>
                  </Col>
                </Row>
                <div>
                  <Typography.Text strong>{t('settlement.overrunBands')}</Typography.Text>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('settlement.overrunBandsExplain')}</Typography.Paragraph>
                  <Table<Row<OverrunBand>>
                    data-testid="rules-bands" rowKey="key" size="small" pagination={false} dataSource={bands} style={{ maxWidth: 560 }}
                    columns={[
                      { key: 'index', title: t('settlement.band'), width: 60, render: (_, _row, index) => index + 1 },
                      {
                        key: 'upTo', title: t('settlement.upToShareOfQuota'),
                        render: (_, row, index) => <ShareInput value={row.upToShareOfQuota} onChange={(value) => changeBand(row.key, 'upToShareOfQuota', value)} field={`rules.overrunBands.${index}.upToShareOfQuota`} refused={refused} testId={`band-${index}-upTo`} />,
                      },
                      {
                        key: 'fundShare', title: t('settlement.fundShare'),
                        render: (_, row, index) => <ShareInput value={row.fundShare} onChange={(value) => changeBand(row.key, 'fundShare', value)} field={`rules.overrunBands.${index}.fundShare`} refused={refused} testId={`band-${index}-fundShare`} />,
                      },
                      {
                        key: 'remove', width: 50,
                        render: (_, row) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('settlement.remove')} onClick={() => setBands((rows) => rows.filter((band) => band.key !== row.key))} />,
                      },
                    ]}
                  />
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setBands((rows) => [...rows, emptyBand()])} style={{ marginTop: 8 }} data-testid="band-add">{t('settlement.addBand')}</Button>
                </div>
              </>
            )}
          </Space>
        </Card>

        <Card
          size="small" title={t('settlement.institutions')}
          extra={(
            <Space>
              <Button size="small" icon={<SnippetsOutlined />} onClick={() => setPasting(true)} data-testid="institutions-paste">{t('settlement.paste')}</Button>
              <Button size="small" icon={<PlusOutlined />} onClick={() => setInstitutions((rows) => [...rows, emptyInstitution()])} data-testid="institution-add">{t('settlement.addInstitution')}</Button>
            </Space>
          )}
        >
          <Table<Row<InstitutionYear>>
            data-testid="institutions-input" rowKey="key" size="small" pagination={false} dataSource={institutions} scroll={{ x: 'max-content' }}
            columns={[
              ...institutionColumns.map((column) => ({ key: column, title: t(`settlement.${column}`), render: (_: unknown, row: Row<InstitutionYear>, index: number) => cellInput(row, index, column) })),
              {
                key: 'remove', width: 50,
                render: (_: unknown, row: Row<InstitutionYear>) => (
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('settlement.remove')} onClick={() => setInstitutions((rows) => rows.filter((each) => each.key !== row.key))} />
                ),
              },
            ]}
          />
        </Card>

        <Space>
          <Button type="primary" icon={<CalculatorOutlined />} loading={busy} onClick={calculate} data-testid="settlement-calculate">{t('settlement.calculate')}</Button>
          <Typography.Text type="secondary">{t('settlement.storesNothing')}</Typography.Text>
        </Space>
        {error && <Alert type="error" showIcon message={t('settlement.refused')} description={error.message} data-testid="settlement-error" />}
        {settlement && <SettlementResult settlement={settlement} />}
      </Space>

      <Modal
        title={t('settlement.paste')} open={pasting} onCancel={() => setPasting(false)} onOk={applyPaste} okText={t('settlement.pasteApply')} cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'paste-apply' }} width={640}
      >
        <Typography.Paragraph type="secondary">{t('settlement.pasteExplain')}</Typography.Paragraph>
        <Input.TextArea rows={8} value={pasted} onChange={(event) => setPasted(event.target.value)} data-testid="paste-text" placeholder={'H1\t1000000.00\t1100000.00\t1000000.00'} />
      </Modal>
    </Page>
  );
}
