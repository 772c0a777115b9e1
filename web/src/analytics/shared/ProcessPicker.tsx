import { Select, Space } from 'antd';
import { useMemo } from 'react';
import { processApi, type ProcessDefinition } from '../../api/process.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';

export type Deployed = {
  /** Every version of each process, newest first, by process key. */
  byKey: ReadonlyMap<string, ProcessDefinition[]>;
  /** A process as a person knows it: its name (and key), else its key. */
  nameOf: (key: string) => string;
  /** The definition of a key and version (the newest without one), if deployed. */
  find: (key: string | undefined, version?: number) => ProcessDefinition | undefined;
  loading: boolean;
};

/** The deployed processes (every version), for pickers and for naming process keys. */
export function useDeployed(): Deployed {
  const { can } = useMe();
  const all = useRequest((signal) => processApi.definitions({}, signal), [], { enabled: can('process.read'), silent: true });
  return useMemo(() => {
    const byKey = new Map<string, ProcessDefinition[]>();
    for (const d of all.data?.items ?? []) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
    for (const versions of byKey.values()) versions.sort((a, b) => b.version - a.version);
    const nameOf = (key: string) => {
      const name = byKey.get(key)?.[0]?.name;
      return name && name !== key ? `${name} (${key})` : key;
    };
    const find = (key: string | undefined, version?: number) => {
      const versions = key ? byKey.get(key) : undefined;
      return version === undefined ? versions?.[0] : versions?.find((d) => d.version === version);
    };
    return { byKey, nameOf, find, loading: all.loading };
  }, [all.data, all.loading]);
}

type Props = {
  deployed: Deployed;
  processKey: string | undefined;
  /** Undefined: the newest version. */
  version: number | undefined;
  onChange: (processKey: string | undefined, version: number | undefined) => void;
  testId: string;
  width?: number;
};

/** A deployed process and one of its versions (the newest by default). Test ids: `<testId>-process`, `<testId>-version`. */
export function ProcessPicker({ deployed, processKey, version, onChange, testId, width = 280 }: Props) {
  const { t } = useT();
  const options = useMemo(
    () => [...deployed.byKey.keys()].map((key) => ({ value: key, label: deployed.nameOf(key) })).sort((a, b) => a.label.localeCompare(b.label)),
    [deployed],
  );
  const versions = processKey ? deployed.byKey.get(processKey) ?? [] : [];
  return (
    <Space.Compact>
      <Select
        value={processKey}
        options={options}
        loading={deployed.loading}
        placeholder={t('analytics.model.choose')}
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(key: string) => onChange(key, undefined)}
        style={{ width }}
        popupMatchSelectWidth={Math.max(width, 360)}
        notFoundContent={t('analytics.model.none')}
        data-testid={`${testId}-process`}
      />
      <Select<number | 'latest'>
        value={version ?? 'latest'}
        disabled={!processKey}
        onChange={(v) => onChange(processKey, v === 'latest' ? undefined : v)}
        style={{ width: 150 }}
        options={[
          { value: 'latest', label: t('analytics.model.latest', { version: versions[0]?.version ?? '–' }) },
          ...versions.slice(1).map((d) => ({ value: d.version, label: t('process.versionN', { version: d.version }) })),
        ]}
        data-testid={`${testId}-version`}
      />
    </Space.Compact>
  );
}
