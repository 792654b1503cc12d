// Reads a request body as JSON, refusing more than limitBytes (413) without
// buffering the excess, and JSON nested deeper than maxJsonDepth (400)
// before parsing it.
import type { IncomingMessage } from 'node:http';
import { apiError } from './errors.ts';

export const defaultMaxBodyBytes = 1 << 20;

/**
 * The API's own bodies are three levels deep at most (populate: a list of
 * proxies). Deeper ones are refused before JSON.parse: 800 kB of `[[[…]]]`
 * parses into some 17 MB of arrays, and anything that walks them recursively
 * overflows the stack.
 */
export const maxJsonDepth = 32;

export function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  return readText(request, limitBytes).then((text) => {
    if (text.trim() === '') throw apiError('badRequestBody', 'the body is empty; expected JSON');
    if (nestedDeeperThan(text, maxJsonDepth)) {
      throw apiError('badRequestBody', `JSON nested deeper than ${maxJsonDepth} levels (the limit)`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw apiError('badRequestBody', `malformed JSON: ${(error as Error).message}`);
    }
  });
}

/** Whether the brackets outside strings nest deeper than `limit`; exact for valid JSON, which is all that gets parsed. */
export function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      if (++depth > limit) return true;
    } else if (char === ']' || char === '}') depth--;
  }
  return false;
}

/** The body as text; past limitBytes it keeps reading (the server drains the rest, see drain-body.ts) but keeps nothing. */
function readText(request: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limitBytes) return Promise.reject(apiError('bodyTooLarge', limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) return void chunks.push(chunk);
      chunks.length = 0;
      request.off('data', onData);
      reject(apiError('bodyTooLarge', limitBytes));
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
