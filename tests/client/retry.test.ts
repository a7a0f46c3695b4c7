import { ConnectionError, InvalidArgumentError, NotFoundError, PermissionDeniedError, RateLimitedError, ServerError, TimeoutError, UnauthenticatedError, AlreadyExistsError, isAmbiguous } from "../../provider/client";
import { backoffMs, retryClass, retryDecision, DEFAULT_RETRY_POLICY } from "../../provider/client/retry";

const op = "GetNodepool";
const one = () => 0.999999;
const half = () => 0.5;

describe("retryClass", () => {
  it.each([
    ["connection", new ConnectionError({ operation: op }), "transient"],
    ["timeout", new TimeoutError({ operation: op }), "transient"],
    ["HTTP 500", new ServerError({ operation: op, httpStatus: 500 }), "transient"],
    ["HTTP 503", new ServerError({ operation: op, httpStatus: 503 }), "transient"],
    ["98004 on HTTP 200", new ServerError({ operation: op, httpStatus: 200, code: 98004 }), "transient"],
    ["10030 TRY_AGAIN", new ServerError({ operation: op, httpStatus: 200, code: 10030 }), "transient"],
    ["40031", new ServerError({ operation: op, httpStatus: 200, code: 40031 }), "transient"],
    ["429", new RateLimitedError({ operation: op, httpStatus: 429 }), "throttle"],
    ["11005", new RateLimitedError({ operation: op, httpStatus: 200, code: 11005 }), "throttle"],
    ["11003", new RateLimitedError({ operation: op, httpStatus: 429, code: 11003 }), "throttle"],
    ["not found", new NotFoundError({ operation: op, httpStatus: 404, code: 25700 }), "none"],
    ["invalid", new InvalidArgumentError({ operation: op, httpStatus: 400, code: 25701 }), "none"],
    ["already exists", new AlreadyExistsError({ operation: op, httpStatus: 400, code: 25701 }), "none"],
    ["unauthenticated", new UnauthenticatedError({ operation: op, httpStatus: 401, code: 11009 }), "none"],
    ["permission", new PermissionDeniedError({ operation: op, httpStatus: 403, code: 11007 }), "none"],
    ["non-JSON HTTP 200", new ServerError({ operation: op, httpStatus: 200 }), "none"],
  ])("%s", (_name, err, cls) => {
    expect(retryClass(err)).toBe(cls);
  });
});

describe("backoffMs", () => {
  const p = { ...DEFAULT_RETRY_POLICY, random: one };
  it("doubles from 250 ms and caps at 8 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => backoffMs(a, p))).toEqual([249, 499, 999, 1999, 3999, 7999, 7999, 7999]);
  });
  it("is full jitter: random 0 gives 0, 0.5 gives half", () => {
    expect(backoffMs(3, { ...p, random: () => 0 })).toBe(0);
    expect(backoffMs(3, { ...p, random: half })).toBe(500);
  });
  it("clamps a misbehaving random source", () => {
    expect(backoffMs(1, { ...p, random: () => 7 })).toBe(250);
    expect(backoffMs(1, { ...p, random: () => -1 })).toBe(0);
  });
});

describe("retryDecision", () => {
  const server = new ServerError({ operation: op, httpStatus: 503 });
  it.each(["GET", "PATCH", "DELETE"] as const)("%s retries 5xx with backoff", (m) => {
    expect(retryDecision(2, server, m, { random: half })).toEqual({ retry: true, verifyFirst: false, delayMs: 250, reason: "transient 2/6" });
  });
  it("stops after maxRetries", () => {
    expect(retryDecision(6, server, "GET").retry).toBe(true);
    const d = retryDecision(7, server, "GET");
    expect(d).toMatchObject({ retry: false, verifyFirst: false });
    expect(d.reason).toMatch(/budget of 6 spent/);
    expect(retryDecision(3, server, "GET", { maxRetries: 2 }).retry).toBe(false);
    expect(retryDecision(1, server, "GET", { maxRetries: 0 }).retry).toBe(false);
  });
  it("throttling has its own, larger budget", () => {
    const t = new RateLimitedError({ operation: op, httpStatus: 429 });
    expect(retryDecision(20, t, "GET", { maxRetries: 2 }).retry).toBe(true);
    expect(retryDecision(30, t, "GET").retry).toBe(true);
    expect(retryDecision(31, t, "GET").retry).toBe(false);
  });
  it("honours Retry-After over the backoff, capped", () => {
    const t = new RateLimitedError({ operation: op, httpStatus: 429, retryAfterMs: 3000 });
    expect(retryDecision(1, t, "GET", { random: half }).delayMs).toBe(3000);
    const long = new RateLimitedError({ operation: op, httpStatus: 429, retryAfterMs: 3_600_000 });
    expect(retryDecision(1, long, "GET").delayMs).toBe(60_000);
    const s = new ServerError({ operation: op, httpStatus: 503, retryAfterMs: 1000 });
    expect(retryDecision(1, s, "PATCH").delayMs).toBe(1000);
  });
  it("never retries final errors", () => {
    for (const e of [
      new NotFoundError({ operation: op, httpStatus: 404 }),
      new InvalidArgumentError({ operation: op, httpStatus: 400 }),
      new UnauthenticatedError({ operation: op, httpStatus: 401 }),
      new PermissionDeniedError({ operation: op, httpStatus: 403 }),
    ]) {
      for (const m of ["GET", "POST", "PATCH", "DELETE"] as const) {
        expect(retryDecision(1, e, m)).toEqual({ retry: false, verifyFirst: false, delayMs: 0, reason: `${e.kind} is final` });
      }
    }
  });
  describe("POST", () => {
    it("retries a throttle directly (the request was refused)", () => {
      expect(retryDecision(1, new RateLimitedError({ operation: "PostNodepools", httpStatus: 429 }), "POST")).toMatchObject({
        retry: true,
        verifyFirst: false,
      });
    });
    it("retries a connection that never opened", () => {
      const e = new ConnectionError({ operation: "PostNodepools", requestSent: false });
      expect(isAmbiguous(e)).toBe(false);
      expect(retryDecision(1, e, "POST")).toMatchObject({ retry: true, verifyFirst: false });
    });
    it.each([
      ["connection reset", new ConnectionError({ operation: "PostNodepools", requestSent: true })],
      ["timeout", new TimeoutError({ operation: "PostNodepools" })],
      ["HTTP 500", new ServerError({ operation: "PostNodepools", httpStatus: 500 })],
      ["98004", new ServerError({ operation: "PostNodepools", httpStatus: 200, code: 98004 })],
    ])("never blindly repeats after %s: verify first", (_n, e) => {
      expect(isAmbiguous(e)).toBe(true);
      expect(retryDecision(1, e, "POST", { random: half })).toEqual({ retry: false, verifyFirst: true, delayMs: 125, reason: "transient 1/6" });
    });
    it("gives up verifying-and-resending after the budget", () => {
      expect(retryDecision(7, new TimeoutError({ operation: "PostNodepools" }), "POST")).toMatchObject({ retry: false, verifyFirst: false });
    });
  });
});
