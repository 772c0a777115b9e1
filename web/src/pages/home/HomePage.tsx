import { CheckCircleOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { groupPermissions, usePermissionCatalog } from '../../shared/reference';

function MyPermissions({ keys }: { keys: string[] }) {
  const { t, has } = useT();
  const catalog = usePermissionCatalog();
  if (catalog.loading) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (keys.length === 0) return <Empty description={t('home.noPermissions')} />;

  return (
    <Flex vertical gap={12} data-testid="my-permissions">
      {groupPermissions(keys, (k) => k).map(([group, groupKeys]) => {
        const label = `permGroup.${group}`;
        return (
          <Flex key={group} gap={12} align="baseline" wrap>
            <Typography.Text type="secondary" style={{ minWidth: 120 }}>
              {has(label) ? t(label) : group}
            </Typography.Text>
            <Flex gap={6} wrap>
              {groupKeys.map((key) => (
                <Tag key={key} icon={<CheckCircleOutlined />} color="blue" title={key}>
                  {catalog.nameOf(key)}
                </Tag>
              ))}
            </Flex>
          </Flex>
        );
      })}
    </Flex>
  );
}

export function HomePage() {
  const me = useMe();
  const { t, pick } = useT();

  return (
    <>
      <PageHeader title={t('nav.home')} breadcrumb={false} />
      <Flex vertical gap={16}>
        <Card data-testid="welcome-card">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('home.welcome', { name: me.displayName })}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            items={[
              { key: 'username', label: t('home.username'), children: me.username },
              { key: 'unit', label: t('home.unit'), children: `${pick(me.unit)} (${me.unit.code})` },
              {
                key: 'roles',
                label: t('home.roles'),
                children: me.roleNames.map((role) => (
                  <Tag key={role.key} color="blue">{pick(role)}</Tag>
                )),
              },
              { key: 'scope', label: t('home.scope'), children: t(`scope.${me.scope}`) },
            ]}
          />
        </Card>
        <Card title={t('home.permissions')}>
          <MyPermissions keys={me.permissions} />
        </Card>
      </Flex>
    </>
  );
}
