/**
 * `POST /v2/api-keys`: a user key for the caller, or a service key scoped to a
 * space and backed by a new bot user holding the requested roles.
 */
import { effectiveSpaceRole, roleRank } from "../auth.ts";
import { encodeId } from "../ids.ts";
import { apiKeyCreatedView, issueKey } from "../keys.ts";
import { KEY_TYPES, type User } from "../model.ts";
import { badField, json, ProblemError } from "../responses.ts";
import { BodyFields, codePointLength, parseJsonObject } from "../validate.ts";
import type { RouteContext } from "./context.ts";
import { capRoles, parseRoles } from "./_roles.ts";
import { lookupSpace } from "./_lookup.ts";

const FIELDS = ["name", "description", "key_type", "expires_at", "space_id", "roles"];

/** Longest name, in Unicode code points. */
export const MAX_NAME = 256;
/** Longest description, in Unicode code points. */
export const MAX_DESCRIPTION = 1000;

/** Creates an API key and returns it with its secret (201). */
export function createKey(ctx: RouteContext) {
  const { store } = ctx.emulator;
  const caller = ctx.caller.user;
  const body = new BodyFields(parseJsonObject(ctx.body, { allowEmpty: false }));
  body.onlyKnown(FIELDS);
  const { name, description } = parseNameAndDescription(body);
  const keyType = body.enumOf("key_type", KEY_TYPES) ?? "user";
  const expires = body.futureTime("expires_at", ctx.now);

  if (keyType === "user") {
    if (body.has("space_id")) throw badField("space_id", "is not allowed for user keys");
    if (body.has("roles")) throw badField("roles", "are not allowed for user keys");
    if (!caller.developer) {
      throw new ProblemError(403, "the developer permission flag is required to create user keys");
    }
    const { record, secret } = issueKey(store, {
      name,
      description,
      key_type: "user",
      created_by_user_id: caller.id,
      expires_ms: expires,
      now: ctx.now,
    });
    ctx.emulator.changed("hard");
    return json(201, apiKeyCreatedView(record, secret));
  }

  const spaceId = body.string("space_id");
  if (spaceId === undefined) throw badField("space_id", "is required for service keys");
  const roles = parseRoles(body.raw("roles"));
  const space = lookupSpace(store, spaceId);
  const callerRole = effectiveSpaceRole(caller, space.id);
  if (callerRole === undefined || roleRank(callerRole, "space") < roleRank("member", "space")) {
    throw new ProblemError(
      403,
      `space_id: creating service keys needs the member role or above in space '${space.id}'`,
    );
  }
  capRoles(roles, { caller, spaceId: space.id });
  const botSeq = store.nextSeq();
  const bot: User = {
    id: encodeId("User", botSeq),
    name: `Service key bot (${name})`,
    email: `service-key-${botSeq}@bots.emulator.invalid`,
    account_role: roles.account_role,
    org_role: roles.org_role,
    developer: false,
    bot: true,
    space_roles: { [space.id]: roles.space_role },
  };
  store.addUser(bot);
  const { record, secret } = issueKey(store, {
    name,
    description,
    key_type: "service",
    created_by_user_id: caller.id,
    space_id: space.id,
    bot_user_id: bot.id,
    expires_ms: expires,
    now: ctx.now,
  });
  ctx.emulator.changed("hard");
  return json(201, apiKeyCreatedView(record, secret));
}

function parseNameAndDescription(body: BodyFields) {
  if (!body.has("name")) throw badField("name", "is required");
  const name = body.string("name")!;
  const nameLength = codePointLength(name);
  if (nameLength === 0) throw badField("name", "must not be empty");
  if (nameLength > MAX_NAME) {
    throw badField("name", `must be at most ${MAX_NAME} characters (got ${nameLength})`);
  }
  const description = body.string("description");
  const descriptionLength = description === undefined ? 0 : codePointLength(description);
  if (descriptionLength > MAX_DESCRIPTION) {
    throw badField(
      "description",
      `must be at most ${MAX_DESCRIPTION} characters (got ${descriptionLength})`,
    );
  }
  return { name, description };
}
