import { MessageOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useErrorText } from '../PortalStates';
import { portalApi, type InboxMessage } from '../portal.api';
import { mobileRules } from '../mobile-rules';
import { formatMoment, normalisePhone } from '../portal-format';
import { usePortalInfo } from '../use-portal-info';
import './tracking.css';

/**
 * Demo only: a demo sends no real SMS, so the codes and links it "sent" can be read here. Hidden
 * outside demo mode, and labelled so that no one takes it for part of the real service.
 */
export function DemoInboxHint() {
  const { t } = useT();
  const { demo } = usePortalInfo();
  const [open, setOpen] = useState(false);
  if (!demo) return null;
  return (
    <>
      <button type="button" className="pl-demo-hint" onClick={() => setOpen(true)} data-testid="portal-demo-inbox">
        <MessageOutlined className="pl-demo-icon" />
        <span>{t('portal.demo.hint')}</span>
      </button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={t('portal.demo.title')} centered destroyOnHidden rootClassName="pl-modal">
        <DemoInbox />
      </Modal>
    </>
  );
}

function DemoInbox() {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const [messages, setMessages] = useState<InboxMessage[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const look = async ({ phone }: { phone: string }) => {
    setLoading(true);
    setProblem(null);
    try {
      setMessages(await portalApi.demoInbox(normalisePhone(phone)));
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div data-testid="portal-demo-inbox-panel">
      <p className="pl-muted pl-small">{t('portal.demo.explain')}</p>
      <Form layout="vertical" requiredMark={false} onFinish={look}>
        <Form.Item
          name="phone"
          label={t('portal.demo.phone')}
          rules={mobileRules(t)}
        >
          <Input type="tel" inputMode="numeric" maxLength={13} placeholder={t('portal.book.phonePlaceholder')} data-testid="portal-demo-inbox-phone" />
        </Form.Item>
        <Button htmlType="submit" block loading={loading} icon={<MessageOutlined />} data-testid="portal-demo-inbox-open">
          {t('portal.demo.show')}
        </Button>
      </Form>
      {problem ? <Alert type="warning" showIcon title={problem} className="pl-gap" /> : null}
      {messages && messages.length === 0 ? <p className="pl-muted pl-gap">{t('portal.demo.empty')}</p> : null}
      {messages && messages.length > 0 ? (
        <ul className="pl-sms-list">
          {messages.map((m) => (
            <li key={m.at + m.body} className="pl-sms" data-testid="portal-demo-inbox-item">
              <span className="pl-sms-time">{formatMoment(m.at, lang)}</span>
              <span className="pl-sms-body">
                <Linked text={m.body} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Links in a message (a survey link) can be followed straight from the demo inbox. */
function Linked({ text }: { text: string }) {
  return (
    <>
      {text.split(/(https?:\/\/[^\s，。]+)/).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="pl-sms-link">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
