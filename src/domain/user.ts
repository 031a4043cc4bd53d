/**
 * People in the newsroom and what each may do. Roles are ordered: an editor may do what a
 * reporter may, an admin what an editor may. What is finer than a role (a reporter's own
 * drafts, the live blogs a reporter is assigned to) the route checks on the object.
 */
export const NEWSROOM_ROLES = ["reporter", "editor", "admin"] as const;
export type NewsroomRole = (typeof NEWSROOM_ROLES)[number];

export interface User {
  id: number;
  email: string;
  name: string;
  role: NewsroomRole;
  /** ISO 8601; null while the account may sign in. */
  disabledAt: string | null;
  createdAt: string;
}

export function isNewsroomRole(value: unknown): value is NewsroomRole {
  return typeof value === "string" && (NEWSROOM_ROLES as readonly string[]).includes(value);
}

/** `role` may do what `needed` may. */
export function roleAtLeast(role: NewsroomRole, needed: NewsroomRole): boolean {
  return NEWSROOM_ROLES.indexOf(role) >= NEWSROOM_ROLES.indexOf(needed);
}

/**
 * Who may call a route: anyone (`public`: sign-in, setup), anyone signed in, or a role
 * and those above it. Every newsroom and write-API route declares one.
 */
export type Access = "public" | "signed-in" | NewsroomRole;

export function accessAllows(access: Access, role: NewsroomRole | null): boolean {
  if (access === "public") return true;
  if (role === null) return false;
  return access === "signed-in" || roleAtLeast(role, access);
}

/** E-mail addresses as accounts know them: trimmed and lower-cased, or null if not one. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email)) return null;
  return email;
}
