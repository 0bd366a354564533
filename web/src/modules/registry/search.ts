/** Options for the search-as-you-type pickers (RemoteSelect). */
import { api } from '../../api.ts';
import type { Option } from '../../components/RemoteSelect.tsx';
import type { Employer, List, Person } from '../../types.ts';

export const searchPersons = async (q: string): Promise<Option[]> =>
  (await api.get<List<Person>>('/api/persons', { q, limit: 20 })).items.map((p) => ({ value: p.id, label: `${p.name} ${p.idNumber}` }));

export const searchEmployers = async (q: string): Promise<Option[]> =>
  (await api.get<List<Employer>>('/api/employers', { q, limit: 20 })).items.map((e) => ({ value: e.id, label: `${e.name} ${e.creditCode}` }));
