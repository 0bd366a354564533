/** A month ("YYYY-MM") picker that always has a value. */
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

export function MonthPicker({ value, onChange, testId }: { value: string; onChange(period: string): void; testId?: string }) {
  return (
    <span data-testid={testId}>
      <DatePicker picker="month" allowClear={false} value={dayjs(`${value}-01`)} onChange={(date) => date && onChange(date.format('YYYY-MM'))} />
    </span>
  );
}
