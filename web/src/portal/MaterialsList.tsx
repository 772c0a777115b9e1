import { useT } from '../i18n/i18n';
import type { Material } from './portal.api';
import './portal-service.css';

/** What to bring: required ones first, each with what makes it valid. */
export function MaterialsList({ materials }: { materials: Material[] }) {
  const { t, lang, pick } = useT();
  if (materials.length === 0) return <p className="pl-muted">{t('portal.materials.none')}</p>;
  const ordered = [...materials].sort((a, b) => Number(b.required) - Number(a.required));
  return (
    <ul className="pl-materials" data-testid="portal-materials">
      {ordered.map((m) => {
        const validity = lang === 'zh-CN' ? m.validityZh || m.validityEn : m.validityEn || m.validityZh;
        return (
          <li key={m.nameZh + m.nameEn} className="pl-material">
            <span className="pl-material-head">
              <span className="pl-material-name">{pick(m)}</span>
              <span className={m.required ? 'pl-badge pl-badge-required' : 'pl-badge pl-badge-optional'}>
                {m.required ? t('portal.materials.required') : t('portal.materials.optional')}
              </span>
            </span>
            {validity ? <span className="pl-material-validity">{t('portal.materials.validity', { text: validity })}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
