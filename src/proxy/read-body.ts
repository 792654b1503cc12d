// Reads a request body as JSON, refusing more than limitBytes (413) without
// buffering the excess: the rest is read and discarded so the response can
// still be delivered.
import type { IncomingMessage } from 'node:http';
import { apiError } from './errors.ts';

export const defaultMaxBodyBytes = 1 << 20;

export function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  return readText(request, limitBytes).then((text) => {
    if (text.trim() === '') throw apiError('badRequestBody', 'the body is empty; expected JSON');
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw apiError('badRequestBody', `malformed JSON: ${(error as Error).message}`);
    }
  });
}

function readText(request: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limitBytes) {
    request.resume();
    return Promise.reject(apiError('bodyTooLarge', limitBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
      else if (chunks.length > 0) {
        chunks.length = 0;
        reject(apiError('bodyTooLarge', limitBytes));
      }
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
