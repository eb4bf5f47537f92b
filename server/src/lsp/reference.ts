/** The reference list in use for a file, and why: what the status item and the summary say about it. */
import * as path from 'node:path';
import type { ResolvedOptions } from '../node/options';
import type { ReferenceInUse } from '../protocol';

/**
 * As the resolution says it (node/options.ts referenceInUse: setting, config, workspace, bundled, verified or
 * not), except that a list the configuration names which Restricted Mode kept from being read is named.
 */
export function referenceInUse(resolved: Pick<ResolvedOptions, 'reference' | 'referenceFile'>, trusted: boolean): ReferenceInUse {
  const named = resolved.referenceFile;
  if (named && !trusted)
    return {
      label: `bundled list (Restricted Mode: ${path.basename(named.file)} is not read)`,
      source: 'restricted',
      file: named.file,
      verified: false,
    };
  return resolved.reference;
}
