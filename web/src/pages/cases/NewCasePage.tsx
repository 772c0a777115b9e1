import { ArrowLeftOutlined, ArrowRightOutlined, CheckOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Skeleton, Steps } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { casesApi } from '../../api/cases.api';
import { catalogApi, type Channel, type Service } from '../../api/catalog.api';
import { isApiError, type FieldProblem } from '../../api/client';
import { customersApi, type Customer } from '../../api/customers.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { NewCaseConfirmStep } from './NewCaseConfirmStep';
import { NewCaseCustomerStep } from './NewCaseCustomerStep';
import { amountProblem, NewCaseMaterialsStep } from './NewCaseMaterialsStep';
import { NewCaseServiceStep } from './NewCaseServiceStep';

type Step = 0 | 1 | 2 | 3;

/** 受理业务: find the customer, choose the service, check the materials, confirm. */
export function NewCasePage() {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const presetCustomer = params.get('customerId');
  const presetService = params.get('serviceCode');

  const [step, setStep] = useState<Step>(0);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [service, setService] = useState<Service | null>(null);
  const [received, setReceived] = useState<number[]>([]);
  const [amount, setAmount] = useState('');
  const [channel, setChannel] = useState<Channel | undefined>(undefined);
  const [tried, setTried] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<{ title: string; errors: readonly FieldProblem[] } | null>(null);

  const services = useRequest((signal) => catalogApi.list(signal), []);
  const preset = useRequest((signal) => customersApi.get(presetCustomer ?? '', signal), [presetCustomer], { enabled: presetCustomer !== null });

  // A customer named in the address skips the search.
  useEffect(() => {
    if (preset.data) {
      setCustomer(preset.data);
      setStep(1);
    }
  }, [preset.data]);
  useEffect(() => {
    const found = presetService ? services.data?.find((s) => s.code === presetService && s.active) : undefined;
    if (found) chooseService(found);
  }, [services.data, presetService]);

  const chooseCustomer = (next: Customer | null) => {
    setCustomer(next);
    if (next && service && service.customerType !== 'both' && service.customerType !== next.kind) setService(null);
    if (next) setStep(1);
  };

  const chooseService = (next: Service) => {
    if (next.code !== service?.code) {
      setReceived([]);
      setAmount('');
      setTried(false);
    }
    setService(next);
    setChannel((prev) => (prev && next.channels.includes(prev) ? prev : next.channels.includes('counter') ? 'counter' : next.channels[0]));
  };

  const canLeave = (from: Step): boolean => {
    if (from === 0) return customer !== null;
    if (from === 1) return service !== null;
    if (from === 2) {
      setTried(true);
      return service !== null && channel !== undefined && amountProblem(service, amount) === null;
    }
    return true;
  };

  const next = () => {
    if (!canLeave(step)) {
      if (step === 0) void message.warning(t('newCase.chooseCustomerFirst'));
      if (step === 1) void message.warning(t('newCase.chooseServiceFirst'));
      return;
    }
    setStep((s) => Math.min(3, s + 1) as Step);
  };

  const submit = async () => {
    if (!customer || !service || !channel) return;
    setSubmitting(true);
    setProblem(null);
    try {
      const opened = await casesApi.open({
        serviceCode: service.code,
        customerId: customer.id,
        channel,
        source: { kind: 'walk_in' },
        materialsReceived: received,
        ...(amount.trim() && amountProblem(service, amount) === null ? { amount: amount.trim() } : {}),
      });
      void message.success(t('newCase.opened', { ref: opened.ref }));
      navigate(`/cases/${encodeURIComponent(opened.id)}`);
    } catch (err) {
      if (isApiError(err) && err.status >= 400 && err.status < 500 && err.status !== 401) {
        setProblem({ title: err.detail || err.title || t('error.unexpected'), errors: err.errors });
      } else {
        showError(err);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const stepItems = [
    { title: t('newCase.step.customer'), content: customer ? customer.name : undefined },
    { title: t('newCase.step.service'), content: service ? pick(service) : undefined },
    { title: t('newCase.step.materials'), content: service && step > 2 ? t('newCase.receivedCount', { received: received.length, total: service.materials.length }) : undefined },
    { title: t('newCase.step.confirm') },
  ];

  const body = () => {
    if (preset.loading) return <Skeleton active />;
    if (step === 0 || !customer) return <NewCaseCustomerStep customer={customer} onChoose={chooseCustomer} />;
    if (step === 1 || !service) {
      return <NewCaseServiceStep services={services.data} loading={services.loading} customerKind={customer.kind} selected={service} onSelect={chooseService} />;
    }
    if (step === 2) {
      return (
        <NewCaseMaterialsStep service={service} received={received} onReceived={setReceived} amount={amount} onAmount={setAmount}
          channel={channel} onChannel={setChannel} showProblems={tried} />
      );
    }
    return <NewCaseConfirmStep customer={customer} service={service} received={received} amount={amount} channel={channel} problems={problem?.errors ?? []} problemTitle={problem?.title ?? null} />;
  };

  return (
    <>
      <PageHeader title={t('cases.new')} section="nav.work" extra={<Button onClick={() => navigate('/cases')}>{t('newCase.backToList')}</Button>} />
      <Card>
        <Steps
          current={step}
          items={stepItems}
          onChange={(target) => {
            // Going back is always allowed; going forward only through each step's checks.
            if (target < step) setStep(target as Step);
            else if (target === step + 1) next();
          }}
          style={{ marginBottom: 24 }}
          data-testid="newcase-steps"
        />
        <div style={{ minHeight: 280 }}>{body()}</div>
        <Flex justify="space-between" style={{ marginTop: 24, borderTop: '1px solid #f0f0f0', paddingTop: 16 }}>
          <Button icon={<ArrowLeftOutlined />} disabled={step === 0} onClick={() => setStep((s) => Math.max(0, s - 1) as Step)} data-testid="newcase-prev">
            {t('newCase.prev')}
          </Button>
          {step < 3 ? (
            <Button type="primary" onClick={next} disabled={(step === 0 && !customer) || (step === 1 && !service)} data-testid="newcase-next">
              {t('newCase.next')} <ArrowRightOutlined />
            </Button>
          ) : (
            <Button type="primary" icon={<CheckOutlined />} loading={submitting} onClick={() => void submit()} data-testid="newcase-submit">
              {t('newCase.submit')}
            </Button>
          )}
        </Flex>
      </Card>
    </>
  );
}
