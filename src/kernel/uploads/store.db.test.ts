import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { samplePdf, samplePng } from '../../../test/support/files.ts';
import { makeNetwork, makePerson } from '../../seed/factories.ts';
import type { Database } from '../db/client.ts';
import { HttpError } from '../http/errors.ts';
import { findUpload, storeUpload, uploadBytes, usedBytes } from './store.ts';

let database: Database;
let ownerId: string;
let networkId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  ownerId = (await makePerson(database.db)).id;
  networkId = (await makeNetwork(database.db)).id;
});
afterAll(() => database.close());

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => (err instanceof HttpError ? { status: err.status, message: err.fields?.[0]?.message } : err),
  );

describe('storeUpload', () => {
  it('keeps the bytes by id under a cleaned name, with the sniffed type, and gives them back intact', async () => {
    const bytes = samplePng();
    const row = await storeUpload(database.db, { ownerId, networkId, fileName: '../../secret/photo.png', bytes });
    expect(row).toMatchObject({ fileName: 'photo.png', contentType: 'image/png', sizeBytes: bytes.byteLength });
    expect(await findUpload(database.db, row.id)).toMatchObject({ id: row.id });
    expect(Array.from((await uploadBytes(database.db, row.id))!)).toEqual(Array.from(bytes));
  });

  it('refuses a file over the size limit and one past the owner quota, saying why', async () => {
    const limits = { maxFileBytes: 100, quotaBytes: 10_000 };
    expect(
      await refusal(storeUpload(database.db, { ownerId, networkId, fileName: 'big.pdf', bytes: new Uint8Array(101) }, limits)),
    ).toEqual({
      status: 413,
      message: 'The file must be 1 KB or smaller',
    });
    const pdf = samplePdf();
    const used = await usedBytes(database.db, ownerId);
    const tight = { maxFileBytes: 10_000, quotaBytes: used + pdf.byteLength };
    await storeUpload(database.db, { ownerId, networkId, fileName: 'one.pdf', bytes: pdf }, tight);
    const second = await refusal(storeUpload(database.db, { ownerId, networkId, fileName: 'two.pdf', bytes: pdf }, tight));
    expect(second).toMatchObject({ status: 409, message: expect.stringContaining('remove some before adding this one') });
  });

  it('refuses an empty file', async () => {
    expect(await refusal(storeUpload(database.db, { ownerId, networkId, fileName: 'x.pdf', bytes: new Uint8Array() }))).toMatchObject({
      status: 400,
    });
  });
});
