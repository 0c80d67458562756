// Bundled and run by the build (build.mjs) to write src/cli/rule-catalog.json.
import { ALL_RULES } from '../rules';
import { catalogEntry } from '../cli/rule-catalog-entry';

export const catalog = ALL_RULES.map(catalogEntry);
