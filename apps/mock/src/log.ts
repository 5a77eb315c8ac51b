/** How the mock and the sandbox report what happens: one line per event, on stderr by default. */
export type Log = (line: string) => void;

/** Writes to stderr; the default for both servers. */
export const stderrLog: Log = (line) => process.stderr.write(`${line}\n`);
