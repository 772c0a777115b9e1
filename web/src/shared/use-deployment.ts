import { App } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/client';
import { processApi, type DeployResult } from '../api/process.api';
import type { MessageKey } from '../i18n/zh-CN';
import { useT } from '../i18n/i18n';
import { useShowError } from './api-errors';

export type DeployOutcome = { type: 'problems'; messages: string[] } | { type: 'deployed'; result: DeployResult } | null;

/**
 * Deploying an edited model (BPMN or DMN) as a new version: the outcome to show (the new version,
 * or the problems the server names, element by element), and a message either way.
 */
export function useDeployment(key: string, resourceName: string, texts: { deployed: MessageKey; unchanged: MessageKey }, onDeployed: (version: number) => void) {
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [deploying, setDeploying] = useState(false);
  const [outcome, setOutcome] = useState<DeployOutcome>(null);

  /** Deploys the XML; resolves true when the server took it (new version or unchanged). */
  const deploy = async (xml: string | undefined): Promise<boolean> => {
    if (!xml) return false;
    setDeploying(true);
    setOutcome(null);
    try {
      const result = await processApi.deploy(key, resourceName, xml);
      setOutcome({ type: 'deployed', result });
      const deployed = result.definitions.find((d) => d.key === key) ?? result.definitions[0];
      if (deployed?.isNew) {
        void message.success(t(texts.deployed, { key: deployed.key, version: deployed.version }));
        onDeployed(deployed.version);
      } else if (deployed) {
        void message.info(t(texts.unchanged, { version: deployed.version }));
      }
      return true;
    } catch (err) {
      if (isApiError(err) && err.status === 400 && err.errors.length > 0) setOutcome({ type: 'problems', messages: err.errors.map((e) => e.message) });
      else showError(err);
      return false;
    } finally {
      setDeploying(false);
    }
  };

  return { deploying, outcome, setOutcome, deploy };
}
