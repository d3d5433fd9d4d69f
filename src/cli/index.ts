/** `npm run cli -- <command>`: the command line's entry; the commands are in run.ts. */
import { configFromEnvironment } from "../config.ts";
import { failureOf, runCli } from "./run.ts";

runCli(process.argv.slice(2), configFromEnvironment()).then(
  (code) => process.exit(code),
  (err) => {
    const { message, code } = failureOf(err);
    console.error(message);
    process.exit(code);
  },
);
