import { Segmented } from 'antd';
import { languages, useT, type Lang } from '../i18n/i18n';

/** 中文 / English; each option is written in its own language so anyone can find theirs. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { lang, setLang, t } = useT();
  return (
    <Segmented<Lang>
      size={size}
      value={lang}
      onChange={setLang}
      aria-label={t('lang.switch')}
      data-testid="lang-switch"
      options={languages.map((value) => ({
        value,
        label: <span data-testid={`lang-${value}`}>{t(`lang.${value}`)}</span>,
      }))}
    />
  );
}
