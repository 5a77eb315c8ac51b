/** What starting the mock, the sandbox or the validating proxy gives back: where it listens, and how to stop it. */
export interface RunningServer {
  /** Base URL to give a client, base path included: `http://127.0.0.1:4010/api/v1`. */
  url: string;
  close(): Promise<void>;
}
