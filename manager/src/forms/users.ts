import { passwordSchema, usernameSchema, type StaffUser } from '../../../protocol/admin.ts';
import type { Role } from '../../../protocol/views.ts';

/** The "new user" form as typed. */
export interface UserForm {
  username: string;
  password: string;
  role: Role;
}

export const newUserForm = (): UserForm => ({ username: '', password: '', role: 'clerk' });

/** Catalogue keys of what is wrong, checked with the hub's own rules (protocol/admin.ts). */
export function userProblems(form: UserForm, users: readonly Pick<StaffUser, 'username'>[]): string[] {
  const problems: string[] = [];
  const name = form.username.trim();
  if (!usernameSchema.safeParse(name).success) problems.push('users.invalid.username');
  else if (users.some((u) => u.username.toLowerCase() === name.toLowerCase())) problems.push('users.invalid.usernameTaken');
  if (!passwordSchema.safeParse(form.password).success) problems.push('users.invalid.password');
  return problems;
}
