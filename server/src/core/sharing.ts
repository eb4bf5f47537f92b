/**
 * Work shared between rows that are alike: rows of one line text read once (RawRow.kind), rows alike in what
 * a rule reads judged once (engine.ts), and rows alike in what row-near-duplicate compares searched once. The
 * tests set `kindLines` to 0 and `alikeRows` to false to compare with every row read and judged on its own,
 * and `verify` to check every shared verdict (see engine.ts).
 */
export const sharing = {
  /** Distinct tab lines remembered while reading a text: past this many, further lines get kinds of their own. */
  kindLines: 50_000,
  /** row-near-duplicate searches the anchor of a row once for rows alike. */
  alikeRows: true,
  /**
   * The engine judges every row again and compares its verdict with the one its class shares, and lets a
   * judgement read only the cells it declares: a rule whose verdicts are not the same for alike rows fails.
   */
  verify: false,
};
