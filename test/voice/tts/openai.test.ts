import { expect, it } from "vitest";
import { OpenAiTts } from "../../../src/voice/tts/openai.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../testing/fake-openai.ts";
import { ttsSuite } from "./suite.ts";

let fake: FakeOpenAi;
ttsSuite("openai (fake server)", async () => {
  fake = await startFakeOpenAi();
  return { tts: new OpenAiTts({ apiKey: "k", baseURL: fake.baseURL, model: "tts-1", voice: "alloy" }), cleanup: () => fake.close() };
});

it("asks for raw PCM with the configured model", () => {
  expect(fake.requests[0]).toMatchObject({ path: "/v1/audio/speech", model: "tts-1", format: "pcm" });
});
