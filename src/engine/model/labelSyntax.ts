/**
 * Kubernetes' syntax rules for label keys and values (apimachinery's IsQualifiedName and
 * IsValidLabelValue), as plain-language problems: undefined when the text is valid.
 */

const NAME_MAX = 63;
const PREFIX_MAX = 253;

function isAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, checked in one pass over the text. */
function isNameSyntax(text: string): boolean {
  if (text.length === 0) return false;
  if (!isAlphanumeric(text.charCodeAt(0)) || !isAlphanumeric(text.charCodeAt(text.length - 1))) return false;
  for (let i = 1; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (!isAlphanumeric(c) && c !== 45 && c !== 95 && c !== 46) return false;
  }
  return true;
}

/** A DNS-1123 subdomain: lowercase labels of a-z, 0-9 and '-', joined by dots, up to 253 characters. */
function dnsSubdomainProblem(text: string): string | undefined {
  if (text.length === 0) return 'is empty';
  if (text.length > PREFIX_MAX) return `is longer than ${PREFIX_MAX} characters`;
  for (const part of text.split('.')) {
    if (part.length === 0) return 'has an empty part between dots';
    const first = part.charCodeAt(0);
    const last = part.charCodeAt(part.length - 1);
    const lowerAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
    if (!lowerAlnum(first) || !lowerAlnum(last))
      return 'must start and end each dot-separated part with a lowercase letter or digit';
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      if (!lowerAlnum(c) && c !== 45) return 'may hold only lowercase letters, digits, - and .';
    }
  }
  return undefined;
}

/** Why `key` is not a valid label key (an optional DNS-subdomain prefix and `/`, then a name). */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'has more than one /: a key is an optional prefix, a /, and a name';
  const name = parts.length === 2 ? (parts[1] ?? '') : key;
  if (parts.length === 2) {
    const prefixProblem = dnsSubdomainProblem(parts[0] ?? '');
    if (prefixProblem)
      return `has a prefix (before the /) that ${prefixProblem}; the prefix must be a DNS subdomain such as example.com`;
  }
  if (name.length === 0) return 'has an empty name';
  if (name.length > NAME_MAX) return `has a name longer than ${NAME_MAX} characters`;
  if (!isNameSyntax(name))
    return 'has a name that is not letters, digits, -, _ or ., starting and ending with a letter or digit';
  return undefined;
}

/** Why `value` is not a valid label value (empty, or up to 63 characters of the name syntax). */
export function labelValueProblem(value: string): string | undefined {
  if (value.length === 0) return undefined;
  if (value.length > NAME_MAX) return `is longer than ${NAME_MAX} characters`;
  if (!isNameSyntax(value))
    return 'is not letters, digits, -, _ or ., starting and ending with a letter or digit';
  return undefined;
}
