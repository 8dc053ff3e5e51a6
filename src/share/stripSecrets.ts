import yaml from 'js-yaml';
import { splitDocuments } from '../engine/parse/splitDocuments.ts';

export interface StripReport {
  secrets: number;
  configMaps: number;
}

type Found = { secrets: number; configMaps: number };

/** Removes Secrets and ConfigMap data from a parsed object tree (Lists included); counts them. */
function strip(value: unknown, found: Found): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const object = value as Record<string, unknown>;
  if (object.kind === 'Secret') {
    found.secrets++;
    return undefined;
  }
  if (object.kind === 'ConfigMap' && ('data' in object || 'binaryData' in object)) {
    found.configMaps++;
    const { data: _data, binaryData: _binary, ...rest } = object;
    return rest;
  }
  if (Array.isArray(object.items)) {
    const items = object.items.map((item) => strip(item, found)).filter((item) => item !== undefined);
    return { ...object, items };
  }
  return object;
}

/**
 * What may leave the machine in a link or a state file: every source with its Secrets removed
 * and the data of its ConfigMaps dropped. Documents without either keep their exact text; a
 * document that changes is written out again, with a comment saying what was taken out. A
 * document that cannot be parsed but mentions a Secret is dropped whole, to be safe.
 */
export function stripSecrets(sources: readonly { name: string; text: string }[]): {
  sources: { name: string; text: string }[];
  report: StripReport;
} {
  const report: StripReport = { secrets: 0, configMaps: 0 };
  const cleaned = sources.map((source) => {
    const isJson = /^\s*[[{]/.test(source.text);
    const documents = splitDocuments(source.text);
    let changed = false;
    const texts = documents.map((document) => {
      let value: unknown;
      try {
        value = yaml.load(document.text);
      } catch {
        if (/\bkind:\s*["']?Secret\b|"kind"\s*:\s*"Secret"/.test(document.text)) {
          changed = true;
          report.secrets++;
          return '# A document that could not be read and looked like a Secret was left out when sharing.\n';
        }
        return document.text;
      }
      const found: Found = { secrets: 0, configMaps: 0 };
      const result = strip(value, found);
      if (found.secrets === 0 && found.configMaps === 0) return document.text;
      changed = true;
      report.secrets += found.secrets;
      report.configMaps += found.configMaps;
      const note = `# Reachlab left out ${[found.secrets ? `${found.secrets} Secret(s)` : '', found.configMaps ? `the data of ${found.configMaps} ConfigMap(s)` : ''].filter(Boolean).join(' and ')} when sharing.\n`;
      if (result === undefined) return note;
      return isJson
        ? JSON.stringify(result, null, 2)
        : note + yaml.dump(result, { lineWidth: -1, noRefs: true });
    });
    if (!changed) return { name: source.name, text: source.text };
    return {
      name: source.name,
      text: isJson ? texts.join('\n') : texts.map((t) => `---\n${t.replace(/\n?$/, '\n')}`).join(''),
    };
  });
  return { sources: cleaned, report };
}

export function describeStrip(report: StripReport): string | null {
  const parts = [
    report.secrets ? `${report.secrets} Secret${report.secrets === 1 ? '' : 's'}` : '',
    report.configMaps
      ? `the data of ${report.configMaps} ConfigMap${report.configMaps === 1 ? '' : 's'}`
      : '',
  ].filter(Boolean);
  return parts.length
    ? `Left out of what you share: ${parts.join(' and ')}. Reachability does not depend on them.`
    : null;
}
