/** The reference list in use for a file, and why: what the status item and the summary say about it. */
import * as path from 'node:path';
import type { ResolvedOptions } from '../node/options';
import type { ReferenceInUse } from '../protocol';

export function referenceInUse(resolved: Pick<ResolvedOptions, 'lint' | 'referenceFile'>, trusted: boolean): ReferenceInUse {
  const info = resolved.lint.reference?.info;
  const named = resolved.referenceFile;
  if (named && !trusted)
    return {
      label: `bundled list (Restricted Mode: ${path.basename(named.file)} is not read)`,
      source: 'restricted',
      file: named.file,
      verified: false,
    };
  if (named?.read && info)
    return {
      label: `${info.source}${info.revision ? ` (CMRT ${info.revision})` : ''}`,
      source: named.from,
      file: named.file,
      ...(info.revision ? { revision: info.revision } : {}),
      verified: info.complete,
    };
  // none named, or the named one could not be read (said once in a notification): the bundled list
  return { label: info?.source ?? 'bundled list', source: 'bundled', ...(named ? { file: named.file } : {}), verified: false };
}
