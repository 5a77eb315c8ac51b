/** The one way a coach page revokes something: a quiet button named for what it revokes. */
export function RevokeButton({ name, onRevoke }: { name: string; onRevoke: () => void }) {
  return (
    <button type="button" className="outline secondary" onClick={onRevoke} aria-label={`Revoke ${name}`}>
      Revoke
    </button>
  );
}
