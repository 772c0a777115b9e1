import { Table, Typography } from 'antd';
import { catalogApi, type ServiceVersion } from '../../api/catalog.api';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { useRequest } from '../../shared/use-request';
import { timeLimitText } from './service-display';
import { ServiceDetails } from './ServiceDetails';

/** 版本记录: every version of a service, newest first, each readable in full. */
export function ServiceVersions({ code, generation }: { code: string; generation: number }) {
  const { t, pick } = useT();
  const versions = useRequest((signal) => catalogApi.versions(code, signal), [code, generation]);
  return (
    <Table<ServiceVersion>
      rowKey="version"
      size="small"
      loading={versions.loading}
      dataSource={versions.data ?? []}
      pagination={false}
      data-testid="service-versions"
      expandable={{
        expandedRowRender: (v) => <ServiceDetails service={{ ...v.definition, code, version: v.version, active: true, updatedAt: v.changedAt }} />,
      }}
      columns={[
        { key: 'version', title: t('catalog.version'), render: (_, v) => <Typography.Text strong>{t('catalog.versionN', { n: v.version })}</Typography.Text> },
        { key: 'name', title: t('catalog.name'), render: (_, v) => pick(v.definition) },
        { key: 'limit', title: t('svc.timeLimit'), render: (_, v) => timeLimitText(t, v.definition.timeLimit) },
        { key: 'materials', title: t('svc.materials'), render: (_, v) => v.definition.materials.length },
        { key: 'fees', title: t('svc.fees'), render: (_, v) => v.definition.fees.length },
        { key: 'by', title: t('catalog.changedBy'), render: (_, v) => v.changedBy ?? t('catalog.system') },
        { key: 'at', title: t('catalog.changedAt'), render: (_, v) => formatDateTime(v.changedAt) },
      ]}
    />
  );
}
