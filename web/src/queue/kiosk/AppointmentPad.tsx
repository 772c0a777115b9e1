import { ArrowLeftOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import './kiosk-result.css';

/** The letters and digits booking codes use (no I, O, 0 or 1, which are easily confused). */
const KEYS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.split('');
const LENGTH = 8;

/** 我有预约: the 8-character booking code typed on large keys (or a keyboard), then check-in. */
export function AppointmentPad({ onSubmit, onBack }: { onSubmit: (code: string) => void; onBack: () => void }) {
  const { t } = useT();
  const [code, setCode] = useState('');
  const complete = code.length === LENGTH;

  const press = (key: string) => setCode((c) => (c.length < LENGTH ? c + key : c));
  const erase = () => setCode((c) => c.slice(0, -1));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = e.key.toUpperCase();
      if (KEYS.includes(key)) press(key);
      else if (e.key === 'Backspace') erase();
      else if (e.key === 'Enter' && code.length === LENGTH) onSubmit(code);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [code, onSubmit]);

  return (
    <div className="qk-pad" data-testid="kiosk-pad">
      <h1 className="qk-title">{t('queue.kiosk.enterCode')}</h1>
      <p className="qk-subtitle">{t('queue.kiosk.codeHint')}</p>
      <div className="qk-code" aria-live="polite" aria-label={code} data-testid="kiosk-code">
        {Array.from({ length: LENGTH }, (_, i) => (
          <span key={i} className={`qk-code-cell${i === code.length ? ' is-next' : ''}`}>{code[i] ?? ''}</span>
        ))}
      </div>
      <div className="qk-keys">
        {KEYS.map((key) => (
          <button key={key} type="button" className="qk-key" onClick={() => press(key)} disabled={complete} data-testid={`kiosk-key-${key}`}>
            {key}
          </button>
        ))}
        <button type="button" className="qk-key qk-key-wide" onClick={() => setCode('')} disabled={code.length === 0}>{t('queue.kiosk.clear')}</button>
        <button type="button" className="qk-key qk-key-wide" onClick={erase} disabled={code.length === 0}>{t('queue.kiosk.erase')}</button>
      </div>
      <div className="qk-pad-actions">
        <button type="button" className="qk-button qk-button-ghost" onClick={onBack} data-testid="kiosk-pad-back">
          <ArrowLeftOutlined /> {t('queue.kiosk.back')}
        </button>
        <button type="button" className="qk-button qk-button-primary" onClick={() => onSubmit(code)} disabled={!complete} data-testid="kiosk-check-in">
          {t('queue.kiosk.checkIn')}
        </button>
      </div>
    </div>
  );
}
