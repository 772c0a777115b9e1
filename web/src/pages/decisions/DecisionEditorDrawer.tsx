import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css';
import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Space, Spin } from 'antd';
import DmnModeler from 'dmn-js/lib/Modeler';
import { useEffect, useRef, useState } from 'react';
import type { DecisionDefinition } from '../../api/process.api';
import { useDeployment } from '../../shared/use-deployment';
import { useDmn } from '../../dmn/use-dmn';
import { useT } from '../../i18n/i18n';

type Props = {
  definition: DecisionDefinition;
  xml: string;
  onClose: () => void;
  /** Called after a deployment that created a new version. */
  onDeployed: (version: number) => void;
};


const createModeler = (container: HTMLElement) => new DmnModeler({ container });

/** The dmn-js modeler on a copy of one version; 部署新版本 sends the edited DMN to the server. */
export function DecisionEditorDrawer({ definition, xml, onClose, onDeployed }: Props) {
  const { t } = useT();
  const { modal } = App.useApp();
  // A state, not a ref: the drawer mounts its body after the first render.
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const dmn = useDmn(createModeler, container, xml, definition.key);
  const deployment = useDeployment(definition.key, `${definition.key}.dmn`, { deployed: 'decision.deployed', unchanged: 'decision.unchanged' }, onDeployed);
  const { deploying, outcome, setOutcome } = deployment;
  // The XML as last imported or deployed, serialised the same way, to tell whether anything changed.
  const baselineRef = useRef<string | null>(null);

  const current = async (): Promise<string | undefined> => {
    if (!dmn.instance || !dmn.ready) return undefined;
    const { xml: saved } = await dmn.instance.saveXML({ format: true });
    return saved;
  };

  useEffect(() => {
    if (!dmn.ready || !dmn.instance) return;
    void dmn.instance.saveXML({ format: true }).then(({ xml: saved }) => {
      if (baselineRef.current === null && saved !== undefined) baselineRef.current = saved;
    });
  }, [dmn.ready, dmn.instance]);

  const deploy = async () => {
    const edited = await current();
    if (edited && (await deployment.deploy(edited))) baselineRef.current = edited;
  };

  const close = async () => {
    let changed = false;
    try {
      const now = await current();
      changed = now !== undefined && baselineRef.current !== null && now !== baselineRef.current;
    } catch {
      changed = true;
    }
    if (!changed) {
      onClose();
      return;
    }
    modal.confirm({
      title: t('editor.discardTitle'),
      content: t('editor.discardBody'),
      okText: t('editor.discard'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: onClose,
    });
  };

  const deployed = outcome?.type === 'deployed'
    ? outcome.result.definitions.find((d) => d.key === definition.key) ?? outcome.result.definitions[0]
    : undefined;

  return (
    <Drawer
      open
      size="100%"
      title={t('decision.editTitle', { key: definition.key, version: definition.version })}
      onClose={() => void close()}
      destroyOnHidden
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
      extra={
        <Space>
          <Button onClick={() => void close()}>{t('common.close')}</Button>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={deploying} disabled={!dmn.ready}
            onClick={() => void deploy()} data-testid="decision-deploy">
            {t('decision.deploy')}
          </Button>
        </Space>
      }
    >
      {dmn.error ? <Alert type="error" showIcon title={t('decision.loadFailed', { detail: dmn.error })} /> : null}
      {outcome?.type === 'problems' ? (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setOutcome(null)}
          title={t('decision.problems')}
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{outcome.messages.map((m, i) => <li key={i}>{m}</li>)}</ul>}
          data-testid="decision-deploy-problems"
        />
      ) : null}
      {deployed ? (
        <Alert
          type={deployed.isNew ? 'success' : 'info'}
          showIcon
          closable
          onClose={() => setOutcome(null)}
          title={deployed.isNew
            ? t('decision.deployed', { key: deployed.key, version: deployed.version })
            : t('decision.unchanged', { version: deployed.version })}
          data-testid="decision-deploy-result"
        />
      ) : null}
      <Spin spinning={!dmn.ready && !dmn.error}>
        <div ref={setContainer} className="bl-dmn" style={{ minHeight: 480, border: '1px solid #f0f0f0', borderRadius: 8, overflow: 'auto' }}
          data-testid="dmn-modeler" />
      </Spin>
    </Drawer>
  );
}
