import { useCallback, useEffect, useRef, useState } from 'react';
import { queueEn } from '../../i18n/queue.en';
import { queueZhCN } from '../../i18n/queue.zh-CN';

/*
 * Spoken calls on the display board: a chime, then "请 A023 号到 3 号窗口", then (on an English
 * board) the same in English. Browsers only make sound after a user gesture, so the board starts
 * silent and a visible button turns the announcements on.
 */

const ZH_DIGITS = '零一二三四五六七八九';

/** A023 → "A 零 二 三": digit by digit, as a branch's announcer reads a ticket number. */
export function spokenNumber(number: string, lang: 'zh' | 'en'): string {
  const chars = number.split('');
  return lang === 'zh' ? chars.map((c) => (/\d/.test(c) ? ZH_DIGITS[Number(c)] : c)).join(' ') : chars.join(' ');
}

/** What is said for a call, in each language the board speaks. */
export function callSentences(number: string, counter: number, english: boolean): { lang: string; text: string }[] {
  const fill = (template: string, n: string) => template.replace('{number}', n).replace('{counter}', String(counter));
  const zh = { lang: 'zh-CN', text: fill(queueZhCN['queue.speech.call'], spokenNumber(number, 'zh')) };
  return english ? [zh, { lang: 'en-GB', text: fill(queueEn['queue.speech.call'], spokenNumber(number, 'en')) }] : [zh];
}

function voiceFor(lang: string): SpeechSynthesisVoice | undefined {
  const voices = window.speechSynthesis.getVoices();
  const base = lang.slice(0, 2);
  return voices.find((v) => v.lang === lang) ?? voices.find((v) => v.lang.toLowerCase().startsWith(base));
}

function speak(sentence: { lang: string; text: string }): Promise<void> {
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(sentence.text);
    utterance.lang = sentence.lang;
    utterance.rate = sentence.lang.startsWith('zh') ? 0.9 : 0.95;
    const voice = voiceFor(sentence.lang);
    if (voice) utterance.voice = voice;
    // a voice that never reports its end must not block the calls after it
    const guard = setTimeout(resolve, 12_000);
    utterance.onend = utterance.onerror = () => {
      clearTimeout(guard);
      resolve();
    };
    window.speechSynthesis.speak(utterance);
  });
}

/** Two soft tones (ding-dong) before a call, so that people look up before the words start. */
function chime(audio: AudioContext): Promise<void> {
  const tone = (frequency: number, start: number) => {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, audio.currentTime + start);
    gain.gain.exponentialRampToValueAtTime(0.35, audio.currentTime + start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + start + 0.9);
    osc.connect(gain).connect(audio.destination);
    osc.start(audio.currentTime + start);
    osc.stop(audio.currentTime + start + 1);
  };
  tone(880, 0);
  tone(660, 0.45);
  return new Promise((resolve) => setTimeout(resolve, 1300));
}

export type Announcer = {
  supported: boolean;
  enabled: boolean;
  /** Must run in a click handler: the gesture is what lets the page make sound. */
  enable: () => void;
  disable: () => void;
  announce: (number: string, counter: number, english: boolean) => void;
};

export function useAnnouncer(): Announcer {
  const supported = typeof window !== 'undefined' && 'speechSynthesis' in window;
  const [enabled, setEnabled] = useState(false);
  const audio = useRef<AudioContext | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const on = useRef(false);

  useEffect(() => () => {
    on.current = false;
    if (supported) window.speechSynthesis.cancel();
    void audio.current?.close();
  }, [supported]);

  const enable = useCallback(() => {
    if (!supported) return;
    try {
      audio.current ??= new AudioContext();
      void audio.current.resume();
    } catch {
      audio.current = null; // no Web Audio: calls are spoken without the chime
    }
    // an empty utterance inside the gesture unlocks speech for the calls that come later
    window.speechSynthesis.speak(new SpeechSynthesisUtterance(''));
    on.current = true;
    setEnabled(true);
  }, [supported]);

  const disable = useCallback(() => {
    on.current = false;
    if (supported) window.speechSynthesis.cancel();
    setEnabled(false);
  }, [supported]);

  const announce = useCallback((number: string, counter: number, english: boolean) => {
    if (!on.current) return;
    const sentences = callSentences(number, counter, english);
    queue.current = queue.current.then(async () => {
      if (!on.current) return;
      if (audio.current) await chime(audio.current).catch(() => undefined);
      for (const sentence of sentences) if (on.current) await speak(sentence);
    });
  }, []);

  return { supported, enabled, enable, disable, announce };
}
