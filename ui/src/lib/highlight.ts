// Which lines of a file carry which marks: license findings and copyright statements.

import type { Region } from "../bindings";

export interface LineMark {
  license: boolean;
  copyright: boolean;
  falsePositive: boolean;
  /** Regions that start on this line (labels shown in the gutter). */
  starts: Region[];
}

/** Marks for lines 1..lineCount (index 0 is line 1). Regions outside the text are clamped. */
export function lineMarks(lineCount: number, regions: Region[]): LineMark[] {
  const marks: LineMark[] = Array.from({ length: lineCount }, () => ({
    license: false,
    copyright: false,
    falsePositive: false,
    starts: [],
  }));
  for (const r of regions) {
    const from = Math.max(1, r.start_line);
    const to = Math.min(lineCount, Math.max(r.end_line, r.start_line));
    if (from > lineCount) continue;
    marks[from - 1].starts.push(r);
    for (let line = from; line <= to; line++) {
      const m = marks[line - 1];
      if (r.kind === "copyright") m.copyright = true;
      else if (r.false_positive) m.falsePositive = true;
      else m.license = true;
    }
  }
  return marks;
}

/** Split text into lines the way the scanner counts them (a trailing newline ends the last line). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
