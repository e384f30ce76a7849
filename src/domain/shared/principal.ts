/** The roles a principal can have. There is no anonymous writer. */
export const ROLES = ['citizen', 'staff', 'partner', 'board_member', 'researcher', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who acts: an authenticated subject with one role, bound to a centre for centre-scoped roles,
 * and a partner's own people to their partner.
 */
export interface Principal {
  id: string;
  role: Role;
  centreId?: string;
  /** For the partner role: the partner whose people they are. */
  partnerId?: string;
}
