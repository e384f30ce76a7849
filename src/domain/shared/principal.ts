/** The roles a principal can have. There is no anonymous writer. */
export const ROLES = ['citizen', 'staff', 'partner', 'board_member', 'researcher', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who acts: an authenticated subject with one role, bound to a centre for centre-scoped roles. */
export interface Principal {
  id: string;
  role: Role;
  centreId?: string;
}
