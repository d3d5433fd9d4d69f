/** `npm run bench`: every benchmark, one JSON line per figure. Pass names to run some: core agent voice. */
const wanted = new Set(process.argv.slice(2));
const want = (name: string) => wanted.size === 0 || wanted.has(name);

if (want("core")) await (await import("./core.ts")).benchCore();
if (want("agent")) await (await import("./agent.ts")).benchAgent();
if (want("voice")) await (await import("./voice.ts")).benchVoice();
