// Two servers stacked (the front before Prism, the validating proxy before the API) close
// together and in order, and a front that cannot start leaves nothing behind it running.
import { describe, expect, it } from 'vitest';
import { inFrontOf } from '../src/running-server.js';

const recorder = () => {
  const closed: string[] = [];
  const server = (name: string) => ({ name, close: async () => void closed.push(name) });
  return { closed, server };
};

describe('inFrontOf', () => {
  it('closes the front first, then what is behind it', async () => {
    const { closed, server } = recorder();
    const front = await inFrontOf(server('prism'), async () => server('front'));
    expect(front.name).toBe('front');
    expect(closed).toEqual([]);
    await front.close();
    expect(closed).toEqual(['front', 'prism']);
  });

  it('closes what is behind when the front cannot start, and passes the error on', async () => {
    const { closed, server } = recorder();
    const taken = new Error('listen EADDRINUSE: address already in use 127.0.0.1:4010');
    await expect(inFrontOf(server('api'), () => Promise.reject(taken))).rejects.toBe(taken);
    expect(closed).toEqual(['api']);
  });
});
