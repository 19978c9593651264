/**
 * Contract test: Arize's official TypeScript SDK (`@arizeai/ax-client@1.23.0`)
 * drives a real emulator process over HTTP. Every call must succeed with the
 * documented fields: this is the proof that the emulator speaks Arize's wire
 * format, not just what ax happens to send.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import {
  type ApiKey,
  AuthenticationError,
  AuthorizationError,
  BadRequestError,
  createApiKey,
  createClient,
  listApiKeys,
  listSpaces,
  NotFoundError,
  refreshApiKey,
  revokeApiKey,
} from "@arizeai/ax-client";
import { useEmulator } from "../_helpers/emulator_fixture.ts";

const fx = useEmulator("sdk-contract");
let admin: ReturnType<typeof createClient>;
let user: ReturnType<typeof createClient>;

function clientFor(apiKey: string) {
  return createClient({ apiKey, baseUrl: fx.emu.url, getEnvironmentOptions: () => ({}) });
}

function assertDocumentedKey(key: ApiKey): void {
  assert.equal(typeof key.id, "string");
  assert.match(atob(key.id), /:/);
  assert.equal(typeof key.name, "string");
  assert.ok(key.keyType === "user" || key.keyType === "service");
  assert.ok(key.status === "active" || key.status === "revoked");
  assert.match(key.redactedKey, /^ak-\w{3}\.\.\.\w{3}$/);
  assert.ok(key.createdAt instanceof Date && !Number.isNaN(key.createdAt.getTime()));
  assert.equal(typeof key.createdByUserId, "string");
}

async function works(apiKey: string): Promise<boolean> {
  try {
    await listSpaces({ client: clientFor(apiKey) });
    return true;
  } catch (error) {
    if (error instanceof AuthenticationError) return false;
    throw error;
  }
}

describe("official SDK against the emulator", () => {
  const warningSetting = process.env.DISABLE_PRERELEASE_WARNING;
  before(() => {
    // The SDK warns on stderr once per alpha endpoint unless told not to.
    process.env.DISABLE_PRERELEASE_WARNING = "true";
    admin = clientFor(fx.emu.adminKey);
    user = clientFor(fx.emu.userKey);
  });
  after(() => {
    if (warningSetting === undefined) delete process.env.DISABLE_PRERELEASE_WARNING;
    else process.env.DISABLE_PRERELEASE_WARNING = warningSetting;
  });

  it("createApiKey makes a user key with every documented field", async () => {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    const created = await createApiKey({
      client: user,
      name: "CI pipeline key",
      description: "Key used by the CI pipeline",
      expiresAt,
    });
    assertDocumentedKey(created);
    assert.equal(created.keyType, "user");
    assert.equal(created.status, "active");
    assert.equal(created.description, "Key used by the CI pipeline");
    assert.equal(created.expiresAt?.getTime(), Math.floor(expiresAt.getTime()));
    assert.equal(created.createdByUserId, fx.emu.userId);
    assert.match(created.key, /^ak-[0-9A-Za-z]{40,}$/);
    assert.equal(await works(created.key), true);
  });

  it("createApiKey makes a service key with roles, scoped to its space", async () => {
    const space = fx.emu.spaces.find((s) => s.name === "staging")!;
    const created = await createApiKey({
      client: admin,
      name: "deploy bot",
      keyType: "service",
      spaceId: space.id,
      roles: { spaceRole: "admin", orgRole: "read-only", accountRole: "member" },
    });
    assertDocumentedKey(created);
    assert.equal(created.keyType, "service");
    const spaces = await listSpaces({ client: clientFor(created.key) });
    assert.deepEqual(spaces.data.map((s) => s.id), [space.id]);
    const listed = await listApiKeys({ client: admin, spaceId: space.id });
    assert.ok(listed.data.some((k) => k.id === created.id));
    const serviceOnly = await listApiKeys({ client: admin, spaceId: space.id, keyType: "service" });
    assert.ok(serviceOnly.data.every((k) => k.keyType === "service"));
  });

  it("listApiKeys pages through at least three pages with opaque cursors", async () => {
    const names = Array.from({ length: 7 }, (_, i) => `paged ${i}`);
    for (const name of names) await createApiKey({ client: admin, name });
    const seen: ApiKey[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listApiKeys({ client: admin, limit: 3, cursor });
      assert.ok(page.data.length <= 3);
      page.data.forEach(assertDocumentedKey);
      seen.push(...page.data);
      assert.equal(page.pagination.hasMore, page.pagination.nextCursor !== undefined);
      cursor = page.pagination.nextCursor;
      pages++;
    } while (cursor);
    assert.ok(pages >= 3, `only ${pages} pages`);
    assert.equal(new Set(seen.map((k) => k.id)).size, seen.length);
    const paged = seen.filter((k) => k.name.startsWith("paged ")).map((k) => k.name);
    assert.deepEqual(paged, [...names].reverse());
  });

  it("listApiKeys filters by status and, for admins, by user", async () => {
    const mine = await createApiKey({ client: user, name: "to be listed by admin" });
    const byUser = await listApiKeys({ client: admin, userId: fx.emu.userId, keyType: "user" });
    assert.ok(byUser.data.some((k) => k.id === mine.id));
    assert.ok(byUser.data.every((k) => k.createdByUserId === fx.emu.userId));
    await assert.rejects(
      listApiKeys({ client: user, userId: fx.emu.adminUserId }),
      AuthorizationError,
    );
    const active = await listApiKeys({ client: user, status: "active" });
    assert.ok(active.data.every((k) => k.status === "active"));
  });

  it("revokeApiKey revokes at once and again without error", async () => {
    const created = await createApiKey({ client: admin, name: "short-lived" });
    assert.equal(await revokeApiKey({ client: admin, apiKeyId: created.id }), undefined);
    assert.equal(await revokeApiKey({ client: admin, apiKeyId: created.id }), undefined);
    assert.equal(await works(created.key), false);
    const revoked = await listApiKeys({ client: admin, status: "revoked" });
    const found = revoked.data.find((k) => k.id === created.id);
    assert.equal(found?.status, "revoked");
    await assert.rejects(
      revokeApiKey({ client: admin, apiKeyId: btoa("ApiKey:999999:none") }),
      NotFoundError,
    );
  });

  it("refreshApiKey without a grace period replaces the key at once", async () => {
    const old = await createApiKey({ client: user, name: "rotating", description: "d" });
    const fresh = await refreshApiKey({ client: user, apiKeyId: old.id });
    assertDocumentedKey(fresh);
    assert.notEqual(fresh.id, old.id);
    assert.equal(fresh.name, "rotating");
    assert.equal(fresh.description, "d");
    assert.equal(fresh.keyType, "user");
    assert.equal(await works(old.key), false);
    assert.equal(await works(fresh.key), true);
  });

  it("refreshApiKey with a grace period keeps the old key until it ends", async () => {
    const expiresAt = new Date(Date.now() + 10 * 86_400_000);
    const old = await createApiKey({ client: admin, name: "graceful", expiresAt });
    const fresh = await refreshApiKey({
      client: admin,
      apiKeyId: old.id,
      expiresAt,
      gracePeriodSeconds: 600,
    });
    assert.equal(fresh.expiresAt?.getTime(), Math.floor(expiresAt.getTime()));
    assert.equal(await works(old.key), true);
    await fx.emu.advanceClock(601);
    assert.equal(await works(old.key), false);
    assert.equal(await works(fresh.key), true);
  });

  it("maps validation failures to the SDK's error classes", async () => {
    await assert.rejects(createApiKey({ client: admin, name: "" }), BadRequestError);
    const bounded = await createApiKey({
      client: admin,
      name: "bounded",
      expiresAt: new Date(Date.now() + 86_400_000 * 400),
    });
    await assert.rejects(
      refreshApiKey({ client: admin, apiKeyId: bounded.id }),
      (error: Error & { statusCode?: number }) => error.statusCode === 422,
    );
  });
});
