// A reviewer's layout choices, kept on this machine (the webview's local storage). Never
// decisions: those live in the review file. Storage that refuses (full, disabled) loses the
// choice when the app closes, nothing else.

export function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Refused: the choice holds until the app closes.
  }
}
