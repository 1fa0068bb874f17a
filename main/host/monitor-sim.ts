import { runScenario, SCENARIOS, type Scenario } from '../core/monitor/simulator';

const USAGE =
  'Usage: npm run monitor-sim -- --to <address:port> --scenario normal|desaturation|hypertension|signal-loss [--seconds <n>] [--fast] [--from <address>] [--patient <id>]';

function fail(sentence: string): never {
  console.error(sentence);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  let to: { host: string; port: number } | null = null;
  let scenario: Scenario = 'normal';
  let seconds = 120;
  let realTime = true;
  let from: string | undefined;
  let patientId: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i] ?? fail(`${arg} needs a value. ${USAGE}`);
    if (arg === '--to') {
      const m = /^(.+):(\d{1,5})$/.exec(value());
      if (!m || Number(m[2]) > 65535)
        fail(`Give the room's monitor address as address:port, such as 127.0.0.1:2575. ${USAGE}`);
      to = { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
    } else if (arg === '--scenario') {
      const s = value();
      if (!(SCENARIOS as readonly string[]).includes(s)) fail(`"${s}" is not a scenario. ${USAGE}`);
      scenario = s as Scenario;
    } else if (arg === '--seconds') {
      seconds = Number(value());
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400)
        fail(`--seconds is a whole number from 1 to 86400. ${USAGE}`);
    } else if (arg === '--fast') realTime = false;
    else if (arg === '--from') from = value();
    else if (arg === '--patient') patientId = value();
    else fail(`"${arg}" is not an option the simulator knows. ${USAGE}`);
  }
  if (!to) fail(`Say where the room listens with --to <address:port>. ${USAGE}`);
  return { to, scenario, seconds, realTime, from, patientId };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const counts: Record<string, number> = {};
  try {
    await runScenario({
      to: args.to,
      scenario: args.scenario,
      seconds: args.seconds,
      realTime: args.realTime,
      ...(args.from ? { from: args.from } : {}),
      ...(args.patientId ? { patientId: args.patientId } : {}),
      onAck: (reading, ack) => {
        counts[ack.code] = (counts[ack.code] ?? 0) + 1;
        const values = Object.entries(reading.values)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
        console.log(`T+${reading.second}s ${values}: ${ack.code}${ack.text ? ` (${ack.text})` : ''}`);
      },
    });
  } catch (err) {
    fail(`The simulator could not reach the room at ${args.to.host}:${args.to.port}: ${(err as Error).message}`);
  }
  console.log(
    `Sent: ${
      Object.entries(counts)
        .map(([c, n]) => `${n} ${c}`)
        .join(', ') || 'nothing'
    }`,
  );
}

void main();
