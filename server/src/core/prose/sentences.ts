/** Sentence boundaries in filing prose: a sentence ends at a line break or at a full stop followed by space. */

/** The [start, end) of the sentence around an offset. */
export function sentenceAt(text: string, at: number): [number, number] {
  let start = at;
  while (start > 0 && text[start - 1] !== '\n' && !(text[start - 1] === ' ' && text[start - 2] === '.')) start--;
  let end = at;
  while (end < text.length && text[end] !== '\n' && !(text[end] === '.' && /\s/.test(text[end + 1] ?? ' '))) end++;
  return [start, end];
}

/** Every sentence of the text, in order (empty ones skipped). */
export function sentences(text: string): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  let at = 0;
  while (at < text.length) {
    const [start, end] = sentenceAt(text, at);
    const s = text.slice(start, end);
    if (s.trim()) out.push({ text: s, start, end });
    at = end + 1;
    while (at < text.length && /\s/.test(text[at])) at++;
  }
  return out;
}
