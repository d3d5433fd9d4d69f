import { expect, it } from "vitest";
import { OpenAiTts } from "../../../src/voice/tts/openai.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../testing/fake-openai.ts";
import { ttsSuite } from "./suite.ts";

let suiteServer: FakeOpenAi;
ttsSuite("openai (fake server)", async () => {
  suiteServer = await startFakeOpenAi();
  return { tts: new OpenAiTts({ apiKey: "k", baseURL: suiteServer.baseURL, model: "tts-1", voice: "alloy" }), cleanup: () => suiteServer.close() };
});

it("asks for raw PCM with the configured model", async () => {
  const fake = await startFakeOpenAi();
  try {
    const tts = new OpenAiTts({ apiKey: "k", baseURL: fake.baseURL, model: "tts-1", voice: "alloy" });
    for await (const chunk of tts.synthesize("Hello.", { language: "en" })) expect(chunk.pcm.length).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ path: "/v1/audio/speech", model: "tts-1", format: "pcm", input: "Hello." });
  } finally {
    await fake.close();
  }
});
