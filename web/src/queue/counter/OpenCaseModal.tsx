import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Skeleton, Steps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { catalogApi, type Service } from '../../api/catalog.api';
import { isApiError } from '../../api/client';
import { customersApi, type Customer } from '../../api/customers.api';
import { useT } from '../../i18n/i18n';
import { NewCaseCustomerStep } from '../../pages/cases/NewCaseCustomerStep';
import { amountProblem, needsAmount } from '../../pages/cases/NewCaseMaterialsStep';
import { NewCaseServiceStep } from '../../pages/cases/NewCaseServiceStep';
import { useShowError } from '../../shared/api-errors';
import { useRequest } from '../../shared/use-request';
import { queueStaffApi, type LiveTicket, type QueueCounter } from '../queue.api';

type Step = 0 | 1 | 2;

/**
 * 受理业务 for the customer at the counter: the same customer and service steps as a walk-in case,
 * then the materials received; the case's clock starts when the ticket was taken.
 */
export function OpenCaseModal({ ticket, counter, onClose, onOpened }: { ticket: LiveTicket; counter: QueueCounter; onClose: () => void; onOpened: () => void }) {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const [step, setStep] = useState<Step>(0);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [service, setService] = useState<Service | null>(null);
  const [received, setReceived] = useState<number[]>([]);
  const [amount, setAmount] = useState('');
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const services = useRequest((signal) => catalogApi.list(signal), []);
  const known = useRequest((signal) => customersApi.get(ticket.customer?.id ?? '', signal), [ticket.customer?.id], { enabled: ticket.customer !== null, silent: true });
  useEffect(() => {
    if (known.data) {
      setCustomer(known.data);
      setStep(1);
    }
  }, [known.data]);

  const chooseCustomer = (next: Customer | null) => {
    setCustomer(next);
    if (next) setStep(1);
  };
  const chooseService = (next: Service) => {
    if (next.code !== service?.code) {
      setReceived([]);
      setAmount('');
    }
    setService(next);
  };

  const submit = async () => {
    setTried(true);
    if (!customer || !service || amountProblem(service, amount) !== null) return;
    setSending(true);
    setProblem(null);
    try {
      const opened = await queueStaffApi.openCase(counter.id, ticket.id, { serviceCode: service.code, customerId: customer.id, materialsReceived: received, ...(needsAmount(service) ? { amount: amount.trim() } : {}) });
      // messages render outside the router: the link navigates by hand
      const caseLink = `/cases/${encodeURIComponent(opened.id)}`;
      void message.success({ content: <span>{t('queue.counter.caseOpened', { ref: opened.ref })} <Typography.Link onClick={() => navigate(caseLink)}>{t('queue.counter.viewCase')}</Typography.Link></span>, duration: 8 });
      onOpened();
      onClose();
    } catch (error) {
      if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 401) {
        setProblem([error.detail || error.title, ...error.errors.map((e) => e.message)].filter(Boolean).join(' '));
      } else showError(error);
    } finally {
      setSending(false);
    }
  };

  const amountError = service && tried ? amountProblem(service, amount) : null;
  let body;
  if (known.loading) body = <Skeleton active />;
  else if (step === 0 || !customer) body = <NewCaseCustomerStep customer={customer} onChoose={chooseCustomer} />;
  else if (step === 1 || !service) body = <NewCaseServiceStep services={services.data} loading={services.loading} customerKind={customer.kind} selected={service} onSelect={chooseService} />;
  else {
    const missing = service.materials.filter((m, i) => m.required && !received.includes(i));
    body = (
      <Flex vertical gap={12}>
        <Typography.Text>{t('queue.counter.caseSummary', { customer: customer.name, service: pick(service) })}</Typography.Text>
        <Flex justify="space-between" align="center">
          <Typography.Text strong>{t('newCase.materialsTitle')}</Typography.Text>
          {service.materials.length > 0 ? <Button size="small" type="link" onClick={() => setReceived(service.materials.map((_, i) => i))}>{t('newCase.allReceived')}</Button> : null}
        </Flex>
        {service.materials.length === 0 ? <Typography.Text type="secondary">{t('svc.noMaterials')}</Typography.Text> : null}
        <Checkbox.Group value={received} onChange={(values) => setReceived([...values].sort())}>
          <Flex vertical gap={6}>
            {service.materials.map((m, i) => (
              <Checkbox key={i} value={i}>
                {pick(m)} {m.required ? <Tag color="blue">{t('svc.required')}</Tag> : <Tag>{t('svc.optional')}</Tag>}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
        {missing.length > 0 ? <Alert type="warning" showIcon title={t('newCase.missingWarning', { names: missing.map((m) => pick(m)).join(t('svc.sep')) })} /> : null}
        {needsAmount(service) ? (
          <Form layout="vertical">
            <Form.Item label={t('case.amount')} required validateStatus={amountError ? 'error' : undefined} help={amountError ? t(amountError === 'missing' ? 'newCase.amountMissing' : 'newCase.amountInvalid') : t('newCase.amountHint')}>
              <Input prefix="¥" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" placeholder="0.00" style={{ maxWidth: 260 }} data-testid="queue-case-amount" />
            </Form.Item>
          </Form>
        ) : null}
        <Alert type="info" showIcon title={t('queue.counter.caseClock')} />
        {problem ? <Alert type="error" showIcon title={problem} data-testid="queue-case-problem" /> : null}
      </Flex>
    );
  }

  return (
    <Modal
      open
      width={1040}
      title={t('queue.counter.caseTitle', { number: ticket.number })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="space-between">
          <Button disabled={step === 0} onClick={() => setStep((s) => Math.max(0, s - 1) as Step)}>{t('newCase.prev')}</Button>
          {step < 2 ? (
            <Button type="primary" disabled={(step === 0 && !customer) || (step === 1 && !service)} onClick={() => setStep((s) => (s + 1) as Step)} data-testid="queue-case-next">{t('newCase.next')}</Button>
          ) : (
            <Button type="primary" loading={sending} onClick={() => void submit()} data-testid="queue-case-submit">{t('newCase.submit')}</Button>
          )}
        </Flex>
      }
    >
      <Steps size="small" current={step} style={{ marginBottom: 20 }}
        items={[{ title: t('newCase.step.customer'), content: customer?.name }, { title: t('newCase.step.service'), content: service ? pick(service) : undefined }, { title: t('newCase.step.materials') }]} />
      <div style={{ minHeight: 260 }}>{body}</div>
    </Modal>
  );
}
