// License id completion inside an SPDX expression: the word being typed at the cursor, and
// the text with that word replaced by a chosen id.

const OPERATORS = new Set(["AND", "OR", "WITH"]);

export interface Token {
  start: number;
  end: number;
  word: string;
}

/** The id-like word around `cursor` (letters, digits, `.`, `-`, `+`), or null on an operator or gap. */
export function tokenAt(text: string, cursor: number): Token | null {
  const isId = (c: string) => /[A-Za-z0-9.\-+:]/.test(c);
  let start = cursor;
  while (start > 0 && isId(text[start - 1])) start--;
  let end = cursor;
  while (end < text.length && isId(text[end])) end++;
  const word = text.slice(start, end);
  if (!word || OPERATORS.has(word.toUpperCase())) return null;
  return { start, end, word };
}

/** Replace the token with `id`; answers the new text and cursor. */
export function applyChoice(text: string, token: Token, id: string): { text: string; cursor: number } {
  const next = text.slice(0, token.start) + id + text.slice(token.end);
  return { text: next, cursor: token.start + id.length };
}
