/** product.md "Who uses it": each user has exactly one of these roles. */
export const ROLES = ['enterprise', 'solver', 'expert', 'bureau', 'finance'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** Who is acting; `null` is an anonymous member of the public. */
export type Actor = { userId: string; role: Role; organizationId: string | null; isOrgAdmin: boolean } | null;
