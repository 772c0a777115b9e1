import { Select } from 'antd';
import { useT } from '../i18n/i18n';

/** Picks one version of a deployed definition (process or decision); the newest is marked. */
export function VersionSelect({ versions, value, latest, onChange, testId }: { versions: number[]; value: number; latest: number | undefined; onChange: (version: number) => void; testId: string }) {
  const { t } = useT();
  return (
    <Select
      size="small"
      value={value}
      onChange={onChange}
      style={{ minWidth: 160 }}
      options={versions.map((version) => ({
        value: version,
        label: version === latest ? `${t('process.versionN', { version })}（${t('process.latest')}）` : t('process.versionN', { version }),
      }))}
      data-testid={testId}
    />
  );
}
