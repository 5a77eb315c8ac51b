/**
 * An invitation opened while signed out: kept in storage while the person signs up (the
 * sign-up link arrives in a second email, maybe in another tab) or logs in, then offered again.
 */
const KEY = 'astral-pending-invitation';

export const pendingInvitation = {
  keep: (token: string) => localStorage.setItem(KEY, token),
  take: (): string | null => {
    const token = localStorage.getItem(KEY);
    localStorage.removeItem(KEY);
    return token;
  },
};

/** Where to go after signing in: the pending invitation's page, or `fallback`. */
export const afterSignIn = (fallback: string): string => {
  const token = pendingInvitation.take();
  return token ? `/join?token=${encodeURIComponent(token)}` : fallback;
};
