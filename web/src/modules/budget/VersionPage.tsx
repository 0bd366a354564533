/** One budget version by its id (/budget/versions/:id): where the 待办 item of its sign-off links, for the reviewer. */
import { useParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { VersionView } from './VersionView.tsx';
import type { BudgetVersion } from './types.ts';

export default function VersionPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const regionLabel = useRegionLabel();
  const loaded = useLoad((signal) => api.get<BudgetVersion>(`/api/budget/versions/${encodeURIComponent(id)}`, undefined, signal), [id]);
  const version = loaded.data;
  return (
    <Page title={version ? `${regionLabel(version.region)} ${version.year} ${t('budget.version.title')}` : t('budget.version.title')} testId="budget-version-page">
      {loaded.error ? <ApiErrorView error={loaded.error} retry={loaded.reload} /> : !version ? <PageSpinner /> : <VersionView version={version} onChanged={() => loaded.reload()} />}
    </Page>
  );
}
