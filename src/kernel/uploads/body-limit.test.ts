import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { handleError } from '../http/error-handler.ts';
import { uploadLimit } from './body-limit.ts';

const app = new Hono()
  .onError(handleError as never)
  .post('/api/upload', uploadLimit(1024), async (c) => c.json({ size: (await c.req.arrayBuffer()).byteLength }));

/** A chunked body of `chunks` x 512 bytes that counts how much of it was ever read. */
function countingBody(chunks: number) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === chunks) return controller.close();
      state.pulled++;
      controller.enqueue(new Uint8Array(512));
    },
  });
  return { stream, state };
}

describe('uploadLimit', () => {
  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const { stream, state } = countingBody(1000);
    const res = await app.request('/api/upload', {
      method: 'POST',
      body: stream,
      headers: { 'content-length': String(512 * 1000) },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toBe('The file must be 1 KB or smaller.');
    expect(state.pulled).toBeLessThanOrEqual(1);
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    const { stream, state } = countingBody(1000);
    const res = await app.request('/api/upload', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(state.pulled).toBeLessThan(10);
  });

  it('lets a body within the limit through whole', async () => {
    const { stream } = countingBody(2);
    const res = await app.request('/api/upload', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(await res.json()).toEqual({ size: 1024 });
  });
});
