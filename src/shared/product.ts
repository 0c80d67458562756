// Named imports: the bundles then hold these two fields of package.json, not all of it.
import { repository, version } from '../../package.json';

export const VERSION: string = version;
export const REPOSITORY_URL: string = repository.url.replace(/\.git$/, '');

/** Where a rule's documentation lives in the repository (the codeDescription link). */
export function ruleDocUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/src/rules/${ruleId}.md`;
}
