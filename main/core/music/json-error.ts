/**
 * Where a text stops being valid JSON, as a line and column a person can find in
 * a text editor (both 1-based), and what is wrong there in plain words.
 * Used only after JSON.parse has refused the text, so it needs no values. Written here because
 * JSON.parse gives its place only inside engine-specific message text, worded for programmers.
 */
export interface JsonErrorPlace {
  line: number;
  column: number;
  problem: string;
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

export function locateJsonError(text: string): JsonErrorPlace | null {
  try {
    const scanner = new Scanner(text);
    scanner.skipSpace();
    scanner.value();
    scanner.skipSpace();
    if (scanner.pos < text.length) scanner.fail('there is more text after the end of the set');
    return null;
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ...lineAndColumn(text, error.offset), problem: error.problem };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the text';
  if (ch === '\n' || ch === '\r') return 'a line break';
  return `'${ch}'`;
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(problem: string, at = this.pos): never {
    throw new JsonSyntaxError(at, problem);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos] as string)) this.pos++;
  }

  value(): void {
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    if (ch === undefined) this.fail('the text ends where a value was expected');
    this.fail(`${describe(ch)} cannot start a value (text needs double quotes)`);
  }

  private object(): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"')
        this.fail(`expected a name in double quotes but found ${describe(this.text[this.pos])}`);
      this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':')
        this.fail(`expected ':' after the name but found ${describe(this.text[this.pos])}`);
      this.pos++;
      this.skipSpace();
      this.value();
      this.skipSpace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === '}') return;
      if (next !== ',') this.fail(`expected ',' or '}' but found ${describe(next)}`, this.pos - 1);
    }
  }

  private array(): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      this.value();
      this.skipSpace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === ']') return;
      if (next !== ',') this.fail(`expected ',' or ']' but found ${describe(next)}`, this.pos - 1);
    }
  }

  private string(): void {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos] as string;
      if (ch === '"') {
        this.pos++;
        return;
      }
      if (ch === '\\') {
        const esc = this.text[this.pos + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6)))
            this.fail('a \\u escape needs four hex digits');
          this.pos += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) this.pos += 2;
        else this.fail(`'\\${esc ?? ''}' is not a valid escape (write a backslash as '\\\\')`);
        continue;
      }
      if (ch < ' ') this.fail(`${describe(ch)} inside text (write it as an escape such as \\n)`);
      this.pos++;
    }
    this.fail('a text in double quotes is never closed', start);
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) this.fail('this is not a valid number');
    this.pos += match[0].length;
  }
}
