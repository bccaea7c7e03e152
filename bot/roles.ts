/** Role and persona ids from ../shared/spec/taxonomy.md. */
import type { Action, PERSONAS } from './content/taxonomy';

export type StaffRole = 'manager' | 'recruitment-officer' | 'association-rep' | 'content-editor' | 'admin';
export type Role = 'carer' | StaffRole;
export type Persona = (typeof PERSONAS)[number];

export const STAFF_ROLES: readonly StaffRole[] = ['manager', 'recruitment-officer', 'association-rep', 'content-editor', 'admin'];

export interface RoleDirectory {
  /** Roles held by a user id; empty for everyone not listed. */
  rolesOf(userId: string | undefined): ReadonlySet<StaffRole>;
}

export function createRoleDirectory(idsByRole: Record<StaffRole, readonly string[]>): RoleDirectory {
  const rolesById = new Map<string, Set<StaffRole>>();
  for (const role of STAFF_ROLES) {
    for (const id of idsByRole[role]) {
      const key = id.toLowerCase();
      const roles = rolesById.get(key) ?? new Set<StaffRole>();
      roles.add(role);
      rolesById.set(key, roles);
    }
  }
  const none: ReadonlySet<StaffRole> = new Set();
  return {
    rolesOf: (userId) => (userId === undefined ? none : (rolesById.get(userId.toLowerCase()) ?? none)),
  };
}

/**
 * Actions whose flow only carers have: the classifier never decides them for anyone else, and the routing registry
 * serves them to carers only (a test holds the two together).
 */
export const CARER_ONLY_ACTIONS: ReadonlySet<Action> = new Set(['allegation-support', 'retention', 'training-booking', 'transport-report']);

/**
 * The persona a turn is handled as. Staff roles take precedence in this order because a manager who is also an
 * association rep reviews concerns first.
 */
export function personaFor(roles: ReadonlySet<StaffRole>, publicPage: boolean): Persona {
  if (roles.has('manager')) return 'manager';
  if (roles.has('recruitment-officer')) return 'recruitment-officer';
  if (roles.has('association-rep')) return 'association-rep';
  return publicPage ? 'enquirer' : 'carer';
}
