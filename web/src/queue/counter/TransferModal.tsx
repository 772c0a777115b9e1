import { Alert, Form, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { queueStaffApi, type BranchQueue, type LiveTicket, type QueueCounter } from '../queue.api';
import type { Run } from './CurrentTicket';

type Target = 'category' | 'counter';

/** 转移: to another category's queue or to one counter; the customer keeps their place. */
export function TransferModal({ open, ticket, counter, setup, onClose, run }: { open: boolean; ticket: LiveTicket; counter: QueueCounter; setup: BranchQueue; onClose: () => void; run: Run }) {
  const { t, pick } = useT();
  const [target, setTarget] = useState<Target>('category');
  const [category, setCategory] = useState<string | undefined>(undefined);
  const [toCounter, setToCounter] = useState<number | undefined>(undefined);

  useEffect(() => {
    if (!open) return;
    setTarget('category');
    setCategory(undefined);
    setToCounter(undefined);
  }, [open]);

  const ready = target === 'category' ? category !== undefined : toCounter !== undefined;
  const submit = async () => {
    const body = target === 'category' ? { category: category! } : { counter: toCounter! };
    onClose();
    await run('transfer', () => queueStaffApi.transfer(counter.id, ticket.id, body), t('queue.counter.transferred', { number: ticket.number }));
  };

  return (
    <Modal open={open} title={t('queue.counter.transferTitle', { number: ticket.number })} onCancel={onClose} onOk={() => void submit()} okButtonProps={{ disabled: !ready, 'data-testid': 'transfer-ok' }} okText={t('queue.counter.transfer')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label={t('queue.counter.transferTo')}>
          <Radio.Group value={target} onChange={(e) => setTarget(e.target.value as Target)} optionType="button" buttonStyle="solid"
            options={[{ value: 'category', label: t('queue.counter.toCategory') }, { value: 'counter', label: t('queue.counter.toCounter') }]} />
        </Form.Item>
        {target === 'category' ? (
          <Form.Item label={t('queue.col.category')} required>
            <Select value={category} onChange={setCategory} placeholder={t('queue.counter.toCategory')} data-testid="transfer-category"
              options={setup.categories.filter((c) => c.active && c.code !== ticket.category).map((c) => ({ value: c.code, label: `${c.code} · ${pick(c)}` }))} />
          </Form.Item>
        ) : (
          <Form.Item label={t('queue.counter.toCounter')} required>
            <Select value={toCounter} onChange={setToCounter} placeholder={t('queue.counter.toCounter')} data-testid="transfer-counter"
              options={setup.counters.filter((c) => c.id !== counter.id).map((c) => ({ value: c.number, label: `${t('queue.counterN', { n: c.number })} · ${t(`queue.counterKind.${c.kind}`)} · ${t(`queue.counterStatus.${c.status}`)}` }))} />
          </Form.Item>
        )}
      </Form>
      <Alert type="info" showIcon title={t('queue.counter.transferHint')} />
    </Modal>
  );
}
