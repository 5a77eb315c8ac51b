/**
 * Version 5, organization invitations: single-use ones sent to an email and multi-use links.
 * Only the SHA-256 hash of an invitation's token is kept (like access tokens and API keys), so
 * a leaked database gives no usable invitation. `uses` is counted by one conditional UPDATE
 * (`uses < max_uses`), so concurrent accepts never exceed `max_uses` on any database.
 */
import type { Migration } from './migration.js';

export const invitations: Migration = {
  version: 5,
  name: 'organizations: invitations',
  async up({ db, run }) {
    const { schema } = db;
    await run(
      schema
        .createTable('organization_invitations')
        .addColumn('invitation_id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.organization_id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('group_id', 'text')
        .addColumn('max_uses', 'integer', (c) => c.notNull())
        .addColumn('uses', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('expires_ms', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'text'),
    );
    await run(
      schema.createIndex('organization_invitations_org').on('organization_invitations').columns(['organization_id', 'invitation_id']),
    );
  },
};
