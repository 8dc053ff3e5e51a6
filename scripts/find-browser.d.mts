export interface FoundBrowser {
  path?: string;
  source?: string;
  problem?: string;
}
export function systemLocations(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string[];
export function findBrowser(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): FoundBrowser | null;
export function ensureBrowser(env?: NodeJS.ProcessEnv): Promise<number>;
export const NOTHING_FOUND: string;
