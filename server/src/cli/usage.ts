/** The help texts of `cmrlint --help` and `cmrlint aggregate --help` (`cmrlint annex --help`: cli/annex.ts). */
export const USAGE = `Usage: cmrlint [options] FILE|FOLDER...
       cmrlint aggregate [options] FILE|FOLDER...   (merge suppliers' lists: cmrlint aggregate --help)
       cmrlint annex [options] FILE|FOLDER...       (the CMR's smelter annex: cmrlint annex --help)

Lints SEC Form SD / Conflict Minerals Report filings (.txt, .md), smelter lists (.csv, .tsv) and
suppliers' CMRT workbooks (.xlsx: their Smelter List, checked against the workbook's own revision);
any other workbook (a consolidated export, a customer's own list) by the smelter tables its sheets hold.
A FOLDER stands for the lists, workbooks and filings under it, symbolic links to files included (a
workbook without a smelter table, a CSV without one, a link to a folder or to nothing are skipped
with a note).

Options:
  --format text|json|sarif|github
                               output format (default: text; sarif: SARIF 2.1.0 for code scanning;
                               github: GitHub Actions annotations, 10 per level, the most severe first)
  --sarif FILE                 also write SARIF 2.1.0 to FILE (replaced whole)
  --max-warnings N             exit 1 also when there are more than N warnings (0: any warning fails)
  --summary FILE               also append a Markdown summary (findings per file and rule) to FILE, as
                               GitHub's $GITHUB_STEP_SUMMARY
  --country-style auto|cmrt|iso
                               how country names should be written (default: the project's
                               .cmrlint.json, else auto: the style most country cells of the file use)
  --rule ID=SEVERITY           set a rule's severity: off, hint, info, warning or error (repeatable;
                               on top of the "rules" of .cmrlint.json)
  --config FILE                use this .cmrlint.json instead of searching for one
  --reference FILE             your CMRT workbook (.xlsx; its "Smelter Look-up" sheet, in any of the
                               template's languages) or that sheet saved as CSV:
                               CIDs are checked against it, and CIDs it does not hold are reported
                               (repeatable: the files are merged). Without it, the .cmrlint.json
                               reference, else RMI's list from the newest verified CMRT among the
                               files, else the bundled list; the last lines say which
  --status FILE                RMI's Conformant and Active lists (.xlsx, .csv or RMI's XML download):
                               counts of RMAP conformant or active smelters stated in a filing are
                               checked against them (default: the project's "status")
  --fix                        apply the safe fixes in place (official country names, the file's
                               majority spelling, CID normalisation, deleting exact duplicate rows;
                               the same fix-all as the editor), then report what remains; a file is
                               replaced whole or not at all
  --verbose                    say what was read of each file: its smelter tables (where), how each
                               column was mapped (role, header, column, by header or by content), rows
                               read per metal, lines not read as rows and why, the template and revision
                               of a workbook, the reference used. With --format json the output becomes
                               {"version": 1, "files": [{"file", "read", "findings"}], "notLinted"}
                               instead of the array of findings
  --list-rules                 print the rules and exit
  --debug                      print the stack of an internal error (also CMRLINT_DEBUG=1)
  -h, --help                   print this help and exit
  -v, --version                print the version and exit

Project configuration: the .cmrlint.json at the repository root (or the current folder outside a
repository; one in a subfolder only when the root's says "nested": true, else it is named and not used):
its "rules", "countryStyle", "reference", "status" and "ignore" apply, with the options above on top —
the same resolution as the editor's (docs/trust.md).

In text output, control characters, escape sequences and bidi controls of file names and cells are
printed escaped (\\u001b, \\u202e, \\n); JSON and SARIF hold them exactly.

Exit status: 0 no error-severity finding, 1 at least one (or more warnings than --max-warnings), 2 usage error or a file that could not be
read or linted (the other files are still linted).`;

export const AGGREGATE_USAGE = `Usage: cmrlint aggregate [options] FILE|FOLDER...

Merges suppliers' smelter lists (CMRT workbooks, their CSV exports, CSV/TSV lists, filings' tables) into
one smelter table: one row per smelter and metal, keyed by CID, then by the reference's standard name and
aliases, then by the normalised name and metal, with where each smelter was reported and by how many
suppliers. Smelters placed in two countries, CIDs given to two smelters and smelters given two CIDs are
listed as conflicts with both sides' files and cells. A summary (smelters per metal and country, in the
Covered Countries, placeholders, suppliers without a usable list, files skipped as no supplier's list and
why) is printed. A table cmrlint aggregate wrote (known by its header row) is never read as a supplier's
list: it is skipped with a note.

Options:
  -o, --output FILE            write the table to FILE (.tsv, .csv, .json or .xlsx; the summary is printed);
                               without it the table goes to standard output and the summary to standard error.
                               FILE is replaced whole or not at all, and may not be one of the inputs
  --format tsv|csv|json|xlsx   the output format (default: from the output file's name, else tsv)
  --reference FILE             RMI's list (a CMRT workbook or its Smelter Look-up saved as CSV): names and
                               CIDs are resolved against it (repeatable). Without it, the project's
                               .cmrlint.json reference, else RMI's list of the newest revision among the
                               suppliers' CMRTs (each carries its revision's list), else the bundled list
  --status FILE                RMI's Conformant and Active lists (.xlsx, .csv or RMI's XML download): an
                               RMAP Status column and per-metal counts (default: the project's "status")
  --as-of YYYY-MM-DD           the date statuses and re-audits are judged at (default: today)
  --previous FILE              last season's merged table (this command's .json, .tsv, .csv or .xlsx, or any
                               smelter list): a Change Since Previous column (added, renamed, RMAP status
                               changed) and, in the summary, the smelters no longer reported
  --letters DIR                write one Markdown letter per supplier file into DIR: what to correct, at
                               its sheet and cell, most important first (files with nothing to correct get none)
  --config FILE                use this .cmrlint.json instead of searching for one
  --debug                      print the stack of an internal error (also CMRLINT_DEBUG=1)
  -h, --help                   print this help and exit

Exit status: 0 the table was written, 2 usage error, an unreadable file given by name, a file that could
not be read for an internal error, or the output could not be written.`;
