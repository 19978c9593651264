import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  apiErrorFromResponse,
  hintsForStatus,
  readProblem,
  reasonPhrase,
} from "../../api/problem.ts";

describe("apiErrorFromResponse", () => {
  const cases: [string, number, unknown, string, number][] = [
    [
      "detail wins over title",
      400,
      { title: "Bad Request", status: 400, detail: "limit must be 1-100" },
      "400 Bad Request; limit must be 1-100",
      4,
    ],
    [
      "title without detail",
      403,
      { title: "Forbidden", status: 403 },
      "403 Forbidden; Forbidden",
      4,
    ],
    ["no problem body", 502, undefined, "502 Bad Gateway", 4],
    ["a JSON body that is not a problem", 500, { error: 1 }, "500 Internal Server Error", 4],
    [
      "401 exits 3",
      401,
      { title: "Unauthorized", status: 401, detail: "Invalid API key" },
      "401 Unauthorized; Invalid API key",
      3,
    ],
    [
      "422",
      422,
      { title: "Unprocessable", status: 422, detail: "expires_at after the old key's expiry" },
      "422 Unprocessable Content; expires_at after the old key's expiry",
      4,
    ],
  ];
  for (const [name, status, body, message, exitCode] of cases) {
    it(name, () => {
      const error = apiErrorFromResponse({ status, body });
      assert.equal(error.message, message);
      assert.equal(error.exitCode, exitCode);
      assert.equal(error.status, status);
    });
  }

  it("keeps the problem for --verbose", () => {
    const body = {
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "d",
      instance: "/x",
    };
    assert.deepEqual(apiErrorFromResponse({ status: 404, body }).problem, body);
  });

  it("uses the server's reason phrase only for unknown statuses", () => {
    assert.equal(reasonPhrase(404, "Nope"), "Not Found");
    assert.equal(reasonPhrase(499, "Client Closed"), "Client Closed");
    assert.equal(reasonPhrase(499, ""), "Error");
  });

  it("reads a problem with only a detail", () => {
    assert.deepEqual(readProblem({ detail: "d" }, 409), {
      title: "Conflict",
      status: 409,
      detail: "d",
    });
    assert.equal(readProblem("text", 409), undefined);
  });
});

describe("hintsForStatus", () => {
  it("has the documented suggestion lines", () => {
    assert.deepEqual(hintsForStatus(401), [
      "Check your API key: run `ax profiles validate`, or set ARIZE_API_KEY.",
    ]);
    assert.deepEqual(hintsForStatus(404), ["Verify the ID exists using the list command."]);
    assert.deepEqual(hintsForStatus(429), ["Rate limit exceeded. Wait a moment and try again."]);
    assert.equal(hintsForStatus(403).length, 1);
    assert.deepEqual(hintsForStatus(422), []);
  });

  it("a 404 names the ID for a request about one resource, the base URL for a list", () => {
    const baseUrl = "https://wrong.example/api";
    assert.deepEqual(hintsForStatus(404, { baseUrl, namesId: true }), [
      "Verify the ID exists using the list command.",
    ]);
    assert.deepEqual(hintsForStatus(404, { baseUrl, namesId: false }), [
      "The server at https://wrong.example/api does not know this endpoint: check ARIZE_BASE_URL or the profile's [routing] (`ax profiles show` shows which base URL is in use).",
    ]);
    // Other statuses do not depend on the request.
    assert.deepEqual(hintsForStatus(429, { baseUrl, namesId: false }), hintsForStatus(429));
  });
});
