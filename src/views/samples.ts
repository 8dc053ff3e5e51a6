export interface Sample {
  id: string;
  fileName: string;
  title: string;
  description: string;
  text: string;
}

/** Reads a sample's `# title:` and `# description:` header comments. */
export function describeSample(fileName: string, text: string): Sample {
  const title = /^# title: (.+)$/m.exec(text)?.[1]?.trim() ?? fileName;
  const description = /^# description: (.+)$/m.exec(text)?.[1]?.trim() ?? '';
  return { id: fileName.replace(/\.ya?ml$/, ''), fileName, title, description, text };
}

/** The sample a first-time user sees: the most telling small one. */
export const DEFAULT_SAMPLE_ID = 'three-tier';
