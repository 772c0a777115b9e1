import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setRequestLanguage } from '../api/client';
import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export const languages: readonly Lang[] = ['zh-CN', 'en'];

const dictionaries: Record<Lang, Messages> = { 'zh-CN': zhCN, en };
const storageKey = 'bl_lang';

export type TranslateParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;
/** Anything the server names in both languages (units, roles, permissions). */
export type BilingualName = { nameZh: string; nameEn: string };

export type I18n = {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** The name in the current UI language, falling back to the other one when empty. */
  pick: (named: BilingualName) => string;
  /** Narrows a computed string (e.g. `kind.${unit.kind}`) to a dictionary key. */
  has: (key: string) => key is MessageKey;
};

/** Stored choice first, then the browser: any `zh*` means Chinese, everything else English. */
export function detectLang(): Lang {
  try {
    const stored = localStorage.getItem(storageKey);
    if (stored === 'zh-CN' || stored === 'en') return stored;
  } catch {
    // Storage can be unavailable (privacy mode); the browser language still decides.
  }
  const browser = typeof navigator === 'undefined' ? '' : navigator.language;
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function applyLang(lang: Lang): void {
  setRequestLanguage(lang);
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;
}

function format(template: string, params: TranslateParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = detectLang();
    applyLang(initial);
    return initial;
  });

  const setLang = useCallback((next: Lang) => {
    applyLang(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered across visits, but the switch still works for this session.
    }
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    return {
      lang,
      setLang,
      t: (key, params) => format(dict[key], params),
      pick: ({ nameZh, nameEn }) => (lang === 'zh-CN' ? nameZh || nameEn : nameEn || nameZh),
      has: (key): key is MessageKey => Object.prototype.hasOwnProperty.call(dict, key),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The UI language, the translate function `t` and helpers; only inside `I18nProvider`. */
export function useT(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useT() used outside <I18nProvider>');
  return i18n;
}
