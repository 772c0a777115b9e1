import { Alert, Button, Card, Empty, Flex, Form, Input, Select, Table, Tag } from 'antd';
import { useEffect, useRef, useState, type ComponentRef } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { campaignsApi, type CheckInResult, type Registration } from './campaigns.api';
import { when } from './campaign-words';

/** 讲座签到: pick a session of your branches, type or scan a registration code; the list shows who has come. */
export function SeminarCheckInPage() {
  const { t, pick } = useT();
  const showError = useShowError();
  const [params] = useSearchParams();
  const [sessionId, setSessionId] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<CheckInResult | null>(null);
  const input = useRef<ComponentRef<typeof Input>>(null);
  const { data: sessions, loading } = useRequest((signal) => campaignsApi.sessions(signal), []);
  const { data: registrations, reload } = useRequest((signal) => campaignsApi.registrations(sessionId!, signal), [sessionId], { enabled: sessionId !== undefined });

  useEffect(() => {
    if (sessionId || !sessions?.length) return;
    const wanted = params.get('campaign');
    setSessionId((sessions.find((s) => s.campaignId === wanted) ?? sessions[0])!.id);
  }, [sessions, sessionId, params]);

  const submit = async () => {
    if (!sessionId || !code.trim()) return;
    setBusy(true);
    try {
      setLast(await campaignsApi.checkIn(sessionId, code.trim()));
      setCode('');
      reload();
    } catch (error) {
      setLast(null);
      showError(error);
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  const session = sessions?.find((s) => s.id === sessionId);
  return (
    <>
      <PageHeader title={t('campaign.checkin.title')} section="nav.engagement" />
      <Card style={{ marginBottom: 16 }}>
        {!loading && sessions?.length === 0 ? <Empty description={t('campaign.checkin.none')} /> : (
          <Form layout="vertical" onFinish={submit}>
            <Form.Item label={t('campaign.checkin.session')}>
              <Select value={sessionId} onChange={(v) => { setSessionId(v); setLast(null); }} style={{ maxWidth: 640 }} data-testid="checkin-session"
                options={(sessions ?? []).map((s) => ({ value: s.id, label: `${when(s.startsAt)} · ${pick(s)} · ${s.place} (${s.unitCode})` }))} />
            </Form.Item>
            <Flex gap={8} align="start">
              <Form.Item label={t('campaign.checkin.code')} style={{ marginBottom: 0 }}>
                <Input ref={input} autoFocus value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} placeholder={t('campaign.checkin.codePlaceholder')} maxLength={20} style={{ width: 260, fontFamily: 'monospace', fontSize: 18 }} data-testid="checkin-code" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 30 }} data-testid="checkin-submit">{t('campaign.checkin.submit')}</Button>
            </Flex>
            {last && (
              <Alert style={{ marginTop: 12 }} type={last.alreadyCheckedIn ? 'info' : 'success'} data-testid="checkin-result"
                title={last.alreadyCheckedIn ? t('campaign.checkin.already', { name: last.name, time: when(last.checkedInAt) }) : t('campaign.checkin.done', { name: last.name })} />
            )}
          </Form>
        )}
      </Card>
      {session && (
        <Card title={`${pick(session)} · ${t('campaign.checkin.registered', { n: registrations?.length ?? session.registered, capacity: session.capacity })}`}>
          <Table<Registration> size="small" rowKey="id" dataSource={registrations ?? []} pagination={false} data-testid="checkin-registrations"
            onRow={(r) => ({ 'data-testid': `checkin-row-${r.code}` }) as never}
            columns={[
              { title: t('campaign.checkin.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
              { title: t('campaign.col.customer'), dataIndex: 'name' },
              { title: t('cust.phone'), dataIndex: 'phone' },
              { title: t('campaign.col.status'), dataIndex: 'checkedInAt', render: (at: string | null) => (at ? <Tag color="green" data-testid="checkin-state">{t('campaign.checkin.checkedIn')} {when(at)}</Tag> : <Tag data-testid="checkin-state">{t('campaign.checkin.notYet')}</Tag>) },
            ]} />
        </Card>
      )}
    </>
  );
}
