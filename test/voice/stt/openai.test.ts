import { expect, it } from "vitest";
import { OpenAiStt } from "../../../src/voice/stt/openai.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../testing/fake-openai.ts";
import { sttSuite } from "./suite.ts";

let fake: FakeOpenAi;
sttSuite("openai (fake server)", async () => {
  fake = await startFakeOpenAi();
  return { stt: new OpenAiStt({ apiKey: "test-key", baseURL: fake.baseURL, model: "whisper-1" }), cleanup: () => fake.close() };
});

it("sends the model and key it was given", () => {
  expect(fake.requests.length).toBeGreaterThan(0);
  expect(fake.requests[0]).toMatchObject({ path: "/v1/audio/transcriptions", auth: "Bearer test-key", model: "whisper-1" });
});

it("says which variable to set when there is no key", () => {
  const saved = process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_API_KEY;
  try {
    const status = new OpenAiStt().available();
    expect(status.ok).toBe(false);
    expect(status.missing).toMatch(/OPENAI_API_KEY/);
  } finally {
    if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
  }
});
