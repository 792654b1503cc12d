// The rest of a request body the API will not use (over the size limit, or
// a request refused before its body was read) is read and thrown away after
// the response, so a client that reads its response only once it has sent
// everything still gets it. Closing instead, with the client's data unread,
// makes the kernel reset the connection: the client, still writing, saw EPIPE
// or ECONNRESET and never the 413.
//
// Bounded: past drainLimitBytes more, or drainLimitMs, the server half-closes
// (the client has the response and then end of stream) and drops the
// connection lingerMs later.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const drainLimitBytes = 16 << 20;
export const drainLimitMs = 10_000;
const lingerMs = 1000;

export function drainBody(request: IncomingMessage, response: ServerResponse): void {
  if (request.complete) return;
  let drained = 0;
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > drainLimitBytes) giveUp();
  };
  const settled = () => {
    clearTimeout(timer);
    request.off('data', onData);
  };
  const giveUp = () => {
    settled();
    if (response.writableFinished) closeAfterLinger(request);
    else response.once('finish', () => closeAfterLinger(request));
  };
  const timer = setTimeout(giveUp, drainLimitMs).unref();
  request.on('data', onData);
  request.once('end', settled);
  request.once('close', settled);
  request.resume();
}

function closeAfterLinger(request: IncomingMessage): void {
  const socket = request.socket;
  socket.end();
  const timer = setTimeout(() => socket.destroy(), lingerMs).unref();
  socket.once('close', () => clearTimeout(timer));
}
