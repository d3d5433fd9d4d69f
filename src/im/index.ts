/** The chat platforms, each behind the one `Channel` interface, and the neutral message model. */
export type { Channel, ChannelStatus, Inbound, RawReply, RawRequest, RateBucket, SendOptions } from "./channel.ts";
export { InboundRejected } from "./channel.ts";
export { PlatformError } from "./http.ts";
export * from "./message.ts";
export { RateLimiter, RATES, type RateRule } from "./rate-limit.ts";
export { WecomChannel, wecomStatus, type WecomConfig } from "./wecom/channel.ts";
export { FeishuChannel, feishuStatus, type FeishuConfig } from "./feishu/channel.ts";
export { DingtalkChannel, dingtalkStatus, type DingtalkConfig } from "./dingtalk/channel.ts";
export { SlackChannel, slackStatus, type SlackConfig } from "./slack/channel.ts";
