import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { useStore } from '../../state/store.ts';
import { en } from './en.ts';
import { zhCN } from './zhCN.ts';

/**
 * Interface strings in English and Simplified Chinese, with i18next (plurals by CLDR rules,
 * interpolation, a React binding that re-renders on a language switch). Engine text (rule-by-rule
 * explanations, diagnostics, findings) is English for now; the interface composes its own
 * sentences (verdict headlines, labels, counts) from keys here.
 */
export const LANGUAGES = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '简体中文' },
] as const;
export type Language = (typeof LANGUAGES)[number]['id'];

const STORAGE_KEY = 'reachlab.language';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((l) => l.id === value);
}

/** The saved choice, else the browser's first language we speak, else English. */
export function detectLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // storage blocked: fall through to the browser's languages
  }
  const wanted = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of wanted) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function setLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  useStore.getState().setLanguage(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not saved: the choice still holds for this page
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

export function initI18n(language: Language = detectLanguage()): void {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = language;
  useStore.getState().setLanguage(language);
  // A link or a saved state may carry a language: follow it.
  useStore.subscribe((state) => {
    if (isLanguage(state.language) && state.language !== i18next.language)
      void i18next.changeLanguage(state.language);
  });
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
}

export const t = i18next.t.bind(i18next);
