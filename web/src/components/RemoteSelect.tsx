/** A select that searches the API as the user types (persons by ID number or name, employers by name or code). */
import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';

export interface Option { value: string; label: string }

export function RemoteSelect({ search, value, onChange, placeholder, testId }: {
  search(text: string): Promise<Option[]>;
  value?: string;
  onChange?(value: string | undefined): void;
  placeholder?: string;
  testId?: string;
}) {
  const [options, setOptions] = useState<Option[]>([]);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const run = (text: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const ticket = ++latest.current;
      setBusy(true);
      try {
        const found = await search(text.trim());
        if (ticket === latest.current) setOptions(found);
      } catch { if (ticket === latest.current) setOptions([]); } finally { if (ticket === latest.current) setBusy(false); }
    }, 250);
  };

  useEffect(() => { run(''); return () => clearTimeout(timer.current); }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Select
      showSearch value={value} onChange={onChange} placeholder={placeholder} filterOption={false} onSearch={run} options={options}
      notFoundContent={busy ? <Spin size="small" /> : undefined} allowClear data-testid={testId}
    />
  );
}
