import { Tag } from 'antd';
import { useT } from '../../i18n/i18n';
import type { Channel, ProductKind, ProductStatus } from './products.api';

const riskColor = ['green', 'cyan', 'gold', 'orange', 'red'];
const levelColor: Record<string, string> = { C1: 'green', C2: 'cyan', C3: 'gold', C4: 'orange', C5: 'red' };

/** R1–R5 in a colour that warms with the risk. */
export function RiskTag({ level }: { level: number }) {
  return <Tag color={riskColor[level - 1] ?? 'default'} style={{ marginInlineEnd: 0 }}>R{level}</Tag>;
}

/** C1–C5 with its name. */
export function LevelTag({ level, name }: { level: string; name?: { en: string; zh: string } }) {
  const { lang } = useT();
  return <Tag color={levelColor[level] ?? 'default'} style={{ marginInlineEnd: 0 }}>{level}{name ? ` ${lang === 'zh-CN' ? name.zh : name.en}` : ''}</Tag>;
}

export function KindText({ kind }: { kind: ProductKind }) {
  const { t } = useT();
  return <>{t(`sui.kind.${kind}`)}</>;
}

export function StatusTag({ status }: { status: ProductStatus }) {
  const { t } = useT();
  return <Tag color={status === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>{t(`sui.status.${status}`)}</Tag>;
}

export function ChannelText({ channel }: { channel: Channel }) {
  const { t } = useT();
  return <>{t(`sui.channel.${channel}`)}</>;
}
