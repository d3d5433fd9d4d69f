/**
 * A JSGF grammar for pocketsphinx, generated from the English templates and slot vocabularies,
 * so the recogniser can only hear sentences the intent model understands. Numbers are spelled
 * out ("december twenty first", "approve leave twelve"); understand() turns them back to digits.
 */
import { EN_ORDINAL_WORDS, EN_TENS_WORDS, EN_UNIT_WORDS } from "./numbers.ts";
import { parseTemplate, type TemplateNode } from "./matcher.ts";
import { TEMPLATES, type IntentName } from "./templates.ts";
import { LEAVE_TYPE_PHRASES } from "./vocabulary.ts";

const SLOT_RULES: Record<string, string> = {
  date: "date",
  month: "month",
  leaveType: "leave_type",
  leaveId: "leave_id",
};

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const UNITS_1_9 = EN_UNIT_WORDS.slice(0, 9);
const ORDINALS_1_9 = EN_ORDINAL_WORDS.slice(0, 9);

const GAP_WORDS = [
  "a", "an", "the", "my", "me", "i", "of", "for", "to", "on", "in", "at", "is", "was", "are", "do", "did", "have", "has",
  "been", "any", "some", "all", "this", "that", "it", "days", "day", "leave", "team", "still", "yet", "not", "today", "off",
];

const alt = (xs: string[]) => `( ${xs.join(" | ")} )`;

function expansion(nodes: TemplateNode[]): string {
  const parts: string[] = [];
  for (const n of nodes) {
    if (n.t === "word") parts.push(n.text);
    else if (n.t === "slot") parts.push(`<${SLOT_RULES[n.name] ?? n.name}>`);
    else if (n.t === "alt") {
      const options = n.options.map(expansion).filter((o) => o.length > 0);
      if (options.length === 0) continue;
      parts.push(n.optional ? `[ ${options.join(" | ")} ]` : alt(options));
    }
    // else: a gap has no spoken form
  }
  return parts.join(" ");
}

/** JSGF rule name of an intent: checkIn -> check_in. */
function ruleName(intent: string): string {
  return intent.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function slotRules(): string[] {
  const spokenTypes = Object.values(LEAVE_TYPE_PHRASES).flatMap((p) => p.spoken);
  return [
    `<unit> = ${UNITS_1_9.join(" | ")};`,
    `<number> = ${EN_UNIT_WORDS.join(" | ")} | ${alt(EN_TENS_WORDS)} [ <unit> ];`,
    `<ordinal> = ${EN_ORDINAL_WORDS.join(" | ")} | twenty ${alt(ORDINALS_1_9)} | thirty first;`,
    // Days are said as ordinals far more often than as cardinals ("december third", rarely
    // "december three"); weighted evenly, the 22 cardinal forms taught the speech model to hear
    // "third" as "thirty" and "ninth" as "nineteen".
    `<day_of_month> = /8/ <ordinal> | /1/ ( ${EN_UNIT_WORDS.join(" | ")} | twenty [ <unit> ] | thirty [ one ] );`,
    `<month_name> = ${MONTHS.join(" | ")};`,
    `<weekday> = ${WEEKDAYS.join(" | ")};`,
    "<part_of_day> = morning | afternoon;",
    "<single_day> = today | tomorrow | yesterday | the day after tomorrow | the day before yesterday"
      + " | [ this | next | last | coming ] <weekday> [ next week ]"
      + " | <month_name> [ the ] <day_of_month> | [ the ] <ordinal> [ of ( <month_name> | next month | this month ) ]"
      + " | in <number> days;",
    "<day> = <single_day> [ <part_of_day> ] | this <part_of_day>;",
    "<duration> = ( a | <number> ) [ working ] ( day | days | week | weeks ) | half a day;",
    "<date> = [ from ] <day> [ ( to | through | until ) ( <single_day> | [ the ] <day_of_month> ) ]"
      + " | <duration> starting <single_day> | <single_day> for <duration> | ( this | next ) week;",
    "<month> = ( this | last | next ) month | the month before last | <month_name> [ last year ];",
    `<leave_type> = ${spokenTypes.join(" | ")};`,
    "<leave_id> = [ number ] <number>;",
    // What a template's "*" stands for when spoken: a few small words or a slot.
    `<gap> = ${GAP_WORDS.join(" | ")} | <leave_type>;`,
    "<tail> = [ on | for | from | in | starting ] ( <date> | <month> );",
  ];
}

/**
 * The grammar: `public <utterance>` is any intent's template, optionally with "please" around
 * it. Lower-case words only, all from the pocketsphinx en-us dictionary.
 */
export function jsgfGrammar(): string {
  const intents = Object.keys(TEMPLATES) as IntentName[];
  const rules: string[] = [];
  for (const intent of intents) {
    const expansions = [...new Set(TEMPLATES[intent].en.map((t) => expansion(parseTemplate(t))).filter(Boolean))];
    rules.push(`<${ruleName(intent)}> = ${expansions.join("\n    | ")};`);
  }
  // Templates match anywhere in a sentence; spoken, the sentence may go on with a date or month.
  const utterance = `public <utterance> = [ please | can you | could you ] ${alt(intents.map((i) => `<${ruleName(i)}>`))} [ <tail> ] [ please ];`;
  return ["#JSGF V1.0;", "", "grammar attendance;", "", utterance, "", ...rules, "", ...slotRules(), ""].join("\n");
}
