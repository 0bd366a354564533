/**
 * 节假日安排: a year's days off and 调休 working weekends by the State Council's notice, listed and shown on a
 * calendar (the year in the URL). A year whose notice is not entered says so: its due dates move over weekends only.
 */
import { useMemo, useState } from 'react';
import { Alert, Calendar, Card, Col, DatePicker, Descriptions, Empty, Row, Space, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import type { HolidayRange, HolidayYear } from './types.ts';

const DATE = 'YYYY-MM-DD';

/** Each day off of the year's ranges, with its holiday's name. */
function daysOffOf(holidays: readonly HolidayRange[]): Map<string, string> {
  const days = new Map<string, string>();
  for (const holiday of holidays) {
    for (let day = dayjs(holiday.from); !day.isAfter(holiday.to, 'day'); day = day.add(1, 'day')) days.set(day.format(DATE), holiday.name);
  }
  return days;
}

export default function HolidaysPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const thisYear = dayjs().year();
  const year = Number(params.get('year')) || thisYear;
  const loaded = useLoad((signal) => api.get<HolidayYear>('/api/calendar/holidays', { year: String(year) }, signal), [year]);
  const data = loaded.data?.year === year ? loaded.data : undefined;
  // the calendar's month: the one picked in this year, else today in the current year and January in another
  const [picked, setPicked] = useState<Dayjs | undefined>();
  const month = picked?.year() === year ? picked : year === thisYear ? dayjs() : dayjs(`${year}-01-01`);
  const daysOff = useMemo(() => daysOffOf(data?.holidays ?? []), [data]);
  const workingWeekends = useMemo(() => new Set(data?.workingWeekends ?? []), [data]);
  const chooseYear = (next: number) => setParams((previous) => {
    const changed = new URLSearchParams(previous);
    changed.set('year', String(next));
    return changed;
  }, { replace: true });

  const dayMark = (day: Dayjs) => {
    const date = day.format(DATE);
    const holiday = daysOff.get(date);
    if (holiday) return <Tag color="red" data-testid="holidays-day-off" data-date={date}>{t('holidays.dayOff')} · {holiday}</Tag>;
    if (workingWeekends.has(date)) return <Tag color="blue" data-testid="holidays-workday" data-date={date}>{t('holidays.workday')}</Tag>;
    return null;
  };

  return (
    <Page
      title={t('menu.holidays')} testId="holidays-page"
      extra={(
        <Space>
          <Typography.Text strong>{t('holidays.year')}</Typography.Text>
          <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(value) => value && chooseYear(value.year())} data-testid="holidays-year" />
        </Space>
      )}
    >
      {loaded.error ? <ApiErrorView error={loaded.error} retry={loaded.reload} /> : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {data && !data.published && <Alert type="warning" showIcon data-testid="holidays-unpublished" message={t('holidays.unpublished', { year })} />}
          {data?.published && (
            <Descriptions size="small" column={2} data-testid="holidays-notice">
              <Descriptions.Item label={t('holidays.reference')}>{data.reference}</Descriptions.Item>
              <Descriptions.Item label={t('holidays.announcedOn')}>{data.announcedOn}</Descriptions.Item>
            </Descriptions>
          )}
          <Typography.Text type="secondary">{t('holidays.rule')}</Typography.Text>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={9}>
              <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                <Table<HolidayRange>
                  data-testid="holidays-table" rowKey="from" size="small" pagination={false} loading={loaded.loading} dataSource={data?.holidays ?? []}
                  onRow={(holiday) => ({ onClick: () => setPicked(dayjs(holiday.from).year() === year ? dayjs(holiday.from) : dayjs(`${year}-01-01`)), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: t('holidays.name'), dataIndex: 'name' },
                    { title: t('holidays.dates'), key: 'dates', render: (_: unknown, holiday) => (holiday.from === holiday.to ? holiday.from : `${holiday.from} ~ ${holiday.to}`) },
                    { title: t('holidays.days'), dataIndex: 'days', align: 'right', width: 70 },
                  ]}
                />
                <Card size="small" title={t('holidays.workingWeekends')} data-testid="holidays-working-weekends" loading={loaded.loading && !data}>
                  {data?.workingWeekends.length
                    ? <Space wrap>{data.workingWeekends.map((date) => <Tag key={date} color="blue" style={{ cursor: 'pointer' }} onClick={() => setPicked(dayjs(date))}>{date}</Tag>)}</Space>
                    : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('holidays.noWorkingWeekends')} />}
                </Card>
              </Space>
            </Col>
            <Col xs={24} xl={15}>
              <div data-testid="holidays-calendar">
                <Calendar
                  value={month} onChange={setPicked} validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
                  cellRender={(day, info) => (info.type === 'date' && day.year() === year ? dayMark(day) : null)}
                />
              </div>
            </Col>
          </Row>
        </Space>
      )}
    </Page>
  );
}
