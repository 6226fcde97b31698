// Upload checks of `npm run check:security` (issue 7, item 6), over real sockets against the server on
// 127.0.0.1: a body over the limit is refused with 413 before it is read (declared length and chunked), a
// file whose content is not its claimed type is refused, `../` in a name is neutralised, downloads are
// attachments with nosniff, and the per-person quota refuses the file that would pass it.
import { connect } from 'node:net';
import { desc, eq, sql } from 'drizzle-orm';
import type { Config } from '../src/config.ts';
import { startSession } from '../src/kernel/auth/sessions.ts';
import type { Database } from '../src/kernel/db/client.ts';
import { uploads } from '../src/kernel/uploads/schema.ts';
import { type UploadLimits, uploadLimitsOf } from '../src/kernel/uploads/store.ts';
import { multipart, sampleHtml, samplePdf } from '../test/support/files.ts';

const MB = 1024 * 1024;

/**
 * Send a POST by hand: the headers, then body bytes as fast as the socket takes them, until the server
 * answers or closes, or `maxBytes` are sent. Resolves with the status and how much of the body went out.
 */
function pushBody(
  base: string,
  path: string,
  headers: Record<string, string>,
  opts: { chunked: boolean; maxBytes: number },
): Promise<{ status: number; sentBytes: number; error: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let sent = 0;
    let answer = '';
    let done = false;
    let error = '';
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), sentBytes: sent, error });
    };
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      if (/\r\n\r\n/.test(answer)) finish();
    });
    // A server that answers early and closes may reset the connection under a writer: stop writing, and
    // read what it answered.
    socket.on('error', (err) => {
      error = (err as NodeJS.ErrnoException).code ?? String(err);
      setTimeout(finish, 500);
    });
    socket.on('close', finish);
    socket.on('connect', () => {
      const head = Object.entries({ ...headers, host: `${hostname}:${port}`, connection: 'close' })
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n');
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n\r\n`);
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      // One chunk at a time, yielding between them, so an early answer is read before the next write.
      const pump = () => {
        if (done || error || sent >= opts.maxBytes) return;
        const ok = socket.write(
          opts.chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk,
        );
        sent += chunk.length;
        if (ok) setImmediate(pump);
        else socket.once('drain', pump);
      };
      pump();
    });
    setTimeout(finish, 120_000).unref();
  });
}

export async function uploadChecks(base: string, database: Database, config: Config, failures: string[]) {
  const uploadLimits: UploadLimits = uploadLimitsOf(config);
  console.log('\n== Uploads (a portfolio’s evidence attachments, over real sockets) ==');
  const [open] = (
    (await database.db.execute(sql`select c.id as candidate_id, c.person_id, c.network_id, e.id as evidence_id
      from lp_candidates c join lp_portfolios p on p.candidate_id = c.id join lp_evidence e on e.portfolio_id = p.id
      where p.status in ('draft', 'resubmit') order by e.created_at limit 1`)) as unknown as {
      rows: { candidate_id: string; person_id: string; network_id: string; evidence_id: string }[];
    }
  ).rows;
  if (!open) return void failures.push('uploads: the demo data has no open portfolio with evidence to attach files to');
  const session = await startSession(database.db, open.person_id);
  const cookie = `alliance_session=${session.sessionId}`;
  const portfolio = `/networks/${open.network_id}/accreditation/portfolios/${open.candidate_id}`;
  const attachPath = `${portfolio}/evidence/${open.evidence_id}/files`;
  const attach = (name: string, type: string, bytes: Uint8Array) =>
    fetch(`${base}${attachPath}`, {
      method: 'POST',
      body: multipart({ _csrf: session.csrfToken }, { file: { name, type, bytes } }),
      headers: { cookie, origin: base },
      redirect: 'manual',
    });
  const check = (ok: boolean, what: string, detail: string) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${detail}`);
    if (!ok) failures.push(`uploads: ${what}: ${detail}`);
  };
  const headers = { cookie, origin: base, 'content-type': 'multipart/form-data; boundary=x' };

  // 1. Over the limit, declared: 1 GB announced, the answer must come before the body does.
  const rssBefore = process.memoryUsage().rss;
  // Only the first 64 KB are sent: an answer proves the server neither waited for nor read the rest.
  const declared = await pushBody(
    base,
    attachPath,
    { ...headers, 'content-length': String(1024 * MB) },
    { chunked: false, maxBytes: 64 * 1024 },
  );
  check(
    declared.status === 413,
    'a body declared at 1 GB',
    `${declared.status}${declared.error ? ` (${declared.error})` : ''} after ${(declared.sentBytes / 1024).toFixed(0)} KB sent`,
  );
  // 2. Over the limit, chunked (no length): counted as it streams and cut at the limit.
  const chunked = await pushBody(base, attachPath, { ...headers, 'transfer-encoding': 'chunked' }, { chunked: true, maxBytes: 1024 * MB });
  const rssGrowth = (process.memoryUsage().rss - rssBefore) / MB;
  check(
    chunked.status === 413 && chunked.sentBytes < 64 * MB,
    'a chunked body of up to 1 GB',
    `${chunked.status}${chunked.error ? ` (${chunked.error})` : ''} after ${(chunked.sentBytes / MB).toFixed(1)} MB sent (limit ${uploadLimits.maxFileBytes / MB} MB); server memory grew ${rssGrowth.toFixed(0)} MB`,
  );

  // 3. Content that is not the claimed type.
  const html = await attach('report.pdf', 'application/pdf', sampleHtml());
  const htmlText = await html.text();
  check(
    html.status === 400 && htmlText.includes('its content is text or HTML, not a PDF'),
    'HTML named report.pdf',
    `${html.status}${htmlText.includes('not a PDF') ? ', with the reason' : ''}`,
  );

  // 4. `../` in the name, then the download.
  const sneaky = await attach('../../../etc/passwd.pdf', 'application/pdf', samplePdf());
  const [stored] = await database.db
    .select()
    .from(uploads)
    .where(eq(uploads.ownerId, open.person_id))
    .orderBy(desc(uploads.createdAt))
    .limit(1);
  check(
    sneaky.status === 303 && stored?.fileName === 'passwd.pdf',
    'a PDF named ../../../etc/passwd.pdf',
    `${sneaky.status}, kept as ${JSON.stringify(stored?.fileName)}`,
  );
  if (stored) {
    const download = await fetch(`${base}${portfolio}/files/${stored.id}`, { headers: { cookie } });
    const disposition = download.headers.get('content-disposition') ?? '';
    const nosniff = download.headers.get('x-content-type-options');
    await download.arrayBuffer();
    check(
      download.status === 200 && disposition.startsWith('attachment; filename="passwd.pdf"') && nosniff === 'nosniff',
      'its download',
      `${download.status}, ${download.headers.get('content-type')}, Content-Disposition: ${disposition}, X-Content-Type-Options: ${nosniff}`,
    );
  }

  // 5. The quota: with all but a few bytes of the person's allowance used, the next file is refused.
  const [filler] = await database.db
    .insert(uploads)
    .values({
      ownerId: open.person_id,
      networkId: open.network_id,
      fileName: 'filler.pdf',
      contentType: 'application/pdf',
      sizeBytes: uploadLimits.quotaBytes - 10,
      sha256: '0'.repeat(64),
    })
    .returning();
  try {
    const over = await attach('one-more.pdf', 'application/pdf', samplePdf());
    const overText = await over.text();
    check(
      over.status === 409 && overText.includes('remove some before adding this one'),
      `a file past the ${uploadLimits.quotaBytes / MB} MB quota`,
      `${over.status}${overText.includes('remove some') ? ', saying how much is used' : ''}`,
    );
  } finally {
    await database.db.delete(uploads).where(eq(uploads.id, filler!.id));
  }
}
