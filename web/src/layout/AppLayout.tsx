import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Flex, Layout, Menu, Space, Spin, Tag, Typography, theme, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useMe } from '../auth/auth';
import { useT } from '../i18n/i18n';
import { DemoHistoryBanner } from './DemoHistoryBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { activeNavPath, navSections } from './nav';

const { Header, Sider, Content } = Layout;

type MenuItem = NonNullable<MenuProps['items']>[number];

function useMenuItems(): MenuItem[] {
  const { t } = useT();
  const { can } = useMe();
  return navSections.flatMap<MenuItem>((section, index) => {
    const items = section.items
      .filter((item) => !item.permission || can(item.permission))
      .map((item) => ({
        key: item.path,
        icon: item.icon,
        label: <Link to={item.path} data-testid={item.testId}>{t(item.label)}</Link>,
      }));
    if (items.length === 0) return [];
    if (!section.label) return items;
    return [{ type: 'group', key: `section-${index}`, label: t(section.label), children: items }];
  });
}

function UserBox() {
  const me = useMe();
  const { logout } = useAuth();
  const { t, pick } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const onLogout = async () => {
    try {
      await logout();
    } catch {
      // The session is dropped locally either way; the server ends it on expiry.
    }
    void message.success(t('header.loggedOut'));
    navigate('/login', { replace: true });
  };

  return (
    <Flex align="center" gap={16}>
      <Space size={8}>
        <Avatar size="small" icon={<UserOutlined />} />
        <Flex vertical style={{ lineHeight: 1.3 }}>
          <Typography.Text strong data-testid="header-user">{me.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="header-unit">
            {pick(me.unit)}
          </Typography.Text>
        </Flex>
        <span data-testid="header-roles">
          {me.roleNames.map((role) => (
            <Tag key={role.key} color="blue" variant="outlined" style={{ marginInlineEnd: 4 }}>
              {pick(role)}
            </Tag>
          ))}
        </span>
      </Space>
      <LanguageSwitch size="small" />
      <Button icon={<LogoutOutlined />} onClick={onLogout} data-testid="logout">
        {t('header.logout')}
      </Button>
    </Flex>
  );
}

export function AppLayout() {
  const { t } = useT();
  const location = useLocation();
  const items = useMenuItems();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        theme="light"
        width={216}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
      >
        <Link to="/" style={{ display: 'block', padding: '16px 20px', whiteSpace: 'nowrap', overflow: 'hidden' }}>
          <Typography.Text strong style={{ fontSize: 18, color: token.colorPrimary }}>
            {collapsed ? 'B' : t('app.name')}
          </Typography.Text>
        </Link>
        <Menu
          mode="inline"
          selectedKeys={[activeNavPath(location.pathname)]}
          items={items}
          style={{ borderInlineEnd: 'none' }}
          data-testid="side-menu"
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
          }}
        >
          <Typography.Text type="secondary" ellipsis>{t('app.fullName')}</Typography.Text>
          <UserBox />
        </Header>
        <DemoHistoryBanner />
        <Content style={{ padding: 24 }}>
          {/* Pages load on demand; the frame stays put meanwhile. */}
          <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
