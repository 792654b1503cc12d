/** Runbooks of about 10 MB for the parser: one well-formed, and shapes that stress Markdown parsers. */

/** A runbook of `bytes` characters of ordinary sections, each with one step; also returns how many steps it has. */
export function largeRunbook(bytes = 10 * 1024 * 1024): { text: string; steps: number } {
  const section = (i: number) =>
    `## Section ${i}\n\nSome prose about **step ${i}** with [a link](http://x) and \`code\`.\n\n\`\`\`bash {id=s.${i}}\necho ${i}\n\`\`\`\n\n`;
  const parts = ['# Big\n\n**Version**: 1.0.0\n\n'];
  for (let size = 0; size < bytes; ) {
    parts.push(section(parts.length - 1));
    size += parts.at(-1)!.length;
  }
  return { text: parts.join(''), steps: parts.length - 1 };
}

/** About 10 MB each of backticks, nested quotes, unclosed emphasis and links, and empty fences. */
export function pathologicalRunbooks(): { name: string; text: string }[] {
  return [
    { name: 'backticks', text: '`'.repeat(10 * 1024 * 1024) },
    { name: 'nested quotes', text: '> '.repeat(5 * 1024 * 1024) },
    { name: 'unclosed emphasis and links', text: '[*_'.repeat(3_500_000) },
    { name: 'empty fences', text: '```\n'.repeat(2_600_000) },
  ];
}
