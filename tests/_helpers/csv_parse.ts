/**
 * A strict RFC 4180 reader for tests: quoted fields may hold commas, quotes
 * (doubled) and line breaks; CRLF or LF ends a record. It exists so tests
 * check ax's CSV the way a spreadsheet would read it, not by splitting lines.
 */

/** The records of `text`, each a list of cells; a final line break is optional. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  let started = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        cell += c;
        i++;
      }
      continue;
    }
    if (c === '"' && cell === "") {
      quoted = true;
      started = true;
      i++;
    } else if (c === ",") {
      record.push(cell);
      cell = "";
      started = true;
      i++;
    } else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
      started = false;
      i += c === "\r" ? 2 : 1;
    } else {
      cell += c;
      started = true;
      i++;
    }
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (started || cell !== "") {
    record.push(cell);
    records.push(record);
  }
  return records;
}
