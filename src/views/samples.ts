export interface Sample {
  id: string;
  fileName: string;
  title: string;
  description: string;
  text: string;
  /** Title and description in other languages, from `# title.LANG:` and `# description.LANG:`. */
  translations: Record<string, { title: string; description: string }>;
}

/** Reads a sample's `# title:` and `# description:` header comments (and their translations). */
export function describeSample(fileName: string, text: string): Sample {
  const title = /^# title: (.+)$/m.exec(text)?.[1]?.trim() ?? fileName;
  const description = /^# description: (.+)$/m.exec(text)?.[1]?.trim() ?? '';
  const translations: Sample['translations'] = {};
  for (const match of text.matchAll(/^# title\.([A-Za-z-]+): (.+)$/gm)) {
    const language = match[1] as string;
    const translated = new RegExp(`^# description\\.${language}: (.+)$`, 'm').exec(text)?.[1]?.trim();
    translations[language] = { title: (match[2] as string).trim(), description: translated ?? description };
  }
  return { id: fileName.replace(/\.ya?ml$/, ''), fileName, title, description, text, translations };
}

/** The sample a first-time user sees: the most telling small one. */
export const DEFAULT_SAMPLE_ID = 'three-tier';
