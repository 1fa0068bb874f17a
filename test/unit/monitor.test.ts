import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCa, makeServerCertificate } from '../../main/board/certificates';
import { monitorOf, startMonitor } from '../../main/core/monitor/listener';
import { readPcd01 } from '../../main/core/monitor/pcd01';
import { MllpClient, pcd01Message } from '../../main/core/monitor/simulator';
import { DEFAULT_MONITOR_SETTINGS } from '../../main/core/monitor/settings';
import { deviceUnitProblem, deviceVitalSign } from '../../main/core/pure/observations/device';
import { emptyContinuous, stepContinuous, type ContinuousStep } from '../../main/core/pure/observations/continuous';
import type { VitalsValues } from '../../main/core/pure/observations/vitals';
import { dueItems } from '../../main/core/pure/rules/due';
import { alertSummary, openAlerts } from '../../main/core/pure/rules/open-alerts';
import { sessionTile } from '../../main/board/tile';
import { computeTimeline } from '../../main/core/pure/timeline/timeline';
import { closeRoom } from '../../main/core/open-room';
import { MIN, T0, sign, testRoom } from '../support/room';
import { tempDataDir } from '../support/host-process';

describe('a monitor names a vital sign by its MDC or LOINC code, with its unit checked (the vital-sign registry)', () => {
  it('reads the IEEE 11073 numeric code, its reference id, the partition::term form and LOINC; other codes are none', () => {
    expect(deviceVitalSign({ id: '150456', text: 'MDC_PULS_OXIM_SAT_O2', system: 'MDC' })).toBe('spo2');
    expect(deviceVitalSign({ id: 'MDC_PRESS_BLD_NONINV_SYS', text: '', system: 'MDC' })).toBe('systolic');
    expect(deviceVitalSign({ id: '2::18950', text: '', system: 'MDC' })).toBe('diastolic');
    expect(deviceVitalSign({ id: '149530', text: 'MDC_PULS_OXIM_PULS_RATE', system: 'MDC' })).toBe('heartRate');
    expect(deviceVitalSign({ id: '147842', text: 'MDC_ECG_HEART_RATE', system: 'MDC' })).toBe('heartRate');
    expect(deviceVitalSign({ id: '151562', text: 'MDC_RESP_RATE', system: 'MDC' })).toBe('respiratoryRate');
    expect(deviceVitalSign({ id: '59408-5', text: 'SpO2', system: 'LN' })).toBe('spo2');
    expect(deviceVitalSign({ id: '8480-6', text: 'Systolic', system: 'LN' })).toBe('systolic');
    // Body temperature (MDC_TEMP_BODY) and the mean arterial pressure are not vital signs the room records.
    expect(deviceVitalSign({ id: '150364', text: 'MDC_TEMP_BODY', system: 'MDC' })).toBeNull();
    expect(deviceVitalSign({ id: '150023', text: 'MDC_PRESS_BLD_NONINV_MEAN', system: 'MDC' })).toBeNull();
    // A LOINC code is not read as an MDC one, nor the other way round.
    expect(deviceVitalSign({ id: '150456', text: '', system: 'LN' })).toBeNull();
  });
  it('refuses a value in the wrong unit with a sentence naming it; accepts the MDC and UCUM forms', () => {
    expect(deviceUnitProblem('spo2', { id: '262688', text: 'MDC_DIM_PERCENT', system: 'MDC' })).toBeNull();
    expect(deviceUnitProblem('systolic', { id: 'mm[Hg]', text: '', system: 'UCUM' })).toBeNull();
    expect(deviceUnitProblem('systolic', { id: '3872', text: 'MDC_DIM_KILO_PASCAL', system: 'MDC' })).toBe(
      'Systolic BP came in "3872 MDC_DIM_KILO_PASCAL", not mmHg: the reading was not recorded.',
    );
  });
});

describe('a PCD-01 message (HL7 v2 ORU^R01) read through the HL7 library', () => {
  it("gives the vital signs, the monitor's time with its zone, and counts the observations kept out", () => {
    const text = pcd01Message({
      controlId: 'M1',
      time: T0,
      values: { systolic: 132, diastolic: 84, heartRate: 71 },
    }).replace(/\r?$/, '\rOBX|9|NM|150364^MDC_TEMP_BODY^MDC|1.1.1.9|36.8|268192^MDC_DIM_DEGC^MDC|||||R');
    const read = readPcd01(text);
    expect(read).toMatchObject({
      ok: true,
      reading: { controlId: 'M1', values: { systolic: 132, diastolic: 84, heartRate: 71 }, unknown: 1, deviceTime: T0 },
    });
  });
  it('refuses what is not an observation message, or has no vital sign, with the reason', () => {
    expect(readPcd01('MSH|^~\\&|A|B|C|D|20261122090000||ADT^A01|X1|P|2.6')).toMatchObject({
      ok: false,
      code: 'AR',
      reason: expect.stringMatching(/^The room takes ORU\^R01 observation messages \(IHE PCD-01\), not ADT\^A01\.$/),
    });
    expect(
      readPcd01('MSH|^~\\&|A|B|C|D|20261122090000||ORU^R01|X2|P|2.6\rOBX|1|NM|150364^MDC_TEMP_BODY^MDC||36.8'),
    ).toMatchObject({
      ok: false,
      code: 'AE',
      reason: expect.stringMatching(/^The message carries no vital sign the room records \(1 other observation\)\.$/),
    });
  });
});

/** 1 Hz samples from `from` (seconds on the monitor's clock) of the given SpO2s. */
function feed(spo2s: number[], warning = 92): ContinuousStep[] {
  let state = emptyContinuous();
  return spo2s.map((spo2, i) => {
    const step = stepContinuous(
      state,
      { deviceTime: T0 + i * 1000, receivedAt: T0 + i * 1000, spo2, heartRate: 70 + (i % 3) },
      warning,
    );
    state = step.state;
    return step;
  });
}

describe('continuous SpO2 and pulse are kept as a summary per minute and each desaturation', () => {
  it('closes each minute with its lowest and median', () => {
    const steps = feed([...Array(59).fill(97), 93, 96]);
    const summaries = steps.flatMap((s) => (s.summary ? [s.summary] : []));
    expect(summaries).toEqual([
      expect.objectContaining({
        minute: T0,
        samples: 60,
        lowest: { spo2: 93, heartRate: 70 },
        median: { spo2: 97, heartRate: 71 },
      }),
    ]);
  });
  it('a dip below the threshold shorter than 15 s is no episode; one of 15 s or more is reported once as it reaches 15 s and once as it ends', () => {
    expect(feed([97, 97, ...Array(14).fill(90), 97]).flatMap((s) => (s.desaturation ? [s.desaturation] : []))).toEqual(
      [],
    );
    const episodes = feed([97, ...Array(10).fill(89), ...Array(10).fill(86), 95]).flatMap((s) =>
      s.desaturation ? [s.desaturation] : [],
    );
    expect(episodes).toEqual([
      expect.objectContaining({ ongoing: true, lengthSec: 15, lowestSpo2: 86, below: 92, startedAt: T0 + 1000 }),
      expect.objectContaining({ ongoing: false, lengthSec: 20, lowestSpo2: 86 }),
    ]);
  });
});

describe('through the bridge: a monitor bound to the room, its readings recorded once the person recording confirms it', () => {
  let t: ReturnType<typeof testRoom>;
  afterEach(async () => {
    await monitorOf(t.room)?.close();
  });
  async function monitored() {
    t = testRoom();
    t.room.settings.update({ monitor: { ...DEFAULT_MONITOR_SETTINGS, enabled: true, port: 0 } });
    const listener = await startMonitor(t.room);
    const port = Number(listener.view().listening!.split(':')[1]);
    const client = await MllpClient.connect({ host: '127.0.0.1', port });
    let n = 0;
    const send = (values: VitalsValues, second = n) =>
      client.send(pcd01Message({ controlId: `U${++n}`, time: T0 + second * 1000, values }));
    return { listener, client, send };
  }

  it('holds readings until confirmed: refused with a sentence while the listener is off; then the entry carries its source', async () => {
    t = testRoom();
    const id = await t.dosedSession('im', 60);
    expect(await t.call('confirmMonitor', { sessionId: id, author: 'Sam' })).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(
          /^The monitor listener is off in this room\. An admin turns it on under Admin\.$/,
        ),
      },
    });
    const { client, send } = await monitored();
    const id2 = await t.dosedSession('im', 60);
    // The monitor follows the room's open session.
    const room = await t.ok('getRoom', {});
    expect(room.activeSessionId).toBe(id2);
    expect(await send({ systolic: 186, diastolic: 114, heartRate: 80 })).toMatchObject({ code: 'AA' });
    const held = await t.ok('getMonitor', {});
    expect(held.confirm).toEqual({ sessionId: id2, patientRef: 'AB-1024', held: 1 });
    expect(t.room.state(id2).entries.filter((e) => e.kind === 'vitals' && e.payload.source)).toHaveLength(0);
    await t.ok('confirmMonitor', { sessionId: id2, author: 'Sam' });
    const device = t.room.state(id2).entries.filter((e) => e.kind === 'vitals' && e.payload.source);
    expect(device).toHaveLength(1);
    // It counts like a typed reading: the BP alert, with the re-check due in 5 minutes.
    expect(t.room.state(id2).alerts).toContainEqual(
      expect.objectContaining({
        signal: 'bp',
        level: 'warning',
        message: expect.stringMatching(/^BP 186\/114 is above 180\/110: re-check in 5 minutes\.$/),
      }),
    );
    // The re-check it brings is on the due list, overdue once its 5 minutes have passed, as for a typed reading.
    t.clock.advance(6 * MIN);
    const state = t.room.state(id2);
    const due = dueItems(
      state,
      computeTimeline(state.preset, state.doses, state.marks, t.clock.now()),
      t.clock.now(),
      'UTC',
    );
    expect(due).toContainEqual(
      expect.objectContaining({ label: expect.stringMatching(/^BP re-check \(BP 186\/114 at /), status: 'overdue' }),
    );
    // The safe case beside it: a normal reading now raises nothing.
    expect(await send({ systolic: 128, diastolic: 80, heartRate: 72 })).toMatchObject({ code: 'AA' });
    const last = t.room.state(id2).entries.at(-1)!;
    expect(last).toMatchObject({
      author: 'Bedside monitor',
      payload: { alerts: [], source: { kind: 'reading', device: 'Bedside monitor' } },
    });
    client.close();
  });

  it('one SpO2 alert per desaturation, none for a shorter dip; silence for 30 s says "SpO2 signal lost" in the record', async () => {
    const { client, send } = await monitored();
    const id = await t.dosedSession('im', 60);
    await send({ spo2: 97, heartRate: 70 }, 0);
    await t.ok('confirmMonitor', { sessionId: id, author: 'Sam' });
    // A 10 s dip to 89 %: no alert (the safe case).
    for (let s = 1; s <= 10; s++) await send({ spo2: 89, heartRate: 70 }, s);
    await send({ spo2: 96, heartRate: 70 }, 11);
    expect(t.room.state(id).alerts.filter((a) => a.signal === 'spo2')).toHaveLength(0);
    // 25 s below 92 %, down to 88 %: one alert, raised at 15 s.
    for (let s = 12; s < 37; s++) await send({ spo2: s < 20 ? 91 : 88, heartRate: 70 }, s);
    expect(t.room.state(id).alerts.filter((a) => a.signal === 'spo2')).toEqual([
      expect.objectContaining({ level: 'urgent', message: expect.stringMatching(/^SpO2 88% is below 90%\.$/) }),
    ]);
    await send({ spo2: 97, heartRate: 70 }, 37);
    expect(t.room.state(id).alerts.filter((a) => a.signal === 'spo2')).toHaveLength(1);
    const episodes = t.room
      .state(id)
      .entries.filter((e) => e.kind === 'vitals' && e.payload.source?.kind === 'desaturation');
    expect(episodes.map((e) => e.kind === 'vitals' && e.payload.source?.episode)).toEqual([
      expect.objectContaining({ ongoing: true, lengthSec: 15 }),
      expect.objectContaining({ ongoing: false, lengthSec: 25, lowestSpo2: 88 }),
    ]);
    // Silent for 30 s on the room's clock.
    t.clock.advance(29_000);
    monitorOf(t.room)!.feed.tick();
    expect((await t.ok('getMonitor', {})).state).not.toBe('signal_lost');
    t.clock.advance(2_000);
    monitorOf(t.room)!.feed.tick();
    expect((await t.ok('getMonitor', {})).state).toBe('signal_lost');
    expect(t.room.state(id).entries.at(-1)).toMatchObject({
      kind: 'observation',
      payload: {
        text: expect.stringMatching(
          /^SpO2 signal lost: no reading from Bedside monitor for 31 s\. Check the probe and the patient\.$/,
        ),
      },
    });
    client.close();
  });

  it('readings answered "accepted" while held survive a restart of the room and reach the record on confirmation; unconfirmed ones never do', async () => {
    let { client, send } = await monitored();
    const id = await t.dosedSession('im', 60);
    expect(await send({ systolic: 186, diastolic: 114, heartRate: 80 }, 0)).toMatchObject({ code: 'AA' });
    for (let s = 1; s <= 3; s++) expect(await send({ spo2: 97, heartRate: 70 }, s)).toMatchObject({ code: 'AA' });
    client.close();
    // The room stops before anyone confirms, and opens again on the same folder.
    await monitorOf(t.room)?.close();
    await closeRoom(t.room);
    t = testRoom({ reopen: { dataDir: t.dataDir, clock: t.clock } });
    t.room.settings.update({ monitor: { ...DEFAULT_MONITOR_SETTINGS, enabled: true, port: 0 } });
    const listener = await startMonitor(t.room);
    expect((await t.ok('getMonitor', {})).confirm).toEqual({ sessionId: id, patientRef: 'AB-1024', held: 4 });
    expect(t.room.state(id).entries.filter((e) => e.kind === 'vitals' && e.payload.source)).toHaveLength(0);
    // The monitor sends its last reading again (no answer reached it): it is not held twice.
    const port = Number(listener.view().listening!.split(':')[1]);
    client = await MllpClient.connect({ host: '127.0.0.1', port });
    expect(
      await client.send(pcd01Message({ controlId: 'U4', time: T0 + 3000, values: { spo2: 97, heartRate: 70 } })),
    ).toMatchObject({ code: 'AA' });
    expect((await t.ok('getMonitor', {})).confirm).toMatchObject({ held: 4 });
    await t.ok('confirmMonitor', { sessionId: id, author: 'Sam' });
    // The spot reading, then the three SpO2 samples as their minute once it closes.
    t.clock.advance(MIN);
    monitorOf(t.room)!.feed.tick();
    const device = t.room.state(id).entries.filter((e) => e.kind === 'vitals' && e.payload.source);
    expect(device.map((e) => e.kind === 'vitals' && e.payload.source)).toEqual([
      expect.objectContaining({ device: 'Bedside monitor', kind: 'reading', deviceTime: T0 }),
      expect.objectContaining({
        device: 'Bedside monitor',
        kind: 'minute',
        summary: expect.objectContaining({ samples: 3 }),
      }),
    ]);
    expect(t.room.db.prepare('SELECT count(*) AS n FROM monitor_held').get()).toEqual({ n: 0 });
    client.close();

    // The safe case beside it: readings held for a session that closes unconfirmed stay out of every record.
    ({ client, send } = await (async () => {
      await monitorOf(t.room)?.close();
      await closeRoom(t.room);
      t = testRoom();
      t.room.settings.update({ monitor: { ...DEFAULT_MONITOR_SETTINGS, enabled: true, port: 0 } });
      const l = await startMonitor(t.room);
      const c = await MllpClient.connect({ host: '127.0.0.1', port: Number(l.view().listening!.split(':')[1]) });
      let n = 100;
      return {
        client: c,
        send: (values: VitalsValues) => c.send(pcd01Message({ controlId: `V${++n}`, time: T0, values })),
      };
    })());
    const first = (
      await t.ok('startSession', {
        patientRef: 'CD-2048',
        presetId: 'im',
        plannedDoseMg: 60,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      })
    ).session.id;
    expect(await send({ systolic: 150, diastolic: 90, heartRate: 80 })).toMatchObject({ code: 'AA' });
    expect((await t.ok('getMonitor', {})).confirm).toMatchObject({ sessionId: first, held: 1 });
    await t.ok('closeSession', { sessionId: first, author: 'Dr Kim', reason: 'Patient declined' });
    const second = await t.dosedSession('im', 60);
    expect((await t.ok('getMonitor', {})).confirm).toBeNull();
    expect(t.room.db.prepare('SELECT count(*) AS n FROM monitor_held').get()).toEqual({ n: 0 });
    expect(t.room.state(first).entries.filter((e) => e.kind === 'vitals' && e.payload.source)).toHaveLength(0);
    expect(t.room.state(second).entries.filter((e) => e.kind === 'vitals' && e.payload.source)).toHaveLength(0);
    client.close();
  });

  it('"SpO2 signal lost" is a warning in the room\'s alerts, the glance and the board tile, acknowledged like others, closed by itself when the signal is back', async () => {
    const { client, send } = await monitored();
    const id = await t.dosedSession('im', 60);
    const tick = () => monitorOf(t.room)!.feed.tick();
    const signalAlerts = () => openAlerts(t.room.state(id)).filter((a) => a.signal === 'spo2_signal');
    const tile = () => sessionTile(t.room.sessions.events(id), t.clock.now(), 'initials', 'UTC')!;
    let second = 0;
    const stream = async (seconds: number) => {
      for (let i = 0; i < seconds; i++) {
        expect(await send({ spo2: 97, heartRate: 70 }, second++)).toMatchObject({ code: 'AA' });
        t.clock.advance(1000);
        tick();
      }
    };
    await stream(1);
    await t.ok('confirmMonitor', { sessionId: id, author: 'Sam' });
    // The safe case: samples that keep coming for 40 s raise nothing.
    await stream(40);
    expect(signalAlerts()).toEqual([]);
    expect(alertSummary(t.room.state(id), t.clock.now()).warning).toBe(0);
    // 30 s of silence: the warning, with its sentence, in the alerts, the glance's summary and the board tile.
    t.clock.advance(30_000);
    tick();
    const sentence = /^SpO2 signal lost: no reading from Bedside monitor for 31 s\. Check the probe and the patient\.$/;
    expect(signalAlerts()).toEqual([
      expect.objectContaining({ level: 'warning', message: expect.stringMatching(sentence) }),
    ]);
    expect(alertSummary(t.room.state(id), t.clock.now())).toMatchObject({
      warning: 1,
      first: expect.stringMatching(sentence),
    });
    expect(tile().alerts).toMatchObject({ warning: 1 });
    // Raised once, not every second of the silence.
    t.clock.advance(10_000);
    tick();
    expect(signalAlerts()).toHaveLength(1);
    // The signal back: the alert closes by itself, and the record says so.
    await stream(1);
    expect(signalAlerts()).toEqual([]);
    expect(tile().alerts).toMatchObject({ warning: 0 });
    expect(t.room.state(id).alerts.find((a) => a.signal === 'spo2_signal')).toMatchObject({
      closed: expect.objectContaining({ at: expect.any(Number) }),
    });
    expect(
      t.room
        .state(id)
        .entries.filter((e) => e.kind === 'observation')
        .at(-1),
    ).toMatchObject({
      author: 'Bedside monitor',
      payload: {
        text: expect.stringMatching(
          /^SpO2 signal back from Bedside monitor: the "SpO2 signal lost" alert closed by itself\.$/,
        ),
      },
    });
    const closed = t.room.state(id).alerts.find((a) => a.signal === 'spo2_signal')!;
    expect(
      await t.call('acknowledgeAlert', {
        sessionId: id,
        targetSeq: closed.entrySeq,
        signal: 'spo2_signal',
        author: 'Sam',
        note: 'seen',
      }),
    ).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(
          /^That alert closed by itself when the SpO2 signal came back: nothing to acknowledge\.$/,
        ),
      },
    });
    // Lost again, it is acknowledged like any other warning and leaves the open alerts.
    t.clock.advance(31_000);
    tick();
    const [open] = signalAlerts();
    expect(open).toBeDefined();
    await t.ok('acknowledgeAlert', {
      sessionId: id,
      targetSeq: open!.entrySeq,
      signal: 'spo2_signal',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      note: 'Probe re-seated',
    });
    expect(signalAlerts()).toEqual([]);
    client.close();
  });

  it('a monitor never confirmed on the patient raises no "SpO2 signal lost", however long it is silent', async () => {
    const { client, send } = await monitored();
    const id = await t.dosedSession('im', 60);
    for (let s = 0; s < 5; s++) {
      expect(await send({ spo2: 97, heartRate: 70 }, s)).toMatchObject({ code: 'AA' });
      t.clock.advance(1000);
    }
    t.clock.advance(60_000);
    monitorOf(t.room)!.feed.tick();
    expect(t.room.state(id).alerts.filter((a) => a.signal === 'spo2_signal')).toEqual([]);
    expect((await t.ok('getMonitor', {})).state).not.toBe('signal_lost');
    client.close();
  });

  it("a person's note cannot carry the monitor's own tags (they would close its alert unacknowledged); the same note without them is recorded", async () => {
    const { client } = await monitored();
    const id = await t.dosedSession('im', 60);
    for (const tag of ['spo2 signal back', 'SpO2 signal lost']) {
      const refused = await t.call('recordObservation', {
        sessionId: id,
        content: { text: 'probe moved', tags: [tag] },
        author: 'Sam',
      });
      expect(refused).toMatchObject({
        ok: false,
        error: {
          message: expect.stringMatching(
            /is the monitor's own tag: it raises and closes the signal-lost alert\. Describe what you see in the note instead/,
          ),
        },
      });
    }
    expect(
      await t.call('recordObservation', { sessionId: id, content: { text: 'probe moved', tags: [] }, author: 'Sam' }),
    ).toMatchObject({ ok: true });
    client.close();
  });

  it("over TLS: a gateway that verifies the room's certificate is answered and its reading held; plain MLLP to the same port gets no answer and holds nothing", async () => {
    t = testRoom();
    const ca = await makeCa();
    const server = await makeServerCertificate(ca, ['127.0.0.1']);
    const dir = tempDataDir('room-monitor-tls-');
    const tlsCertFile = path.join(dir, 'monitor.crt');
    const tlsKeyFile = path.join(dir, 'monitor.key');
    fs.writeFileSync(tlsCertFile, server.cert);
    fs.writeFileSync(tlsKeyFile, server.key);
    t.room.settings.update({
      monitor: { ...DEFAULT_MONITOR_SETTINGS, enabled: true, port: 0, tlsCertFile, tlsKeyFile },
    });
    const listener = await startMonitor(t.room);
    const port = Number(listener.view().listening!.split(':')[1]);
    const id = await t.dosedSession('im', 60);
    const values = { systolic: 124, diastolic: 80, heartRate: 72 };

    const secure = await MllpClient.connectTls({ host: '127.0.0.1', port }, ca.cert);
    expect(await secure.send(pcd01Message({ controlId: 'S1', time: t.clock.now(), values }))).toMatchObject({
      code: 'AA',
    });
    secure.close();
    const plain = await MllpClient.connect({ host: '127.0.0.1', port });
    const answer = await plain.send(pcd01Message({ controlId: 'P1', time: t.clock.now(), values }), 2000);
    expect(answer.code).not.toBe('AA');
    plain.close();
    expect((await t.ok('getMonitor', {})).confirm).toEqual({ sessionId: id, patientRef: 'AB-1024', held: 1 });
  });

  it('a Bluetooth reading the app recorded keeps its device and times; a typed one beside it has no source', async () => {
    t = testRoom();
    const id = await t.dosedSession('im', 60);
    const deviceTime = T0 + 9 * MIN;
    await t.ok('recordVitals', {
      sessionId: id,
      values: { spo2: 96, heartRate: 74 },
      author: 'Sam',
      device: { name: 'Nonin 3230', deviceTime },
    });
    await t.ok('recordVitals', { sessionId: id, values: { spo2: 97 }, author: 'Sam' });
    const [device, typed] = t.room
      .state(id)
      .entries.filter((e) => e.kind === 'vitals')
      .slice(-2);
    expect(device).toMatchObject({
      author: 'Sam',
      payload: { source: { device: 'Nonin 3230', deviceTime, receivedAt: t.clock.now(), kind: 'reading' } },
    });
    expect(typed!.kind === 'vitals' && typed!.payload.source).toBeUndefined();
    expect(
      await t.call('recordVitals', { sessionId: id, values: { spo2: 96 }, author: 'Sam', device: { name: ' ' } }),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Name the device the reading came from\.$/) },
    });
  });
});
