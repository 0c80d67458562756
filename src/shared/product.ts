import packageJson from '../../package.json';

export const VERSION: string = packageJson.version;
export const REPOSITORY_URL: string = packageJson.repository.url.replace(/\.git$/, '');

/** Where a rule's documentation lives in the repository (the codeDescription link). */
export function ruleDocUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/src/rules/${ruleId}.md`;
}
