/** Builds the chat channels the configuration completes, and reports every platform's status. */
import type { Channel, ChannelStatus } from "./channel.ts";
import { DingtalkChannel, dingtalkStatus, type DingtalkConfig } from "./dingtalk/channel.ts";
import { FeishuChannel, feishuStatus, type FeishuConfig } from "./feishu/channel.ts";
import type { Platform } from "./message.ts";
import { SlackChannel, slackStatus, type SlackConfig } from "./slack/channel.ts";
import { WecomChannel, wecomStatus, type WecomConfig } from "./wecom/channel.ts";

/** Each platform's values as the configuration read them; a platform with none set is off. */
export interface ImSettings {
  wecom: Partial<WecomConfig>;
  feishu: Partial<FeishuConfig>;
  dingtalk: Partial<DingtalkConfig>;
  slack: Partial<SlackConfig>;
}

/** Every platform's status, configured or not, in one order. */
export function imStatuses(settings: ImSettings): ChannelStatus[] {
  return [wecomStatus(settings.wecom), feishuStatus(settings.feishu), dingtalkStatus(settings.dingtalk), slackStatus(settings.slack)];
}

/** The channels whose required variables are all set. */
export function buildChannels(settings: ImSettings, now: () => number = Date.now, fetchImpl?: typeof fetch): Map<Platform, Channel> {
  const channels = new Map<Platform, Channel>();
  if (wecomStatus(settings.wecom).ready) channels.set("wecom", new WecomChannel(settings.wecom as WecomConfig, now, fetchImpl));
  if (feishuStatus(settings.feishu).ready) channels.set("feishu", new FeishuChannel(settings.feishu as FeishuConfig, now, fetchImpl));
  if (dingtalkStatus(settings.dingtalk).ready) channels.set("dingtalk", new DingtalkChannel(settings.dingtalk as DingtalkConfig, now, fetchImpl));
  if (slackStatus(settings.slack).ready) channels.set("slack", new SlackChannel(settings.slack as SlackConfig, now, fetchImpl));
  return channels;
}
