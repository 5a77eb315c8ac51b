/** What starting the mock, the sandbox or the validating proxy gives back: where it listens, and how to stop it. */
export interface RunningServer {
  /** Base URL to give a client, base path included: `http://127.0.0.1:4010/api/v1`. */
  url: string;
  close(): Promise<void>;
}

/** Anything that can be closed: a server, an app, a proxy. */
interface Closable {
  close(): Promise<void>;
}

/**
 * Starts a server in front of another that is already built (the front before Prism, the
 * validating proxy before the API): closing closes the front, then what is behind it, and
 * if the front cannot start (a taken port, say) what is behind it is closed too, so nothing
 * is left behind.
 *
 * @example
 * ```ts
 * const prism = await startPrism(options);
 * return inFrontOf(prism, async () => startFront({ prism }));
 * ```
 */
export async function inFrontOf<Front extends Closable>(behind: Closable, start: () => Promise<Front>): Promise<Front> {
  try {
    const front = await start();
    return {
      ...front,
      close: async () => {
        await front.close();
        await behind.close();
      },
    };
  } catch (error) {
    await behind.close();
    throw error;
  }
}
