import { withDiagram } from '../../bpmn/with-diagram';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Space } from 'antd';
import Modeler from 'bpmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import { useEffect, useRef, useState } from 'react';
import type { ProcessDefinition } from '../../api/process.api';
import { useDeployment } from '../../shared/use-deployment';
import { useT } from '../../i18n/i18n';

type Props = {
  definition: ProcessDefinition;
  xml: string;
  onClose: () => void;
  /** Called after a deployment that created a new version. */
  onDeployed: (version: number) => void;
};


/** The bpmn-js modeler on a copy of one version; 部署新版本 sends the edited XML to the server. */
export function ProcessEditorDrawer({ definition, xml, onClose, onDeployed }: Props) {
  const { t } = useT();
  const { modal } = App.useApp();
  // A state, not a ref: the drawer mounts its body after the first render.
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const modelerRef = useRef<Modeler | null>(null);
  const dirtyRef = useRef(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const deployment = useDeployment(definition.key, `${definition.key}.bpmn`, { deployed: 'editor.deployed', unchanged: 'editor.unchanged' }, onDeployed);
  const { deploying, outcome, setOutcome } = deployment;

  useEffect(() => {
    if (!container) return;
    const modeler = new Modeler({ container });
    modelerRef.current = modeler;
    withDiagram(xml)
      .then((drawable) => modeler.importXML(drawable))
      .then(() => {
        modeler.get<Canvas>('canvas').zoom('fit-viewport');
        modeler.on('commandStack.changed', () => {
          dirtyRef.current = true;
        });
      })
      .catch((err: unknown) => setLoadError(err instanceof Error ? err.message : String(err)));
    return () => {
      modeler.destroy();
      modelerRef.current = null;
    };
  }, [container, xml]);

  const deploy = async () => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    const { xml: edited } = await modeler.saveXML({ format: true });
    if (await deployment.deploy(edited)) dirtyRef.current = false;
  };

  const close = () => {
    if (!dirtyRef.current) {
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

  return (
    <Drawer
      open
      size="100%"
      title={t('editor.title', { key: definition.key, version: definition.version })}
      onClose={close}
      destroyOnHidden
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
      extra={
        <Space>
          <Button onClick={close}>{t('common.close')}</Button>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={deploying} disabled={loadError !== null}
            onClick={() => void deploy()} data-testid="process-deploy">
            {t('editor.deploy')}
          </Button>
        </Space>
      }
    >
      {loadError ? <Alert type="error" showIcon title={t('editor.loadFailed', { detail: loadError })} /> : null}
      {outcome?.type === 'problems' ? (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setOutcome(null)}
          title={t('editor.problems')}
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{outcome.messages.map((m, i) => <li key={i}>{m}</li>)}</ul>}
          data-testid="deploy-problems"
        />
      ) : null}
      {outcome?.type === 'deployed' && outcome.result.warnings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setOutcome(null)}
          title={t('editor.warnings')}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {outcome.result.warnings.map((w, i) => <li key={i}>{`${w.elementId}: ${w.reason}`}</li>)}
            </ul>
          }
        />
      ) : null}
      <div ref={setContainer} style={{ flex: 1, minHeight: 480, border: '1px solid #f0f0f0', borderRadius: 8 }} data-testid="bpmn-modeler" />
    </Drawer>
  );
}
