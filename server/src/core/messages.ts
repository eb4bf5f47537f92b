/** Helpers for writing finding messages, shared by the analysis and the rules. */

/** A value quoted for a message, shortened to `max` characters. */
export function quote(s: string, max = 80): string {
  return `'${s.length > max ? s.slice(0, max - 3) + '...' : s}'`;
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
