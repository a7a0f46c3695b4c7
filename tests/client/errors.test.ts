import * as util from "util";
import { AlreadyExistsError, ClarifaiError, ConnectionError, CreateConflictError, InvalidArgumentError, NotFoundError, PermissionDeniedError, RateLimitedError, ServerError, TimeoutError, UnauthenticatedError } from "../../provider/client";
import { buildApiError, buildTransportError, formatMessage, parseRetryAfter, withContext } from "../../provider/client/errors";

const op = "PostNodepools";
const body = (code: number, details?: string, description = "desc") => ({ status: { code, description, details, req_id: "r1" } });

describe("buildApiError: body status.code first", () => {
  it.each([
    [200, 10000, undefined],
    [404, 25800, NotFoundError],
    [404, 25700, NotFoundError],
    [404, 25900, NotFoundError],
    [404, 11101, NotFoundError],
    [400, 26000, NotFoundError],
    [400, 25701, InvalidArgumentError],
    [400, 25801, InvalidArgumentError],
    [400, 25902, InvalidArgumentError],
    [400, 11100, InvalidArgumentError],
    [400, 10020, InvalidArgumentError],
    [400, 40010, AlreadyExistsError],
    [401, 11008, UnauthenticatedError],
    [401, 11009, UnauthenticatedError],
    [401, 11102, UnauthenticatedError],
    [400, 11102, InvalidArgumentError],
    [403, 11007, PermissionDeniedError],
    [403, 21201, PermissionDeniedError],
    [429, 11005, RateLimitedError],
    [429, 11003, RateLimitedError],
    [200, 11005, RateLimitedError],
    [402, 11004, PermissionDeniedError],
    [500, 98004, ServerError],
    [500, 99009, ServerError],
    [503, 40031, ServerError],
    [503, 10030, ServerError],
    // body wins over HTTP status
    [500, 25800, NotFoundError],
    [200, 25701, InvalidArgumentError],
  ])("HTTP %i + code %i", (http, code, Cls) => {
    const e = buildApiError({ operation: op, httpStatus: http, body: body(code) });
    if (Cls === undefined) expect(e).toBeUndefined();
    else {
      expect(e).toBeInstanceOf(Cls);
      expect(e!.constructor).toBe(Cls);
      expect(e).toMatchObject({ operation: op, httpStatus: http, code, description: "desc", reqId: "r1" });
    }
  });

  it("'already exists' in details makes an *_INVALID_ARGUMENT an AlreadyExistsError", () => {
    const e = buildApiError({ operation: op, httpStatus: 400, body: body(25701, "Nodepool with id 'np' already exists") });
    expect(e).toBeInstanceOf(AlreadyExistsError);
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect(e!.kind).toBe("alreadyExists");
  });
});

describe("buildApiError: HTTP status second", () => {
  it.each([
    [400, InvalidArgumentError],
    [401, UnauthenticatedError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [408, TimeoutError],
    [409, AlreadyExistsError],
    [429, RateLimitedError],
    [500, ServerError],
    [502, ServerError],
    [418, InvalidArgumentError],
  ])("HTTP %i with a JSON body without a known code", (http, Cls) => {
    const e = buildApiError({ operation: op, httpStatus: http, body: { status: { description: "x" } } });
    expect(e!.constructor).toBe(Cls);
  });
  it("an unknown code on 200 is a plain ClarifaiError", () => {
    const e = buildApiError({ operation: op, httpStatus: 200, body: body(12345) });
    expect(e!.constructor).toBe(ClarifaiError);
    expect(e!.kind).toBe("unknown");
  });
  it("2xx without a status code is success", () => {
    expect(buildApiError({ operation: op, httpStatus: 200, body: {} })).toBeUndefined();
  });
});

describe("non-JSON bodies are transport/server errors", () => {
  it.each([
    [502, ServerError],
    [200, ServerError],
    [404, ServerError],
    [429, RateLimitedError],
  ])("HTTP %i", (http, Cls) => {
    const e = buildApiError({ operation: op, httpStatus: http, body: undefined, rawText: "<html>\n<b>Bad   gateway</b></html>" });
    expect(e!.constructor).toBe(Cls);
    expect(e!.description).toBe(`unexpected non-JSON response (HTTP ${http})`);
    expect(e!.details).toBe("<html> <b>Bad gateway</b></html>");
  });
});

describe("message format", () => {
  it("has every part", () => {
    const e = buildApiError({ operation: op, httpStatus: 400, body: body(25701, "min > max", "Invalid nodepool") })!;
    expect(e.message).toBe("PostNodepools failed: Invalid nodepool (min > max) [code 25701 NODEPOOL_INVALID_ARGUMENT, HTTP 400, req_id r1]");
    expect(e.codeName).toBe("NODEPOOL_INVALID_ARGUMENT");
    expect(e.name).toBe("InvalidArgumentError");
  });
  it("omits what is absent", () => {
    expect(formatMessage({ operation: "GetNodepool", description: "connection failed", details: "ECONNRESET" })).toBe(
      "GetNodepool failed: connection failed (ECONNRESET)",
    );
    expect(formatMessage({ operation: "X", code: 12345 })).toBe("X failed: no description [code 12345]");
  });
});

describe("Retry-After", () => {
  it("parses seconds and dates", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter("0.5")).toBe(500);
    expect(parseRetryAfter(3)).toBe(3000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:05 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter("")).toBeUndefined();
  });
  it("lands on the error", () => {
    const e = buildApiError({ operation: op, httpStatus: 429, body: body(11005), retryAfter: "7" });
    expect(e!.retryAfterMs).toBe(7000);
  });
});

describe("transport errors", () => {
  it("timeouts", () => {
    for (const c of ["ECONNABORTED", "ETIMEDOUT"]) {
      const e = buildTransportError("GetDeployment", c, 500);
      expect(e).toBeInstanceOf(TimeoutError);
      expect(e.message).toBe(`GetDeployment failed: no response within 500 ms (${c})`);
    }
  });
  it("connection errors know whether the request left", () => {
    expect(buildTransportError(op, "ECONNRESET")).toMatchObject({ kind: "connection", requestSent: true });
    expect(buildTransportError(op, "ECONNREFUSED")).toMatchObject({ kind: "connection", requestSent: false });
    expect(buildTransportError(op, undefined)).toBeInstanceOf(ConnectionError);
  });
});

describe("serialization", () => {
  it("toJSON and inspect carry the fields and nothing else", () => {
    const e = buildApiError({ operation: op, httpStatus: 404, body: body(25700, "nope") })!;
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: "NotFoundError",
      kind: "notFound",
      message: e.message,
      operation: op,
      httpStatus: 404,
      code: 25700,
      codeName: "NODEPOOL_DOES_NOT_EXIST",
      description: "desc",
      details: "nope",
      reqId: "r1",
    });
    expect(util.inspect(e)).toContain("NODEPOOL_DOES_NOT_EXIST");
    expect(Object.keys(e)).not.toContain("config");
    expect(ClarifaiError.isInstance(e)).toBe(true);
    expect(ClarifaiError.isInstance(new Error("x"))).toBe(false);
    expect(ClarifaiError.isInstance({ __clarifaiError: true })).toBe(true);
  });
  it("redacts server-provided text", () => {
    const e = buildApiError({
      operation: op,
      httpStatus: 400,
      body: body(25801, "key SECRET-PAT is invalid", "bad SECRET-PAT"),
      redact: (s) => s.split("SECRET-PAT").join("***"),
    })!;
    expect(JSON.stringify(e)).not.toContain("SECRET-PAT");
    expect(e.message).toBe("PostNodepools failed: bad *** (key *** is invalid) [code 25801 COMPUTE_CLUSTER_INVALID_ARGUMENT, HTTP 400, req_id r1]");
  });
  it("withContext keeps the class", () => {
    const e = withContext(new TimeoutError({ operation: op, description: "slow" }), { details: "more" });
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.message).toBe("PostNodepools failed: slow (more)");
    expect(new CreateConflictError({ operation: op }).kind).toBe("createConflict");
  });
});

describe("already exists: only for the id that was sent", () => {
  const conflict = "A deployment of model u/a/m already exists in nodepool 'np' (deployment 'other'); each model or workflow can only have one deployment per nodepool";
  it("names the id", () => {
    const e = buildApiError({ operation: "PostDeployments", httpStatus: 400, body: body(25901, "Deployment with id 'dep' already exists"), resourceId: "dep" });
    expect(e).toBeInstanceOf(AlreadyExistsError);
  });
  it("another uniqueness conflict stays an InvalidArgumentError", () => {
    const e = buildApiError({ operation: "PostDeployments", httpStatus: 400, body: body(25901, conflict), resourceId: "dep" });
    expect(e!.constructor).toBe(InvalidArgumentError);
  });
  it("an id that is a prefix of another word does not count", () => {
    const e = buildApiError({ operation: "PostNodepools", httpStatus: 400, body: body(25701, "Nodepool with id 'np-2' already exists"), resourceId: "np" });
    expect(e!.constructor).toBe(InvalidArgumentError);
  });
});
