/**
 * The organization use cases: create one (its creator becomes head coach), list the ones the
 * caller may see, read and change one. Who may do what is asked of `authorize`
 * (permissions.ts) first; what is here are the rules of the changes themselves.
 */
import type { QueryParams } from '@astral/server';
import { ConflictError, NotFoundError } from '../../../domain/errors.js';
import { randomId } from '../../../domain/ids.js';
import { contractId, keysetCursor, keysetPage, type Page } from '../../../domain/keyset-cursor.js';
import { formatInstant } from '../../../domain/time.js';
import type { Principal } from '../../../domain/principal.js';
import { recordAudit } from '../audit/service.js';
import { join } from '../members/joining.js';
import type { Organization, OrganizationCreate, OrganizationUpdate } from '../model.js';
import { newMember } from '../new-member.js';
import { visibleOrganizations } from '../permissions.js';
import type { OrganizationParts } from '../parts.js';

const cursor = keysetCursor({ organizationId: contractId('o', 'Organization', 'org_id') });

/**
 * The organization use cases over the organization storages.
 *
 * @example
 * ```ts
 * const organizations = new OrganizationService({ repository, authorize: createAuthorizer(repository.organizations), now: () => new Date() });
 * await organizations.get(principal, 'org_alpineclub');
 * ```
 */
export class OrganizationService {
  constructor(private readonly options: OrganizationParts) {}

  /** Creates an organization with the caller as head coach; a caller already in one is a conflict. */
  async create(principal: Principal, input: OrganizationCreate): Promise<Organization> {
    const at = formatInstant(this.options.now().getTime());
    const organizationId = randomId('org');
    const organization: Organization = {
      org_id: organizationId,
      name: input.name,
      description: input.description ?? null,
      head_coach_user_id: principal.user_id,
      settings: { training_principle: input.settings?.training_principle ?? null, logo_url: input.settings?.logo_url ?? null },
      created_at: at,
      updated_at: at,
    };
    await this.options.repository.transaction(async (tx) => {
      if (await tx.organizations.membership(principal.user_id)) {
        throw new ConflictError('You are already a member of an organization; leave it before creating another');
      }
      await tx.organizations.create({
        organization_id: organizationId,
        // Organizations' usernames (an API key's principal) must be unique: the id is.
        username: organizationId,
        display_name: organization.name,
        description: organization.description,
        head_coach_user_id: principal.user_id,
        settings: organization.settings,
        created_at: at,
        updated_at: at,
      });
      await join(tx, newMember(principal.user_id, organizationId, 'head_coach', at));
      await recordAudit(
        tx.organizations,
        { organizationId, actorId: principal.user_id },
        { action: 'organization_created', userId: principal.user_id, from: null, to: 'head_coach', at },
      );
    });
    return organization;
  }

  /** The organizations the caller may see: every one for an admin (paged), else their own, if any. */
  async list(principal: Principal, query: QueryParams<'listOrganizations'>): Promise<Page<Organization>> {
    const { organizations } = this.options.repository;
    const after = query.cursor === undefined ? undefined : cursor.decode(query.cursor).organizationId;
    const visible = await visibleOrganizations(organizations, principal);
    let rows: Organization[];
    if (visible.all) {
      rows = await organizations.list({ afterId: after, limit: query.limit + 1 });
    } else {
      const own = visible.organizationId === null ? undefined : await organizations.details(visible.organizationId);
      rows = own && (after === undefined || own.org_id > after) ? [own] : [];
    }
    return keysetPage(rows, query.limit, (last) => cursor.encode({ organizationId: last.org_id }));
  }

  /** The organization, read once (with the caller's check, `authorize.organization`). */
  async get(principal: Principal, organizationId: string): Promise<Organization> {
    return (await this.options.authorize.organization('getOrganization', principal, organizationId)).organization;
  }

  /** Changes the fields sent; within `settings`, only the keys sent. */
  async update(principal: Principal, organizationId: string, change: OrganizationUpdate): Promise<Organization> {
    await this.options.authorize('updateOrganization', principal, organizationId);
    return this.options.repository.transaction(async (tx) => {
      // Read again in the transaction that writes it, so a concurrent change is not undone.
      const current = await tx.organizations.details(organizationId);
      if (!current) throw new NotFoundError('organization', 'org_id');
      const updated: Organization = {
        ...current,
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(change.description === undefined ? {} : { description: change.description }),
        settings: { ...current.settings, ...change.settings },
        updated_at: formatInstant(Math.max(this.options.now().getTime(), Date.parse(current.updated_at) + 1000)),
      };
      await tx.organizations.update(updated);
      return updated;
    });
  }
}
