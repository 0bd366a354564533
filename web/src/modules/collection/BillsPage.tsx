/** 缴费通知单: every bill in scope, by month and employer (BillsList). */
import { BillsList } from './BillsList.tsx';

export default function BillsPage() {
  return <BillsList />;
}
