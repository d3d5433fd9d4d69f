import { describe, expect, it } from "vitest";
import { OpenAiStt, meanProbability } from "../../../src/voice/stt/openai.ts";
import { finalTranscript } from "../../../src/voice/stt/stt.ts";
import { checkMeIn, concatPcm, silence } from "../testing/audio.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../testing/fake-openai.ts";
import { sttSuite } from "./suite.ts";

let suiteServer: FakeOpenAi;
sttSuite("openai (fake server)", async () => {
  suiteServer = await startFakeOpenAi();
  return { stt: new OpenAiStt({ apiKey: "test-key", baseURL: suiteServer.baseURL, model: "whisper-1" }), cleanup: () => suiteServer.close() };
});

const utterance = () => ({ pcm: concatPcm([silence(200), checkMeIn(), silence(300)]), sampleRate: 16_000 });

describe("openai speech-to-text on the wire", () => {
  it("sends the model and key it was given, and asks whisper models for no log-probabilities", async () => {
    const fake = await startFakeOpenAi();
    try {
      const t = await new OpenAiStt({ apiKey: "test-key", baseURL: fake.baseURL, model: "whisper-1" }).transcribe(utterance());
      expect(t).toEqual({ text: "Check me in.", language: "en" });
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]).toMatchObject({ path: "/v1/audio/transcriptions", auth: "Bearer test-key", model: "whisper-1", include: [] });
    } finally {
      await fake.close();
    }
  });

  it("turns gpt-4o token log-probabilities into the transcript's confidence", async () => {
    const fake = await startFakeOpenAi({ tokenLogprob: Math.log(0.6) });
    try {
      const t = await new OpenAiStt({ apiKey: "k", baseURL: fake.baseURL, model: "gpt-4o-mini-transcribe" }).transcribe(utterance());
      expect(fake.requests[0].include).toEqual(["logprobs"]);
      expect(t).toEqual({ text: "Check me in.", language: "en", confidence: 0.6 });
    } finally {
      await fake.close();
    }
  });

  it("streams: a pause gives an interim, the end a final without a second request", async () => {
    const fake = await startFakeOpenAi();
    try {
      const stream = new OpenAiStt({ apiKey: "k", baseURL: fake.baseURL, model: "whisper-1" }).stream();
      stream.push(utterance().pcm);
      stream.flush();
      const events = [];
      for await (const ev of stream) {
        events.push(ev);
        if (ev.type === "interim") stream.end();
      }
      expect(events).toEqual([
        { type: "interim", text: "Check me in.", language: "en" },
        { type: "final", text: "Check me in.", language: "en" },
      ]);
      expect(fake.requests).toHaveLength(1);
      const again = new OpenAiStt({ apiKey: "k", baseURL: fake.baseURL, model: "whisper-1" }).stream();
      again.end();
      await expect(finalTranscript(again)).resolves.toMatchObject({ text: "" });
    } finally {
      await fake.close();
    }
  });

  it("averages token probabilities", () => {
    expect(meanProbability([{ logprob: 0 }, { logprob: Math.log(0.5) }])).toBe(0.75);
    expect(meanProbability(undefined)).toBeUndefined();
    expect(meanProbability([])).toBeUndefined();
  });

  it("says which variable to set when there is no key, whatever the environment holds", () => {
    const status = new OpenAiStt().available();
    expect(status.ok).toBe(false);
    expect(status.missing).toMatch(/OPENAI_API_KEY/);
  });
});
