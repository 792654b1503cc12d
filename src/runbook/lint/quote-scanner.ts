/** Walks a script line by line, keeping the quote and here-document it is in; answers the offsets of a line's unquoted characters. */
export class QuoteScanner {
  private quote: string | null = null;
  private readonly hereDocs: { delimiter: string; stripTabs: boolean }[] = [];
  private inHereDoc = false;

  unquoted(text: string): number[] {
    if (this.inHereDoc) {
      const current = this.hereDocs[0]!;
      if ((current.stripTabs ? text.replace(/^\t+/, '') : text) === current.delimiter) this.hereDocs.shift();
      this.inHereDoc = this.hereDocs.length > 0;
      return [];
    }
    const offsets: number[] = [];
    for (let at = 0; at < text.length; at++) {
      const char = text[at]!;
      if (this.quote === "'") {
        if (char === "'") this.quote = null;
      } else if (char === '\\') at++;
      else if (this.quote === '"') {
        if (char === '"') this.quote = null;
      } else if (char === "'" || char === '"') this.quote = char;
      else if (char === '#' && (at === 0 || /[\s;|&(]/.test(text[at - 1]!))) break;
      else if (text.startsWith('<<', at) && !text.startsWith('<<<', at)) at += this.hereDoc(text.slice(at));
      else offsets.push(at);
    }
    this.inHereDoc = this.quote === null && this.hereDocs.length > 0;
    return offsets;
  }

  /** Records `<<EOF`, `<<-'EOF'`: its body starts on the next line. Answers how far to skip. */
  private hereDoc(rest: string): number {
    const match = /^<<(-?)\s*(['"]?)([\w.-]+)\2/.exec(rest);
    if (!match) return 1;
    this.hereDocs.push({ delimiter: match[3]!, stripTabs: match[1] === '-' });
    return match[0].length - 1;
  }
}
