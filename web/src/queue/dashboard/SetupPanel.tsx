import { Alert, Flex } from 'antd';
import { useT } from '../../i18n/i18n';
import type { BranchQueue } from '../queue.api';
import { CategoriesSetup } from './CategoriesSetup';
import { CountersSetup } from './CountersSetup';
import { RulesForm } from './RulesForm';

/** 排队设置: the calling rules, the queue categories and the counters; changed with `queue.manage`. */
export function SetupPanel({ setup, editable, onSaved }: { setup: BranchQueue; editable: boolean; onSaved: () => void }) {
  const { t } = useT();
  return (
    <Flex vertical gap={16}>
      {editable ? null : <Alert type="info" showIcon title={t('queue.setup.readOnly')} />}
      <CategoriesSetup setup={setup} editable={editable} onSaved={onSaved} />
      <CountersSetup setup={setup} editable={editable} onSaved={onSaved} />
      <RulesForm key={JSON.stringify(setup.setting)} branch={setup.branch.code} setting={setup.setting} editable={editable} onSaved={onSaved} />
    </Flex>
  );
}
