// Mocha's spec reporter, plus one plain closing line "N passed, N failed" that CI systems can read.
'use strict';
const Mocha = require('mocha');

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      // The VS Code runner adds these to its own counts for the run's total.
      const fs = require('node:fs');
      const path = require('node:path');
      const dir = path.join(__dirname, '..', 'out-test');
      const out = path.join(dir, 'summary-unit.json');
      fs.mkdirSync(dir, { recursive: true });
      // a new run: forget the VS Code suites' counts of an earlier one
      for (const f of fs.readdirSync(dir)) if (/^summary-.*\.json$/.test(f)) fs.rmSync(path.join(dir, f));
      // the run id (set by npm test) ties the counts of one run's steps together
      fs.writeFileSync(
        out,
        JSON.stringify({ run: process.env.CMRLINT_TEST_RUN ?? null, passed: s.passes, failed: s.failures, skipped: s.pending }),
      );
      process.stdout.write(`\n${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ''}\n`);
    });
  }
}

module.exports = SpecWithSummary;
