/** Parsing the `roles` of a new service key and capping them at the caller's own. */
import { effectiveOrgRole, effectiveSpaceRole, roleRank } from "../auth.ts";
import {
  ACCOUNT_ROLES,
  type AccountRole,
  ORG_ROLES,
  type OrgRole,
  SPACE_ROLES,
  type SpaceRole,
  type User,
} from "../model.ts";
import { badField } from "../responses.ts";
import { BodyFields } from "../validate.ts";

/** The bot user's roles; omitted ones take the minimum privilege. */
export interface ServiceRoles {
  space_role: SpaceRole;
  org_role: OrgRole;
  account_role: AccountRole;
}

/** Reads `roles` (may be absent) from a create body. */
export function parseRoles(value: unknown): ServiceRoles {
  const roles: ServiceRoles = {
    space_role: "member",
    org_role: "read-only",
    account_role: "member",
  };
  if (value === undefined) return roles;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badField("roles", "must be an object with space_role, org_role, account_role");
  }
  const fields = new BodyFields(value as Record<string, unknown>, "roles.");
  fields.onlyKnown(["space_role", "org_role", "account_role"]);
  roles.space_role = fields.enumOf("space_role", SPACE_ROLES) ?? roles.space_role;
  roles.org_role = fields.enumOf("org_role", ORG_ROLES) ?? roles.org_role;
  roles.account_role = fields.enumOf("account_role", ACCOUNT_ROLES) ?? roles.account_role;
  return roles;
}

/** Rejects (400) any role above what `caller` holds itself in `spaceId` and beyond. */
export function capRoles(roles: ServiceRoles, of: { caller: User; spaceId: string }): void {
  const { caller, spaceId } = of;
  const spaceRole = effectiveSpaceRole(caller, spaceId) ?? "read-only";
  if (roleRank(roles.space_role, "space") > roleRank(spaceRole, "space")) {
    throw badField(
      "roles.space_role",
      `'${roles.space_role}' is above your own role '${spaceRole}' in this space`,
    );
  }
  const orgRole = effectiveOrgRole(caller);
  if (roleRank(roles.org_role, "org") > roleRank(orgRole, "org")) {
    throw badField("roles.org_role", `'${roles.org_role}' is above your own role '${orgRole}'`);
  }
  if (roleRank(roles.account_role, "account") > roleRank(caller.account_role, "account")) {
    throw badField(
      "roles.account_role",
      `'${roles.account_role}' is above your own role '${caller.account_role}'`,
    );
  }
}
