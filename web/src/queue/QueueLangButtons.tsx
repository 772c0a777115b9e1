import { languages, useT } from '../i18n/i18n';
import './queue-shared.css';

/** 中文 | English as two plain buttons, each in its own language: large enough for a finger on a kiosk. */
export function QueueLangButtons({ className }: { className?: string }) {
  const { lang, setLang, t } = useT();
  return (
    <div className={`q-lang ${className ?? ''}`} role="group" aria-label={t('lang.switch')} data-testid="queue-lang">
      {languages.map((value) => (
        <button key={value} type="button" lang={value} className={`q-lang-button${value === lang ? ' is-on' : ''}`} aria-pressed={value === lang} onClick={() => setLang(value)} data-testid={`queue-lang-${value}`}>
          {t(`lang.${value}`)}
        </button>
      ))}
    </div>
  );
}
