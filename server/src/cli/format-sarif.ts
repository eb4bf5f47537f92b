/** SARIF 2.1.0 output (node/sarif.ts): the rules' metadata, one result per finding, files not linted as notifications. */
import { RULES } from '../core';
import { rulesDocsDir } from '../node/docs';
import { sarifLog } from '../node/sarif';
import { collected, Formatter } from './format';
import { Io, version } from './run';

export function sarifFormatter(io: Io): Formatter {
  const findings = collected();
  return {
    file: findings.file,
    end: (t) =>
      io.data(
        JSON.stringify(
          sarifLog({ rules: RULES, findings: findings.all, version: version(), docsDir: rulesDocsDir(), notLinted: t.notLintedFiles }),
          null,
          2,
        ),
      ),
  };
}
