import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { throwawayCluster, type ThrowawayCluster } from '../support/clinic-db';
import { clinicEvents, clinicRoom } from '../support/clinic-room';
import { PINS, seedStaff, sign } from '../support/staff';

/** The clinic database receives the therapist's approval of the integration summary as a signed event, like every other. */
let cluster: ThrowawayCluster;
let owner: pg.Client;
const open: ReturnType<typeof clinicRoom>[] = [];

beforeAll(async () => {
  cluster = await throwawayCluster();
  owner = await cluster.owner();
}, 120_000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});
afterAll(async () => {
  await cluster?.destroy();
});

describe('the integration summary in the clinic database', () => {
  it("arrives with the therapist's name, role and what the signature means, never the PIN", async () => {
    const login = await cluster.addRoom('Room 3');
    const r = clinicRoom();
    open.push(r);
    seedStaff(r.room);
    const sessionId = await r.session('IN-3');
    await r.ok('recordIntention', { sessionId, text: 'To rest', author: 'Sam' });
    await r.ok('closeSession', { sessionId, author: 'Sam', reason: 'the patient declined the dose' });
    await r.ok('approveIntegrationSummary', { sessionId, leftOut: [], note: 'Talk about rest', ...sign('Jo Park') });
    await r.connect({
      address: cluster.roomAddress,
      room: 'Room 3',
      login: login.login,
      password: login.password,
      ca: cluster.ca,
    });
    await expect
      .poll(async () => (await clinicEvents(owner, 'Room 3')).length, { timeout: 20_000 })
      .toBe(r.eventCount());
    const approved = (await clinicEvents(owner, 'Room 3')).find((e) => e.kind === 'integration_approved');
    expect(approved).toMatchObject({
      author: 'Jo Park',
      author_role: 'therapist',
      payload: {
        leftOut: [],
        note: 'Talk about rest',
        signature: {
          name: 'Jo Park',
          role: 'therapist',
          meaning: 'approved the integration summary to be given to the patient',
        },
      },
    });
    expect(JSON.stringify(approved)).not.toContain(PINS['Jo Park']);
  });
});
